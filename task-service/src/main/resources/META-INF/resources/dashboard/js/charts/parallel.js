// Parallel coordinates: one line per finished execution through its parameters to its value (Optuna's
// plot_parallel_coordinate, Katib's graph), coloured by the value.
import {title} from './chart.js';

/** executions: the task's executions; params: the parameter specs; metric: the target's key. */
export function parallelOption(executions, params, metric) {
  const rows = executions.filter(e => e.status === 'complete' && typeof num(e.metrics?.[metric]) === 'number');
  const axes = params.map((p, i) => {
    const categorical = p.distribution === 'categorical' || rows.some(e => typeof e.parameters?.[p.name] === 'string');
    if (categorical) {
      const cats = [...new Set(rows.map(e => String(e.parameters?.[p.name])))].sort();
      return {dim: i, name: p.name, type: 'category', data: cats};
    }
    return {dim: i, name: p.name, type: p.distribution === 'loguniform' ? 'log' : 'value', scale: true};
  });
  axes.push({dim: params.length, name: metric, type: 'value', scale: true, nameTextStyle: {fontWeight: 700}});
  const data = rows.map(e => [...params.map(p => {
    const v = e.parameters?.[p.name];
    return typeof v === 'string' ? v : (typeof v === 'number' ? v : String(v));
  }), num(e.metrics[metric])]);
  const values = data.map(d => d[d.length - 1]);
  return {
    title: title('Parallel coordinates', `parameters → ${metric} · ${data.length} executions`),
    visualMap: values.length ? {type: 'continuous', dimension: params.length, min: Math.min(...values),
      max: Math.max(...values), calculable: false, orient: 'horizontal', right: 8, top: 4, itemHeight: 100,
      text: [metric, ''], inRange: {color: ['#c7d2fe', '#1e3a8a']}} : undefined,
    parallel: {left: 48, right: 72, top: 72, bottom: 32, parallelAxisDefault: {nameLocation: 'end', nameGap: 12,
      nameTextStyle: {fontSize: 12}}},
    parallelAxis: axes,
    series: [{name: 'executions', type: 'parallel', lineStyle: {width: 1.5, opacity: 0.6}, data}],
  };
}

export function num(v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}
