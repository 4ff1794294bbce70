// The console's JSON API (docs: the gateway's routes). Every request says
// the user's language (X-Ansinh-Lang) and every POST carries the session's
// CSRF proof (X-CSRF-Token). A 401 from anything but the sign-in itself
// ends the session in the browser and goes to the sign-in page.

import { language, t } from './i18n.js';

let csrfToken = '';
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor({ status = 0, code = '', key = '', message = '', violations = [] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.key = key;
    this.violations = violations;
  }
}

// What to do when the server no longer knows the session (app.js: go to
// the sign-in page).
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export function csrf() {
  return csrfToken;
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  const error = body && body.error ? body.error : {};
  return new ApiError({
    status: response.status,
    code: error.code || '',
    key: error.key || '',
    message: error.message || t('console.error.http', { status: String(response.status) }),
    violations: Array.isArray(error.violations) ? error.violations : [],
  });
}

async function request(method, path, { body, contentType = 'application/json', signIn = false } = {}) {
  const headers = { 'X-Ansinh-Lang': language(), Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = contentType;
  let response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (_) {
    throw new ApiError({ status: 0, code: 'UNAVAILABLE', message: t('console.error.network') });
  }
  if (response.status === 401 && !signIn) {
    csrfToken = '';
    const error = await errorFrom(response);
    onUnauthorized(error);
    throw error;
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return {};
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

// One unary RPC: call('Registry', 'SearchHouseholds', {query: 'huong'}).
// The request and the response are protobuf's JSON mapping with the .proto
// field names; int64 values are strings and enums their names.
export async function call(service, method, req = {}) {
  return request('POST', `/api/rpc/${encodeURIComponent(service)}/${encodeURIComponent(method)}`, {
    body: JSON.stringify(req || {}),
  });
}

// The current session ({account, csrf_token, expires_at,
// idle_timeout_seconds}), or null when not signed in.
export async function session() {
  try {
    const current = await request('GET', '/api/session', { signIn: true });
    csrfToken = current.csrf_token || '';
    return current;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(username, password) {
  const started = await request('POST', '/api/session', {
    body: JSON.stringify({ username, password }),
    signIn: true,
  });
  csrfToken = started.csrf_token || '';
  return started;
}

export async function signOut() {
  try {
    await request('POST', '/api/session/end', { body: '', signIn: true });
  } finally {
    csrfToken = '';
  }
}

// One chunk of an import file: `text` holds the chunk's rows (for CSV with
// the header line first); `firstLine` is the file line of its first row.
// Resolves to {results, imported_count, rejected_count, parse_errors}.
export async function uploadImport(format, firstLine, text) {
  const query = new URLSearchParams({ format, first_line: String(firstLine) });
  return request('POST', `/api/import?${query}`, {
    body: text,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
  });
}

// A GET of the JSON API with a query: getJson('/api/report', {kind: 'final',
// format: 'tables'}). Sent with the page's language like every call.
export async function getJson(path, params = {}) {
  const query = new URLSearchParams(params).toString();
  return request('GET', query ? `${path}?${query}` : path);
}

// A same-origin URL for a GET download (the session cookie goes with it):
// downloadUrl('/api/export/household-history', {household_id, format: 'csv'}).
export function downloadUrl(path, params = {}) {
  const query = new URLSearchParams(params).toString();
  return query ? `${path}?${query}` : path;
}
