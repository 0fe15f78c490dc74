// Parameter importance, computed by task-service (GET /tasks/{id}/importance); the method is named on the plot.
import {title} from './chart.js';

export function importanceOption(imp) {
  const params = [...(imp.parameters || [])].reverse();
  const why = imp.reason ? ` · ${imp.reason}` : '';
  return {
    title: title(`Parameter importance (${imp.method})`,
      `method: ${imp.method} · ${imp.metric} · ${imp.observations ?? 0} observations${params.length ? '' : why}`),
    tooltip: {trigger: 'item', formatter: (p) => `${p.name}: ${Number(p.value).toFixed(3)}`},
    grid: {left: 120, right: 48, top: 64, bottom: 32},
    xAxis: {type: 'value', name: 'importance', nameLocation: 'middle', nameGap: 24, min: 0},
    yAxis: {type: 'category', data: params.map(p => p.name)},
    legend: {top: 4, right: 8, data: [imp.method]},
    series: [{name: imp.method, type: 'bar', data: params.map(p => p.importance),
      label: {show: true, position: 'right', formatter: (p) => Number(p.value).toFixed(3)}}],
  };
}
