// Small DOM helpers: h() builds elements, fmt() formats values for people.

/** h('a', {href: '/x', class: 'c', onclick: f}, 'text', child) → element. Null/false children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces the element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A number with at most 6 significant digits, an ISO time as local time, anything else as text. */
export function fmt(v) {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
  }
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d.toLocaleString();
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Seconds between two ISO times as "1 m 05 s", or '–'. */
export function duration(from, to) {
  if (!from) return '–';
  const s = Math.max(0, Math.round(((to ? new Date(to) : new Date()) - new Date(from)) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
}

/** Tells screen-reader users what changed (the #live region). */
export function announce(text) {
  const live = document.getElementById('live');
  if (live) live.textContent = text;
}

export const FINAL_TASK = new Set(['complete', 'stopped', 'error']);
export const FINAL_EXECUTION = new Set(['stopped', 'complete', 'error', 'crashed']);

/** A status as a coloured badge. */
export function badge(status) {
  return h('span', {class: `badge s-${status}`}, status || 'unknown');
}
