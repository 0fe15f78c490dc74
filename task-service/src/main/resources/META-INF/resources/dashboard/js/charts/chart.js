// One ECharts chart in an element (text in sans-serif: ECharts measures text for the layout with the
// same font name it draws, so 'inherit' would misplace legends): SVG renderer (crisp at any zoom, and its text is in the page for
// screen readers and tests), resized with its box, disposed when the page is left.
import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';

export {echarts};

const SERIES_COLORS = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#dc2626', '#0891b2', '#65a30d', '#db2777'];

/** A chart in `el`; returns {set(option), dispose()}. */
export function chart(el) {
  const c = echarts.init(el, null, {renderer: 'svg'});
  const ro = new ResizeObserver(() => c.resize());
  ro.observe(el);
  return {
    set(option) {
      c.setOption({color: SERIES_COLORS, animation: false, textStyle: {fontFamily: 'sans-serif'}, ...option}, true);
      el.dataset.rendered = 'true';
    },
    dispose() {
      ro.disconnect();
      c.dispose();
    },
  };
}

/** A plot's title inside the chart (the figure caption says it for screen readers too). */
export function title(text, subtext) {
  return {text, subtext, left: 8, top: 4, textStyle: {fontSize: 14, fontWeight: 600}, subtextStyle: {fontSize: 12}};
}

/** The value axis of a metric; log scale only when every value is positive and they span decades. */
export function valueAxis(name, extra = {}) {
  return {type: 'value', name, nameLocation: 'middle', nameGap: 48, scale: true, ...extra};
}
