// Slice plot of one parameter (Optuna's plot_slice): each execution's value against the parameter's
// value, coloured by sequence so that early and late executions are told apart.
import {title, valueAxis} from './chart.js';

export function sliceOption(slice, metric) {
  const categorical = slice.kind === 'categorical';
  const cats = categorical ? [...new Set(slice.points.map(p => String(p.x)))].sort() : undefined;
  const data = slice.points.map(p => [categorical ? String(p.x) : p.x, p.value, p.seq, p.executionId]);
  const seqs = slice.points.map(p => p.seq);
  return {
    title: title(slice.name, `${slice.points.length} executions${slice.log ? ' · log scale' : ''}`),
    tooltip: {trigger: 'item', formatter: (p) => `#${p.value[2]}: ${slice.name} = ${p.value[0]} → ${p.value[1]}`},
    grid: {left: 64, right: 16, top: 56, bottom: 40},
    xAxis: categorical ? {type: 'category', data: cats, name: slice.name, nameLocation: 'middle', nameGap: 26}
      : {type: slice.log ? 'log' : 'value', scale: true, name: slice.name, nameLocation: 'middle', nameGap: 26},
    yAxis: valueAxis(metric),
    visualMap: seqs.length ? {show: false, dimension: 2, min: Math.min(...seqs), max: Math.max(...seqs),
      inRange: {color: ['#93c5fd', '#1e3a8a']}} : undefined,
    series: [{name: slice.name, type: 'scatter', symbolSize: 8, data}],
  };
}
