/**
 * The page's only door to the server: the public JSON API of docs/api.md. Every failure becomes an ApiError
 * whose message an analyst can act on (service unreachable, starting, bad input, not found).
 */

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {{ status?: number, kind: 'unreachable' | 'unavailable' | 'not-found' | 'invalid' | 'forbidden' | 'failed', retryAfter?: number, title?: string, errors?: { field: string, message: string }[] }} info
   */
  constructor(message, info) {
    super(message);
    this.name = 'ApiError';
    this.status = info.status ?? 0;
    this.kind = info.kind;
    this.retryAfter = info.retryAfter;
    /** The title of the problem the service answered, and each field it named (shown by dom.js errorBox). */
    this.title = info.title ?? null;
    this.errors = info.errors ?? [];
  }
}

const TIMEOUT_MS = 60_000;
const KEY_STORE = 'iwg-graph-api-key';

/** The API key this tab holds, if the service asked for one (kept for the tab's session only). */
function apiKey() {
  return sessionStorage.getItem(KEY_STORE);
}

/**
 * Asks the analyst for an API key when the service requires one (reads with IWG_READ_REQUIRES_KEY, and every
 * upload), once per tab: the key is kept for the session. `why` is 'missing' (none held yet), 'invalid' (401: the
 * key is wrong or revoked) or 'forbidden' (403: the key may not make this change; `detail` is the service's
 * reason). Returns whether a key was given.
 */
function askForKey(why, detail = '') {
  const message = {
    missing: 'This iwg-graph service requires an API key:',
    invalid: 'That API key was not accepted. Enter a valid key:',
    forbidden: `The service refused this change with the API key given (403${detail ? `: ${detail}` : ''}). Enter an API key with write access:`,
  }[why];
  const key = window.prompt(message);
  if (!key) return false;
  sessionStorage.setItem(KEY_STORE, key.trim());
  return true;
}

/**
 * Asks for a key now unless the tab holds one: for a write, which always needs one, so a large upload is not sent
 * once only to be refused with 401 and sent again.
 */
export function ensureKey() {
  return Boolean(apiKey()) || askForKey('missing');
}

/**
 * Calls the API; resolves with the parsed JSON body or rejects with an ApiError. `form` sends a multipart body
 * (an upload) instead of JSON. `write` marks a change (an upload): a 403 then means the key held may not make it
 * (a read-only key, or one that may not write that access label), so the analyst is told why and asked for
 * another key, and the request is sent again with it.
 * @param {string} path e.g. '/api/facets'
 * @param {{ method?: string, body?: unknown, form?: FormData, write?: boolean, signal?: AbortSignal, timeoutMs?: number }} [opts]
 */
export async function api(path, opts = {}) {
  for (let attempt = 0; ; attempt++) {
    const used = apiKey();
    const res = await send(path, opts);
    // Another request may have obtained a key meanwhile: retry with it before asking.
    if (res.status === 401 && attempt < 3 && (apiKey() !== used || askForKey(used ? 'invalid' : 'missing'))) continue;
    const body = await readBody(res);
    if (res.ok) return body;
    if (
      res.status === 403 &&
      opts.write &&
      attempt < 3 &&
      (apiKey() !== used || askForKey('forbidden', detailOf(body)))
    )
      continue;
    throw problemToError(res, body, opts);
  }
}

async function send(path, opts) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? TIMEOUT_MS);
  opts.signal?.addEventListener('abort', () => controller.abort());
  let res;
  try {
    res = await fetch(path, {
      method: opts.method ?? (opts.body || opts.form ? 'POST' : 'GET'),
      headers: {
        Accept: 'application/json',
        ...(opts.body ? { 'Content-Type': 'application/json' } : {}),
        ...(apiKey() ? { Authorization: `Bearer ${apiKey()}` } : {}),
      },
      body: opts.form ?? (opts.body ? JSON.stringify(opts.body) : undefined),
      signal: controller.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiError(
      'The iwg-graph service cannot be reached. Check that it is running and that this machine can reach it, then retry.',
      { kind: 'unreachable' },
    );
  } finally {
    clearTimeout(timer);
  }
  return res;
}

async function readBody(res) {
  const text = await res.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

/** The service's reason in a problem body (its detail, else its title), '' when there is none. */
function detailOf(body) {
  return body && typeof body === 'object' ? String(body.detail ?? body.title ?? '') : '';
}

function problemToError(res, body, opts = {}) {
  const detail = detailOf(body);
  const retryAfter = Number(res.headers.get('Retry-After')) || undefined;
  const problem = {
    title: typeof body?.title === 'string' ? body.title : undefined,
    errors: Array.isArray(body?.errors) ? body.errors : [],
  };
  if (res.status === 503 || res.status === 502 || res.status === 504) {
    const when = retryAfter ? ` Retry in about ${retryAfter} s.` : '';
    return new ApiError(`The iwg-graph service is unavailable (${detail || 'database or model not ready'}).${when}`, {
      status: res.status,
      kind: 'unavailable',
      retryAfter,
      ...problem,
    });
  }
  if (res.status === 404) {
    return new ApiError(detail || 'Not found.', { status: 404, kind: 'not-found', ...problem });
  }
  if (res.status === 400) {
    // The fields it names are listed by the error box (err.errors).
    return new ApiError(`The request was not accepted${detail ? `: ${detail}` : '.'}`, {
      status: 400,
      kind: 'invalid',
      ...problem,
    });
  }
  if (res.status === 401) {
    return new ApiError('This service requires a valid API key; reload the page to enter one.', {
      status: 401,
      kind: 'failed',
      ...problem,
    });
  }
  if (res.status === 403) {
    const reason = detail ? ` (${detail})` : '';
    return new ApiError(
      opts.write
        ? `The API key given may not make this change${reason}. Try again to enter a key with write access.`
        : `The service refused access${reason}.`,
      { status: 403, kind: 'forbidden', ...problem },
    );
  }
  if (res.status === 429) {
    return new ApiError('Too many requests: wait a minute and retry.', {
      status: 429,
      kind: 'unavailable',
      ...problem,
    });
  }
  return new ApiError(`The service answered ${res.status}${detail ? `: ${detail}` : ''}.`, {
    status: res.status,
    kind: 'failed',
    ...problem,
  });
}

/** Builds a query string from an object, skipping empty values; arrays repeat the key. */
export function qs(params) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) sp.append(k, String(one));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

const once = new Map();

/** GET `path` once per page load (again after a failure, or once forgotten, see forgetFacets). */
function getOnce(path) {
  if (!once.has(path)) {
    once.set(
      path,
      api(path).catch((err) => {
        once.delete(path);
        throw err;
      }),
    );
  }
  return once.get(path);
}

/** GET /api/facets, fetched once per page load. */
export const getFacets = () => getOnce('/api/facets');

let lastCounts = null;

/** POST /api/facets for a search's query, mode and filters; the last answer is kept (paging asks once). */
export function countFacets(body) {
  const key = JSON.stringify(body);
  if (lastCounts?.key !== key) {
    const answer = api('/api/facets', { body }).catch((err) => {
      lastCounts = null;
      throw err;
    });
    lastCounts = { key, answer };
  }
  return lastCounts.answer;
}

/** Forgets the facets and counts, so the next ones see a document just added (its type, date, language). */
export function forgetFacets() {
  once.delete('/api/facets');
  lastCounts = null;
}

/** GET /api/document-types (the taxonomy's document types), fetched once per page load. */
export const getDocumentTypes = () => getOnce('/api/document-types');
