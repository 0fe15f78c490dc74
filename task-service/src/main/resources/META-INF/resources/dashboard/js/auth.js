// The access token: taken from the sign-in link's fragment (#token=…, never sent to a server) or pasted
// into the sign-in form, kept in sessionStorage (this tab only), sent as Authorization: Bearer.
import {h, fill} from './dom.js';

const KEY = 'parzen.token';

/** Moves a #token=… fragment into sessionStorage and removes it from the address bar. */
export function takeTokenFromFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token) {
    sessionStorage.setItem(KEY, token.trim());
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  }
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The token's claims (not verified: the services do that), or null when it is not a JWT. */
export function claims(t = token()) {
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')));
  } catch (e) {
    return null;
  }
}

/** Who the token says we are, for the header: "alice · operator · default". */
export function describe(t = token()) {
  const c = claims(t);
  if (!c) return '';
  const roles = (c.groups || []).join(', ');
  const projects = c.projects ? [].concat(c.projects).join(', ') : '';
  return [c.sub || c.upn, roles, projects].filter(Boolean).join(' · ');
}

/** The sign-in form; calls onSignedIn() once a token is stored. */
export function signInForm(main, reason, onSignedIn) {
  const input = h('textarea', {id: 'token-input', name: 'token', rows: 4, required: true,
    spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'token-help'});
  const form = h('form', {class: 'card signin', 'aria-labelledby': 'signin-title', onsubmit: (ev) => {
    ev.preventDefault();
    const t = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!t) return;
    sessionStorage.setItem(KEY, t);
    onSignedIn();
  }},
  h('h1', {id: 'signin-title'}, 'Sign in'),
  reason ? h('p', {class: 'error', role: 'alert'}, reason) : null,
  h('p', {id: 'token-help'}, 'Open the link that ', h('code', {}, './parzen up'),
    ' prints (the line that starts with “dashboard”), or paste a token from ', h('code', {}, './parzen token'), '.'),
  h('label', {for: 'token-input'}, 'Access token'),
  input,
  h('button', {type: 'submit', id: 'sign-in'}, 'Sign in'));
  fill(main, form);
  input.focus();
}
