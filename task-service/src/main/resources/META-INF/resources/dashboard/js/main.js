// The app: sign-in, then one page per path (history API; task-service answers every page path with
// index.html). Each page's mount() returns a function that stops its polling when the page is left.
import {takeTokenFromFragment, token, signOut, signInForm, describe} from './auth.js';
import {ApiError} from './api.js';
import {h, fill} from './dom.js';
import * as taskList from './pages/task-list.js';
import * as taskPage from './pages/task-page.js';
import * as executionPage from './pages/execution-page.js';
import * as blueprintPage from './pages/blueprint-page.js';

const BASE = '/dashboard';
const main = document.getElementById('main');
let leave = null;

const routes = [
  [/^\/?$/, () => taskList],
  [/^\/tasks\/([^/]+)\/?$/, () => taskPage],
  [/^\/executions\/([^/]+)\/?$/, () => executionPage],
  [/^\/blueprints\/?$/, () => blueprintPage],
];

export function navigate(path) {
  history.pushState({}, '', path);
  render();
}

async function render() {
  if (leave) { leave(); leave = null; }
  header();
  if (!token()) {
    signInForm(main, null, () => render());
    return;
  }
  const rel = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  const found = routes.map(([re, page]) => [rel.match(re), page]).find(([m]) => m);
  if (!found) {
    fill(main, h('h1', {}, 'Not found'), h('p', {}, `No page at ${location.pathname}. `,
      h('a', {href: `${BASE}/`, 'data-link': true}, 'All tasks')));
    return;
  }
  const [match, page] = found;
  try {
    leave = await page().mount(main, decodeURIComponent(match[1] || ''), {navigate, onAuthError});
  } catch (e) {
    if (!onAuthError(e)) showError(e);
  }
}

/** A 401 sends the user to the sign-in form with the service's reason; true when it did. */
export function onAuthError(e) {
  if (e instanceof ApiError && e.status === 401) {
    if (leave) { leave(); leave = null; }
    signOut();
    header();
    signInForm(main, `Signed out: ${e.message}`, () => render());
    return true;
  }
  return false;
}

function showError(e) {
  fill(main, h('div', {class: 'card error', role: 'alert'}, h('h1', {}, 'Something went wrong'),
    h('p', {}, e.message || String(e))));
}

function header() {
  const who = document.getElementById('who');
  const out = document.getElementById('sign-out');
  who.textContent = token() ? describe() : '';
  out.hidden = !token();
  for (const a of document.querySelectorAll('header nav a')) {
    const p = a.getAttribute('href');
    const here = p === `${BASE}/` ? /^\/dashboard\/?(tasks\/.*)?$/.test(location.pathname) : location.pathname.startsWith(p);
    if (here) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

document.addEventListener('click', (ev) => {
  const a = ev.target.closest('a[data-link]');
  if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
  ev.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', render);
document.getElementById('sign-out').addEventListener('click', () => { signOut(); render(); });

takeTokenFromFragment();
render();
