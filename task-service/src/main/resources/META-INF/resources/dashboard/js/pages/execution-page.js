// One execution: parameters, every metric over time (one chart per key), the log tail streaming live
// (executor-service's /log?offset=N, polled while the execution runs) and its output files.
import {executor, metrics, config, call} from '../api.js';
import {h, fill, fmt, badge, duration, FINAL_EXECUTION} from '../dom.js';
import {chart, title, valueAxis} from '../charts/chart.js';

const LOG_KEEP = 200_000; // characters of log kept on the page (the tail)

export async function mount(main, id, ctx) {
  const {pollMillis, executorUrl} = await config();
  const q = encodeURIComponent(id);
  let ex = await executor(`/executions/${q}`);
  let gone = false;
  let timer = null;
  let offset = 0;
  let lastMetricCount = -1;
  const charts = [];

  const head = h('div', {class: 'title-row'});
  const facts = h('section', {class: 'card', 'aria-labelledby': 'exec-facts'});
  const params = h('section', {class: 'card', 'aria-labelledby': 'exec-params'});
  const metricBox = h('div', {class: 'plots', id: 'execution-metrics'});
  const log = h('pre', {class: 'log', id: 'log', tabindex: '0', 'aria-label': 'Log (stdout and stderr)'});
  const follow = h('input', {type: 'checkbox', id: 'follow-log', checked: true});
  const outputs = h('section', {class: 'card', id: 'outputs', 'aria-labelledby': 'outputs-title'});
  fill(main,
    h('p', {class: 'crumbs'}, h('a', {href: '/dashboard/', 'data-link': true}, 'Tasks'), ' / ',
      h('a', {href: `/dashboard/tasks/${encodeURIComponent(ex.taskId)}`, 'data-link': true}, 'task'), ' / ', `#${ex.seq}`),
    head, h('div', {class: 'cards'}, facts, params),
    h('h2', {}, 'Metrics'), metricBox,
    h('div', {class: 'title-row'}, h('h2', {}, 'Log'),
      h('label', {class: 'inline', for: 'follow-log'}, follow, ' follow the end')),
    log, outputs);

  function drawFacts() {
    fill(head, h('h1', {}, `Execution #${ex.seq}`), badge(ex.status));
    fill(facts, h('h2', {id: 'exec-facts'}, 'Execution'), h('dl', {class: 'facts'},
      fact('Id', ex.id), fact('Status', ex.status + (ex.reason ? ` (${ex.reason})` : '')),
      fact('Source', ex.source), fact('Batch', ex.batch), fact('Exit code', ex.exitCode),
      fact('Command', ex.argv ? ex.argv.join(' ') : (ex.command || '–')),
      fact('Started', fmt(ex.startedAt)), fact('Duration', duration(ex.startedAt, ex.finishedAt)),
      fact('Executor', ex.executor)));
    fill(params, h('h2', {id: 'exec-params'}, 'Parameters'),
      h('table', {class: 'data compact', id: 'parameters'}, h('tbody', {}, Object.entries(ex.parameters || {})
        .map(([k, v]) => h('tr', {}, h('th', {scope: 'row'}, k), h('td', {class: 'num'}, fmt(v)))))));
  }

  async function drawMetrics() {
    const points = await metrics(`/executions/${q}/metrics`).catch(e => e);
    if (gone) return;
    if (points instanceof Error) {
      fill(metricBox, h('p', {class: 'error'}, `Not available: ${points.message}`));
      return;
    }
    if (points.length === lastMetricCount) return;
    lastMetricCount = points.length;
    // x: seconds since the execution's first report (a quick script reports many times a second)
    const t0 = points.length ? Math.min(...points.map(p => Date.parse(p.time))) : 0;
    const byKey = new Map();
    for (const p of points) {
      if (typeof p.value !== 'number') continue;
      if (!byKey.has(p.key)) byKey.set(p.key, []);
      byKey.get(p.key).push([(Date.parse(p.time) - t0) / 1000, p.value, p.sequence]);
    }
    charts.splice(0).forEach(c => c.dispose());
    if (!byKey.size) {
      fill(metricBox, h('p', {class: 'muted'}, 'No numeric metadata logged yet.'));
      return;
    }
    fill(metricBox, [...byKey.keys()].map(k => h('figure', {class: 'card figure', id: `metric-${k}`},
      h('figcaption', {class: 'sr-only'}, `${k} over time`), h('div', {class: 'plot small', role: 'img', 'aria-label': `${k} over time`}))));
    [...byKey.entries()].forEach(([k, data], i) => {
      const c = chart(metricBox.children[i].querySelector('.plot'));
      charts.push(c);
      c.set({
        title: title(k, `${data.length} point${data.length === 1 ? '' : 's'}`),
        tooltip: {trigger: 'item', formatter: (p) => `report ${p.value[2]} at ${p.value[0]} s: ${p.value[1]}`},
        grid: {left: 64, right: 16, top: 56, bottom: 40},
        xAxis: {type: 'value', name: 'seconds since the first report', nameLocation: 'middle', nameGap: 26, min: 0},
        yAxis: valueAxis(k),
        series: [{name: k, type: 'line', showSymbol: data.length < 50, data}],
      });
    });
  }

  async function drawLog() {
    const r = await executor(`/executions/${q}/log?offset=${offset}`).catch(e => e);
    if (gone || r instanceof Error) return;
    const next = r.headers.get('X-Log-Next-Offset');
    const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    if (next === null) {
      log.textContent = r.text; // a service without offsets: the whole log each time
    } else {
      offset = Number(next);
      if (r.text) log.textContent = (log.textContent + r.text).slice(-LOG_KEEP);
    }
    if (!log.textContent) log.textContent = '';
    log.dataset.length = log.textContent.length;
    if (follow.checked && atEnd) log.scrollTop = log.scrollHeight;
  }

  async function drawOutputs() {
    const files = await executor(`/executions/${q}/outputs`).catch(e => e);
    if (gone) return;
    fill(outputs, h('h2', {id: 'outputs-title'}, 'Outputs'),
      files instanceof Error ? h('p', {class: 'error'}, `Not available: ${files.message}`)
        : files.length === 0 ? h('p', {class: 'muted'}, FINAL_EXECUTION.has(ex.status) ? 'No output files.' : 'None yet.')
          : h('ul', {class: 'files'}, files.map(f => h('li', {},
            h('button', {type: 'button', class: 'link', onclick: () => save(f.path)}, f.path),
            h('span', {class: 'muted'}, ` ${fmt(f.size)} bytes`)))));
  }

  async function save(path) {
    const url = `${executorUrl}/api/v1/executions/${q}/outputs/${path.split('/').map(encodeURIComponent).join('/')}`;
    const r = await call(url, {raw: true});
    const a = h('a', {href: URL.createObjectURL(await r.blob()), download: path.split('/').pop()});
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  async function tick() {
    if (gone) return;
    try {
      ex = await executor(`/executions/${q}`);
      drawFacts();
      await Promise.all([drawMetrics(), drawLog()]);
      if (FINAL_EXECUTION.has(ex.status)) {
        await drawOutputs();
        return;
      }
    } catch (e) {
      if (ctx.onAuthError(e)) return;
    }
    if (!gone) timer = setTimeout(tick, pollMillis);
  }

  drawFacts();
  await Promise.all([drawMetrics(), drawLog(), drawOutputs()]);
  if (!FINAL_EXECUTION.has(ex.status)) timer = setTimeout(tick, pollMillis);
  return () => { gone = true; clearTimeout(timer); charts.forEach(c => c.dispose()); };
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '–' : String(value))];
}
