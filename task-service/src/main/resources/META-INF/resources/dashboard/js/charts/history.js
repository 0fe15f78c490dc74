// Optimization history: every execution's value against its sequence, random and model-guided points
// told apart (Optuna's plot_optimization_history), and the best value so far as a step line.
import {title, valueAxis} from './chart.js';

const LABEL = {random: 'random', model: 'model-guided', grid: 'grid', manual: 'manual'};

export function historyOption(history) {
  const bySource = new Map();
  for (const p of history.points) {
    if (p.value === null || p.value === undefined) continue;
    const name = LABEL[p.source] || p.source || 'unknown';
    if (!bySource.has(name)) bySource.set(name, []);
    bySource.get(name).push([p.seq, p.value, p.executionId, p.status]);
  }
  const best = history.points.filter(p => p.bestSoFar !== null && p.bestSoFar !== undefined)
    .map(p => [p.seq, p.bestSoFar]);
  const order = ['random', 'model-guided', 'grid', 'manual'];
  const names = [...bySource.keys()].sort((a, b) => (order.indexOf(a) + 99) % 99 - (order.indexOf(b) + 99) % 99);
  const symbols = {random: 'circle', 'model-guided': 'diamond'};
  // the same colour for a source on every task, whichever series are present
  const colors = {random: '#2563eb', 'model-guided': '#d97706', grid: '#7c3aed', manual: '#0891b2'};
  return {
    title: title('Optimization history', `${history.metric}${history.direction ? ' · ' + history.direction : ''}`),
    legend: {top: 4, right: 8, data: [...names, 'best so far']},
    tooltip: {trigger: 'item', formatter: (p) => p.seriesName === 'best so far'
      ? `best so far after #${p.value[0]}: ${p.value[1]}`
      : `#${p.value[0]} (${p.seriesName}, ${p.value[3]}): ${p.value[1]}`},
    grid: {left: 64, right: 24, top: 64, bottom: 48},
    xAxis: {type: 'value', name: 'execution sequence', nameLocation: 'middle', nameGap: 28, minInterval: 1},
    yAxis: valueAxis(history.metric),
    series: [
      ...names.map(name => ({name, type: 'scatter', symbol: symbols[name] || 'triangle', symbolSize: 9,
        itemStyle: {color: colors[name] || '#6b7280'}, data: bySource.get(name)})),
      {name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: best,
        itemStyle: {color: '#059669'}, lineStyle: {width: 2, color: '#059669'}},
    ],
  };
}
