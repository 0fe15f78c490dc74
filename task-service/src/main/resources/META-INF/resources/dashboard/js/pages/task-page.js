// A task: status and summary, the best execution, random vs model-guided counts, a stop button, the
// plots and the execution table. While the task runs it asks GET /tasks/{id}/changes?since=CURSOR every
// poll interval (ADR 0017) and redraws what changed; no reload.
import {api, metrics, config, ApiError} from '../api.js';
import {h, fill, fmt, badge, announce, FINAL_TASK} from '../dom.js';
import {progress} from './task-list.js';
import {chart} from '../charts/chart.js';
import {historyOption} from '../charts/history.js';
import {parallelOption} from '../charts/parallel.js';
import {importanceOption} from '../charts/importance.js';
import {sliceOption} from '../charts/slices.js';
import {intermediateOption} from '../charts/intermediate.js';
import {executionTable} from '../execution-table.js';

export async function mount(main, id, ctx) {
  const {pollMillis} = await config();
  const first = await api(`/tasks/${encodeURIComponent(id)}/changes`);
  let task = first.task;
  const executions = new Map(first.executions.map(e => [e.id, e]));
  let cursor = first.cursor;
  let gone = false;
  let timer = null;
  let updates = 0;
  const charts = new Map(); // figure id → chart, kept across updates (setOption redraws in place)

  const stop = h('button', {type: 'button', id: 'stop-task', class: 'danger', onclick: stopTask}, 'Stop task');
  const heading = h('div', {class: 'title-row'});
  const summary = h('section', {class: 'card summary', 'aria-labelledby': 'summary-title'});
  const best = h('section', {class: 'card best', 'aria-labelledby': 'best-title'});
  const liveLine = h('p', {class: 'muted', id: 'live-status'});
  const figure = (fid, caption, cls = 'plot') => h('figure', {class: 'card figure', id: fid},
    h('figcaption', {class: 'sr-only'}, caption), h('div', {class: cls, role: 'img', 'aria-label': caption}));
  const plots = {
    history: figure('plot-history', 'Optimization history: value per execution and best so far'),
    parallel: figure('plot-parallel', 'Parallel coordinates: parameters to value'),
    importance: figure('plot-importance', 'Parameter importance'),
    intermediate: figure('plot-intermediate', 'Intermediate values per execution'),
  };
  const slices = h('section', {class: 'slices', id: 'plot-slices', 'aria-label': 'Slice plots per parameter'});
  const tableBox = h('section', {class: 'card', 'aria-labelledby': 'exec-title'});
  fill(main,
    h('p', {class: 'crumbs'}, h('a', {href: '/dashboard/', 'data-link': true}, 'Tasks'), ' / ', task.name),
    heading, liveLine,
    h('div', {class: 'cards'}, summary, best),
    h('h2', {}, 'Plots'),
    h('div', {class: 'plots'}, plots.history, plots.parallel, plots.importance, plots.intermediate),
    h('h3', {}, 'Slices'), slices,
    h('h2', {id: 'exec-title'}, 'Executions'), tableBox);
  const table = executionTable(tableBox, task.name);

  function paramNames() {
    const names = (task.spec?.parameters || []).map(p => p.name);
    for (const e of executions.values()) Object.keys(e.parameters || {}).forEach(k => names.includes(k) || names.push(k));
    return names;
  }

  function drawSummary() {
    const {finished, max} = progress(task);
    const running = !FINAL_TASK.has(task.status) && task.status !== 'stopping';
    stop.hidden = !running;
    fill(heading, h('h1', {}, task.name), badge(task.status), stop);
    const s = task.statusSummary || {};
    const src = task.sourceSummary || {};
    fill(summary, h('h2', {id: 'summary-title'}, 'Summary'),
      h('p', {}, h('progress', {max, value: finished, 'aria-label': 'executions finished'}),
        ' ', h('strong', {id: 'task-progress'}, `${finished}/${max}`), ' executions finished'),
      h('dl', {class: 'facts'},
        fact('Status', task.status + (task.statusReason ? ` (${task.statusReason})` : '')),
        fact('Type', `${task.type}${task.engine ? ' · ' + task.engine : ''}`),
        fact('Search', task.searchModeReason || task.searchMode),
        task.spec?.targets ? fact('Targets', task.spec.targets.map(target).join(' · '))
          : fact('Target', target(task.spec?.target)),
        fact('Executions', Object.entries(s).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(' · ') || 'none yet'),
        fact('Random vs model-guided', h('span', {id: 'sources'}, `random ${src.random || 0} · model-guided ${src.model || 0}`
          + (src.grid ? ` · grid ${src.grid}` : '') + (src.manual ? ` · manual ${src.manual}` : ''))),
        fact('Project', task.project),
        fact('Created', `${fmt(task.createdAt)}${task.createdBy ? ' by ' + task.createdBy : ''}`),
        task.finishedAt ? fact('Finished', fmt(task.finishedAt)) : null,
        task.stoppedBy ? fact('Stopped by', task.stoppedBy) : null,
        task.warmStart ? fact('Warm start', h('span', {id: 'warm-start'}, // ADR 0034: prior observations, no executions
          `${task.warmStart.observations} prior observation${task.warmStart.observations === 1 ? '' : 's'} · `
          + task.warmStart.sources.map(w => `${w.taskId}: ${w.observations} kept, ${w.dropped} dropped`
            + (w.reason ? ` (${w.reason})` : '')).join(' · '))) : null));
    const b = task.best;
    if (task.paretoFront) { // a multi-objective task: the front instead of one best (ADR 0032)
      const metrics = (task.spec?.targets || []).map(t => t.metric);
      fill(best, h('h2', {id: 'best-title'}, 'Pareto front'),
        h('p', {}, `${task.paretoFront.length} non-dominated execution${task.paretoFront.length === 1 ? '' : 's'}`
          + (task.referencePoint ? ` · hypervolume ` : ''),
          task.referencePoint ? h('strong', {id: 'hypervolume'}, fmt(task.hypervolume)) : null,
          task.referencePoint ? ` against (${task.referencePoint.map(fmt).join(', ')}), ${task.referencePointSource}` : ''),
        h('table', {class: 'data compact', id: 'pareto-front'},
          h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'execution'), ...metrics.map(m => h('th', {scope: 'col'}, m)))),
          h('tbody', {}, task.paretoFront.map(f => h('tr', {},
            h('td', {}, h('a', {href: `/dashboard/executions/${encodeURIComponent(f.executionId)}`, 'data-link': true},
              f.executionId.replace(/^.*-(\d+)$/, '#$1'))),
            ...metrics.map(m => h('td', {class: 'num'}, fmt(f.values[m]))))))));
    } else fill(best, h('h2', {id: 'best-title'}, task.spec?.constraints?.length ? 'Best feasible execution' : 'Best execution'),
      b ? [h('p', {}, h('a', {href: `/dashboard/executions/${encodeURIComponent(b.executionId)}`, 'data-link': true,
        id: 'best-link'}, b.executionId.replace(/^.*-(\d+)$/, '#$1')), ' ', task.spec?.target?.metric || 'value', ' = ',
      h('strong', {id: 'best-value'}, fmt(b.value))),
      h('table', {class: 'data compact'}, h('tbody', {}, Object.entries(b.parameters || {})
        .map(([k, v]) => h('tr', {}, h('th', {scope: 'row'}, k), h('td', {class: 'num'}, fmt(v))))))]
        : h('p', {class: 'muted'}, 'No completed execution with the target metric yet.'));
    liveLine.textContent = FINAL_TASK.has(task.status)
      ? `Final: ${task.status}.`
      : `Live: checking for changes every ${Math.round(pollMillis / 1000)} s · ${updates} update${updates === 1 ? '' : 's'} so far`;
    liveLine.dataset.updates = updates;
  }

  async function drawPlots() {
    const q = encodeURIComponent(id);
    const metric = task.spec?.target?.metric;
    const [hist, imp, sl, pts] = await Promise.all([
      api(`/tasks/${q}/history`).catch(e => e),
      api(`/tasks/${q}/importance`).catch(e => e),
      api(`/tasks/${q}/slices`).catch(e => e),
      metrics(`/tasks/${q}/metrics`).catch(e => e)]);
    if (gone) return;
    plot(plots.history, hist, historyOption);
    plot(plots.parallel, null, () => parallelOption([...executions.values()],
      paramNames().map(n => (task.spec?.parameters || []).find(p => p.name === n) || {name: n}), metric || hist.metric));
    plot(plots.importance, imp, importanceOption);
    plot(plots.intermediate, pts, (p) => intermediateOption(p, metric || hist.metric));
    if (sl instanceof Error) {
      fill(slices, failed(sl));
      return;
    }
    const ids = sl.parameters.map(p => `plot-slice-${p.name}`);
    if (ids.join('\n') !== [...slices.children].map(f => f.id).join('\n')) {
      [...slices.children].forEach(f => { charts.get(f.id)?.dispose(); charts.delete(f.id); });
      fill(slices, sl.parameters.map(p => figure(`plot-slice-${p.name}`, `Slice: ${sl.metric} against ${p.name}`, 'plot small')));
    }
    sl.parameters.forEach((p, i) => plot(slices.children[i], p, (s) => sliceOption(s, sl.metric)));
  }

  function plot(fig, data, optionOf) {
    const box = fig.querySelector('.plot');
    if (data instanceof Error) {
      if (data instanceof ApiError && data.status === 401) ctx.onAuthError(data);
      charts.get(fig.id)?.dispose();
      charts.delete(fig.id);
      fill(box, failed(data));
      return;
    }
    if (!charts.has(fig.id)) {
      box.replaceChildren();
      charts.set(fig.id, chart(box));
    }
    charts.get(fig.id).set(optionOf(data));
  }

  async function stopTask() {
    stop.disabled = true;
    stop.textContent = 'Stopping…';
    try {
      task = await api(`/tasks/${encodeURIComponent(id)}/stop`, {method: 'POST'});
      announce(`Task ${task.name} is ${task.status}`);
      drawSummary();
    } catch (e) {
      if (ctx.onAuthError(e)) return;
      stop.disabled = false;
      stop.textContent = 'Stop task';
      heading.append(h('p', {class: 'error', role: 'alert'}, `Could not stop the task: ${e.message}`));
    }
  }

  async function poll() {
    if (gone) return;
    try {
      const ch = await api(`/tasks/${encodeURIComponent(id)}/changes?since=${encodeURIComponent(cursor)}`);
      if (gone) return;
      cursor = ch.cursor;
      const changed = ch.executions.length > 0 || JSON.stringify(ch.task) !== JSON.stringify(task);
      ch.executions.forEach(e => executions.set(e.id, e));
      task = ch.task || task;
      if (changed) {
        updates++;
        drawSummary();
        table.update([...executions.values()], paramNames());
        await drawPlots();
        announce(`${task.name}: ${progress(task).finished} of ${task.maxExecutions} finished`);
      }
    } catch (e) {
      if (ctx.onAuthError(e)) return;
      liveLine.textContent = `Live updates paused: ${e.message}; retrying.`;
    }
    if (!gone && !(FINAL_TASK.has(task.status) && [...executions.values()].every(e => isFinal(e)))) {
      timer = setTimeout(poll, pollMillis);
    } else if (!gone) {
      drawSummary();
    }
  }

  drawSummary();
  table.update([...executions.values()], paramNames());
  await drawPlots();
  timer = setTimeout(poll, FINAL_TASK.has(task.status) ? 0 : pollMillis);
  return () => { gone = true; clearTimeout(timer); charts.forEach(c => c.dispose()); charts.clear(); };
}

const isFinal = (e) => ['stopped', 'complete', 'error', 'crashed'].includes(e.status);

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value ?? '–')];
}

function target(t) {
  if (!t) return '–';
  if (t.value !== null && t.value !== undefined) return `${t.metric} → ${t.value}`;
  return `${t.metric}${t.direction ? ' · ' + t.direction : ''}`;
}

function failed(e) {
  return h('p', {class: 'error'}, `Not available: ${e.message}`);
}
