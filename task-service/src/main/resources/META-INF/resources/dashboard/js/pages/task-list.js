// The task list: status, progress, best value, engine, project, created; filters by status and
// project (kept in the query string), paging; refreshed while a listed task runs.
import {api, config} from '../api.js';
import {h, fill, fmt, badge, FINAL_TASK} from '../dom.js';

const STATUSES = ['', 'created', 'started', 'stopping', 'stopped', 'complete', 'error'];
const SIZE = 20;

export async function mount(main, _arg, ctx) {
  const q = new URLSearchParams(location.search);
  const state = {status: q.get('status') || '', project: q.get('project') || '', page: Number(q.get('page') || 0)};
  const status = h('select', {id: 'filter-status', name: 'status'},
    STATUSES.map(s => h('option', {value: s, selected: s === state.status}, s || 'any status')));
  const project = h('input', {id: 'filter-project', name: 'project', value: state.project, placeholder: 'any project',
    autocomplete: 'off'});
  const body = h('div', {id: 'task-table'});
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter tasks', onsubmit: (ev) => {
    ev.preventDefault();
    state.status = status.value;
    state.project = project.value.trim();
    state.page = 0;
    reload();
  }},
  h('label', {for: 'filter-status'}, 'Status'), status,
  h('label', {for: 'filter-project'}, 'Project'), project,
  h('button', {type: 'submit'}, 'Filter'));
  status.addEventListener('change', () => form.requestSubmit());
  fill(main, h('h1', {}, 'Tasks'), form, body, pager);

  let timer = null;
  let gone = false;
  const {pollMillis} = await config();

  async function reload(push = true) {
    clearTimeout(timer);
    const p = new URLSearchParams();
    if (state.status) p.set('status', state.status);
    if (state.project) p.set('project', state.project);
    if (state.page) p.set('page', state.page);
    if (push) history.replaceState({}, '', `/dashboard/${p.toString() ? '?' + p : ''}`);
    p.set('page', state.page);
    p.set('size', SIZE);
    let page;
    try {
      page = await api(`/tasks?${p}`);
    } catch (e) {
      if (ctx.onAuthError(e)) return;
      fill(body, h('p', {class: 'error', role: 'alert'}, e.message));
      return;
    }
    if (gone) return;
    table(page);
    const running = page.items.some(t => !FINAL_TASK.has(t.status));
    if (running) timer = setTimeout(() => reload(false), pollMillis);
  }

  function table(page) {
    if (!page.items.length) {
      fill(body, h('p', {class: 'empty'}, 'No tasks', state.status || state.project ? ' match the filter.' : ' yet.'));
    } else {
      fill(body, h('div', {class: 'scroll'}, h('table', {class: 'data'},
        h('caption', {class: 'sr-only'}, `Tasks, page ${page.page + 1}`),
        h('thead', {}, h('tr', {}, ['Name', 'Status', 'Progress', 'Best value', 'Engine', 'Project', 'Created']
          .map(c => h('th', {scope: 'col'}, c)))),
        h('tbody', {}, page.items.map(row)))));
    }
    const pages = Math.max(1, Math.ceil(page.total / page.size));
    fill(pager,
      h('button', {type: 'button', disabled: state.page <= 0, onclick: () => { state.page--; reload(); }}, '← Newer'),
      h('span', {}, `Page ${page.page + 1} of ${pages} · ${page.total} task${page.total === 1 ? '' : 's'}`),
      h('button', {type: 'button', disabled: state.page + 1 >= pages, onclick: () => { state.page++; reload(); }}, 'Older →'));
  }

  reload(false);
  return () => { gone = true; clearTimeout(timer); };
}

export function progress(t) {
  const s = t.statusSummary || {};
  const finished = ['complete', 'error', 'crashed', 'stopped'].reduce((n, k) => n + (s[k] || 0), 0);
  return {finished, max: t.maxExecutions};
}

function row(t) {
  const {finished, max} = progress(t);
  return h('tr', {dataset: {task: t.id}},
    h('td', {}, h('a', {href: `/dashboard/tasks/${encodeURIComponent(t.id)}`, 'data-link': true}, t.name || t.id)),
    h('td', {}, badge(t.status)),
    h('td', {}, h('progress', {max, value: finished, 'aria-label': `${finished} of ${max} executions finished`}),
      ` ${finished}/${max}`),
    h('td', {class: 'num'}, t.best ? fmt(t.best.value) : '–'),
    h('td', {}, t.engine || t.type),
    h('td', {}, t.project),
    h('td', {}, fmt(t.createdAt)));
}
