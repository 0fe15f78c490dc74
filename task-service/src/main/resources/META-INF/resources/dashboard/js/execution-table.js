// The executions of a task: sortable by any column (parameters and metrics included), filtered by
// status, exported as CSV (the rows shown, in the order shown).
import {h, fill, fmt, badge, duration} from './dom.js';

const STATUSES = ['created', 'queued', 'started', 'stopping', 'stopped', 'complete', 'error', 'crashed'];

/** Mounts the table in `el`; returns {update(executions, params)}. */
export function executionTable(el, taskName) {
  const state = {sort: {key: 'seq', dir: 1}, status: '', executions: [], paramNames: [], metricNames: [], constrained: false};
  const status = h('select', {id: 'exec-status', name: 'status'},
    h('option', {value: ''}, 'any status'), STATUSES.map(s => h('option', {value: s}, s)));
  status.addEventListener('change', () => { state.status = status.value; draw(); });
  const csv = h('button', {type: 'button', id: 'export-csv', onclick: () => download()}, 'Export CSV');
  const count = h('span', {class: 'muted', id: 'exec-count'});
  const tableBox = h('div', {class: 'scroll'});
  fill(el, h('div', {class: 'filters'}, h('label', {for: 'exec-status'}, 'Status'), status, csv, count), tableBox);

  function columns() {
    return [
      {key: 'seq', label: '#', get: e => e.seq},
      {key: 'status', label: 'status', get: e => e.status},
      {key: 'attempt', label: 'attempt', get: e => e.attempt ?? 1},
      {key: 'source', label: 'source', get: e => e.source},
      ...state.paramNames.map(n => ({key: 'p:' + n, label: n, get: e => e.parameters?.[n], param: true})),
      ...state.metricNames.map(n => ({key: 'm:' + n, label: n, get: e => e.metrics?.[n], metric: true})),
      // a task with constraints (ADR 0033): whether each complete execution meets them, and which it breaks
      ...(state.constrained ? [{key: 'feasible', label: 'feasible', get: e => e.feasible == null ? null : (e.feasible ? 'yes' : 'no'),
        show: e => e.feasible == null ? '' : (e.feasible ? 'yes' : `no: ${(e.violatedConstraints || []).join('; ')}`)}] : []),
      {key: 'duration', label: 'duration', get: e => e.startedAt ? (new Date(e.finishedAt || Date.now()) - new Date(e.startedAt)) : null,
        show: e => duration(e.startedAt, e.finishedAt)},
    ];
  }

  function rows() {
    const col = columns().find(c => c.key === state.sort.key) || columns()[0];
    const list = state.executions.filter(e => !state.status || e.status === state.status);
    return list.sort((a, b) => state.sort.dir * compare(col.get(a), col.get(b)) || a.seq - b.seq);
  }

  function draw() {
    const cols = columns();
    const list = rows();
    count.textContent = `${list.length} of ${state.executions.length} executions`;
    fill(tableBox, h('table', {class: 'data', id: 'executions'},
      h('caption', {class: 'sr-only'}, 'Executions; the column buttons sort'),
      h('thead', {}, h('tr', {}, cols.map(c => h('th', {scope: 'col',
        'aria-sort': state.sort.key === c.key ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none',
        class: c.param ? 'param' : (c.metric ? 'metric' : '')},
      h('button', {type: 'button', class: 'sort', dataset: {sort: c.key}, onclick: () => {
        state.sort = {key: c.key, dir: state.sort.key === c.key ? -state.sort.dir : 1};
        draw();
        tableBox.querySelector(`button[data-sort="${CSS.escape(c.key)}"]`)?.focus();
      }}, c.label, state.sort.key === c.key ? (state.sort.dir > 0 ? ' ▲' : ' ▼') : ''))))),
      h('tbody', {}, list.map(e => h('tr', {dataset: {execution: e.id, seq: e.seq}},
        cols.map(c => h('td', {class: typeof c.get(e) === 'number' ? 'num' : ''},
          c.key === 'seq' ? h('a', {href: `/dashboard/executions/${encodeURIComponent(e.id)}`, 'data-link': true}, `#${e.seq}`)
            : c.key === 'status' ? badge(e.status) : (c.show ? c.show(e) : fmt(c.get(e))))))))));
  }

  function download() {
    const cols = columns().filter(c => c.key !== 'duration');
    const lines = [['id', ...cols.map(c => c.label), 'startedAt', 'finishedAt'].map(cell).join(',')];
    for (const e of rows()) {
      lines.push([e.id, ...cols.map(c => c.get(e)), e.startedAt, e.finishedAt].map(cell).join(','));
    }
    const blob = new Blob([lines.join('\r\n') + '\r\n'], {type: 'text/csv'});
    const a = h('a', {href: URL.createObjectURL(blob), download: `${(taskName || 'task').replace(/[^\w.-]+/g, '_')}-executions.csv`});
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  return {
    update(executions, paramNames) {
      state.executions = executions;
      state.paramNames = paramNames;
      const metricNames = new Set();
      executions.forEach(e => Object.keys(e.metrics || {}).forEach(k => metricNames.add(k)));
      state.metricNames = [...metricNames].sort();
      state.constrained = executions.some(e => e.feasible != null);
      draw();
    },
  };
}

function compare(a, b) {
  const na = a === null || a === undefined || a === '';
  const nb = b === null || b === undefined || b === '';
  if (na || nb) return na === nb ? 0 : (na ? 1 : -1);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, {numeric: true});
}

/** One CSV cell (RFC 4180 quoting; a leading =, +, - or @ of text is escaped against spreadsheet formulas). */
export function cell(v) {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@]/.test(s) && Number.isNaN(Number(s))) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
