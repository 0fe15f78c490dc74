// REST calls with the token: task-service (same origin), metrics-service and executor-service (their
// URLs from /dashboard/config.json; those services allow the dashboard's origin by CORS).
import {token} from './auth.js';

/** A failed call: status and the service's message (the services' error bodies say what is wrong). */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let settings = null;

/** The dashboard settings (other services' URLs, poll interval); fetched once per page load. */
export async function config() {
  if (!settings) {
    const s = await call('/dashboard/config.json');
    const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
    settings = {
      metricsUrl: s.metricsUrl.replace('{host}', host).replace(/\/$/, ''),
      executorUrl: s.executorUrl.replace('{host}', host).replace(/\/$/, ''),
      pollMillis: s.pollMillis || 2000,
    };
  }
  return settings;
}

/** GET/POST a URL with the token; JSON answers are parsed, text ones returned as {text, headers}. */
export async function call(url, {method = 'GET', body, type, raw = false} = {}) {
  const headers = {Accept: 'application/json, text/plain;q=0.9, */*;q=0.5'};
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = type || 'application/json';
  let r;
  try {
    r = await fetch(url, {method, headers, body: body === undefined ? undefined
      : (typeof body === 'string' ? body : JSON.stringify(body))});
  } catch (e) {
    throw new ApiError(0, `${new URL(url, location.href).origin} does not answer (is Parzen running? ./parzen status)`);
  }
  if (raw) {
    if (!r.ok) throw await failure(r);
    return r;
  }
  const ct = r.headers.get('Content-Type') || '';
  const parsed = ct.includes('json') ? await r.json().catch(() => null) : await r.text();
  if (!r.ok) throw failure(r, parsed);
  return ct.includes('json') ? parsed : {text: parsed, headers: r.headers};
}

function failure(r, body) {
  let msg = `${r.status} ${r.statusText}`;
  if (body && typeof body === 'object') {
    if (body.message) msg = body.message;
    else if (Array.isArray(body.errors)) msg = body.errors.map(e => `${e.field}: ${e.message}`).join('; ');
  } else if (typeof body === 'string' && body.length < 300 && body.trim()) {
    msg = body.trim();
  }
  return new ApiError(r.status, msg, body);
}

/** task-service: api('/tasks') → GET /api/v1/tasks. */
export const api = (path, opts) => call(`/api/v1${path}`, opts);

/** metrics-service: metrics('/tasks/ID/metrics'). */
export const metrics = async (path, opts) => call(`${(await config()).metricsUrl}/api/v1${path}`, opts);

/** executor-service: executor('/executions/ID'). */
export const executor = async (path, opts) => call(`${(await config()).executorUrl}/api/v1${path}`, opts);
