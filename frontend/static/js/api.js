// API client for /api/v1: JSON in and out, the CSRF header on every
// non-GET request, ETag/If-Match for optimistic locking, the app's language
// as Accept-Language (the API says validation problems in it), and one error
// type carrying the server's {error:{code,message,fields,request_id}} shape.

import { language } from './i18n.js';

const BASE = '/api/v1';
let csrfToken = '';

/** ApiError is a failed request; status 0 means the network failed. */
export class ApiError extends Error {
  constructor(status, body = {}, fallbackMessage = '') {
    const e = body.error || {};
    super(e.message || fallbackMessage || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || '';
    this.fields = e.fields || [];
    this.requestId = e.request_id || '';
    this.violations = body.violations || e.violations || [];
    this.body = body;
  }
}

export function setCsrfToken(token) { csrfToken = token || ''; }

/** url builds an API URL with query parameters (empty values left out). */
export function url(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const qs = q.toString();
  return BASE + path + (qs ? `?${qs}` : '');
}

/**
 * request sends one API call and returns {data, etag, status, headers}.
 * opts: query, body (JSON-encoded unless a string/FormData), ifMatch
 * (a version; quoted as an ETag), signal, accept.
 */
export async function request(method, path, opts = {}) {
  const headers = { Accept: opts.accept || 'application/json', 'Accept-Language': language() };
  let body;
  if (opts.body !== undefined) {
    if (typeof opts.body === 'string' || opts.body instanceof FormData) {
      body = opts.body;
    } else {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.ifMatch !== undefined && opts.ifMatch !== null) {
    const v = String(opts.ifMatch);
    headers['If-Match'] = v.startsWith('"') || v.startsWith('W/') ? v : `"${v}"`;
  }
  let res;
  try {
    res = await fetch(url(path, opts.query), {
      method, headers, body, credentials: 'same-origin', signal: opts.signal,
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, {}, err.message);
  }
  const type = res.headers.get('Content-Type') || '';
  let data = null;
  if (res.status !== 204) {
    if (type.includes('json')) {
      try { data = await res.json(); } catch { data = null; }
    } else {
      data = await res.text();
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data && typeof data === 'object' ? data : {}, res.statusText);
    if (res.status === 401 && path !== '/auth/login') {
      window.dispatchEvent(new CustomEvent('shiftplan:unauthorized'));
    }
    throw err;
  }
  return { data, etag: res.headers.get('ETag'), status: res.status, headers: res.headers };
}

export const get = (path, query, opts = {}) => request('GET', path, { ...opts, query }).then((r) => r.data);
export const post = (path, body, opts = {}) => request('POST', path, { ...opts, body }).then((r) => r.data);
export const patch = (path, body, opts = {}) => request('PATCH', path, { ...opts, body }).then((r) => r.data);
export const put = (path, body, opts = {}) => request('PUT', path, { ...opts, body }).then((r) => r.data);

/** items returns a list endpoint's items, following next_cursor up to max pages. */
export async function items(path, query = {}, max = 20) {
  const out = [];
  let cursor;
  for (let page = 0; page < max; page++) {
    const data = await get(path, { limit: 500, ...query, cursor });
    if (Array.isArray(data)) return data;
    out.push(...(data?.items || []));
    cursor = data?.next_cursor;
    if (!cursor) break;
  }
  return out;
}

/**
 * watchJob follows a job until it ends, calling onProgress with each
 * {status, progress} it sees. It listens to /jobs/{id}/events and falls
 * back to polling /jobs/{id} when the stream is not available.
 * Returns the final job.
 */
export function watchJob(jobId, onProgress, { signal } = {}) {
  return new Promise((resolve, reject) => {
    let done = false;
    let es = null;
    let timer = null;
    const finish = (fn, v) => {
      if (done) return;
      done = true;
      if (es) es.close();
      if (timer) clearTimeout(timer);
      fn(v);
    };
    const ended = (j) => j && (j.status === 'succeeded' || j.status === 'failed');
    const final = async () => {
      try {
        const job = await get(`/jobs/${jobId}`);
        if (ended(job)) finish(resolve, job);
        else poll();
      } catch (err) { finish(reject, err); }
    };
    const poll = () => {
      if (done) return;
      timer = setTimeout(async () => {
        try {
          const job = await get(`/jobs/${jobId}`);
          onProgress(job);
          if (ended(job)) finish(resolve, job);
          else poll();
        } catch (err) { finish(reject, err); }
      }, 700);
    };
    signal?.addEventListener('abort', () => finish(reject, new DOMException('aborted', 'AbortError')));
    if (typeof EventSource === 'undefined') { poll(); return; }
    es = new EventSource(url(`/jobs/${jobId}/events`));
    let gotEvent = false;
    const onMessage = (ev) => {
      gotEvent = true;
      let job;
      try { job = JSON.parse(ev.data); } catch { return; }
      if (job && !job.status && ev.type && ev.type !== 'message' && ev.type !== 'progress') job.status = ev.type;
      onProgress(job);
      if (ended(job)) { es.close(); es = null; final(); }
    };
    for (const type of ['message', 'progress', 'status', 'succeeded', 'failed', 'done']) {
      es.addEventListener(type, onMessage);
    }
    es.onerror = () => {
      // The stream ended or is not served: ask the job itself, then poll.
      if (es) { es.close(); es = null; }
      if (!gotEvent) poll(); else final();
    };
  });
}
