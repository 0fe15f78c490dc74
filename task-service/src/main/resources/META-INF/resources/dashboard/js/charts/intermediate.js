// Intermediate values (Optuna's plot_intermediate_values): each execution's metric over its epochs or
// steps, from metrics-service's points. The x of a point is the execution's "epoch" (or "step")
// logged in the same JSON object when there is one, else the point's position among the metric's points.
import {title, valueAxis} from './chart.js';

const STEP_KEYS = ['epoch', 'step', 'iteration', 'iter'];

/** points: GET /tasks/{id}/metrics (every key); returns {option, steps: label, lines: n}. */
export function intermediateSeries(points, metric) {
  const byExecution = new Map();
  for (const p of points) {
    if (!byExecution.has(p.executionId)) byExecution.set(p.executionId, []);
    byExecution.get(p.executionId).push(p);
  }
  let stepKey = null;
  const lines = [];
  for (const [id, ps] of byExecution) {
    const bySeq = new Map();
    for (const p of ps) {
      if (!bySeq.has(p.sequence)) bySeq.set(p.sequence, {});
      bySeq.get(p.sequence)[p.key] = p.value;
    }
    const rows = [...bySeq.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o)
      .filter(o => typeof o[metric] === 'number');
    if (!rows.length) continue;
    const key = STEP_KEYS.find(k => rows.every(o => typeof o[k] === 'number'));
    if (key) stepKey = stepKey || key;
    lines.push({id, data: rows.map((o, i) => [key ? o[key] : i + 1, o[metric]])});
  }
  lines.sort((a, b) => seqOf(a.id) - seqOf(b.id));
  return {lines, stepLabel: stepKey || 'report'};
}

function seqOf(id) {
  const m = /-(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

export function intermediateOption(points, metric) {
  const {lines, stepLabel} = intermediateSeries(points, metric);
  return {
    title: title('Intermediate values', `${metric} per ${stepLabel} · ${lines.length} executions`),
    tooltip: {trigger: 'item', formatter: (p) => `${p.seriesName} · ${stepLabel} ${p.value[0]}: ${p.value[1]}`},
    legend: lines.length <= 12 ? {type: 'scroll', bottom: 0, data: lines.map(l => '#' + seqOf(l.id))} : undefined,
    grid: {left: 64, right: 24, top: 56, bottom: lines.length <= 12 ? 64 : 40},
    xAxis: {type: 'value', name: stepLabel, nameLocation: 'middle', nameGap: 26, minInterval: 1, scale: true},
    yAxis: valueAxis(metric),
    series: lines.map(l => ({name: '#' + seqOf(l.id), type: 'line', symbolSize: 4, data: l.data,
      lineStyle: {width: 1.5}})),
  };
}
