/**
 * URL ingest's fetch: only hosts on the IWG_FETCH_HOSTS allow-list, only http(s), redirects followed by hand so
 * every hop is checked against the list, and the body streamed against the upload limit. Without the list the
 * API would fetch whatever a key holder names (cloud metadata, internal services): server-side request forgery.
 */
import { detectFormat } from '../../ingest/parse.js';
import { ApiError, HttpProblem } from '../problems.js';

export interface FetchOptions {
  /** Allowed hosts, lower case: `name` (the scheme's default port) or `name:port`. */
  allowedHosts: readonly string[];
  limitBytes: number;
  timeoutMs?: number;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  filename: string;
}

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };
/** Content types the parser reads, as the extension it recognises them by. */
const EXTENSION_BY_TYPE: [RegExp, string][] = [
  [/^(text\/html|application\/xhtml\+xml)\b/, '.html'],
  [/^application\/pdf\b/, '.pdf'],
  [/^text\/(x-)?markdown\b/, '.md'],
  [/^text\/plain\b/, '.txt'],
];

const fetchFailed = (url: URL, why: string) => new ApiError('FETCH_FAILED', `Could not fetch ${url.href}: ${why}`);
const tooLarge = () => new ApiError('TOO_LARGE', 'The fetched document is too large');

/** Throws 403 unless `url` is http(s) on an allowed host. */
export function assertFetchAllowed(url: URL, allowedHosts: readonly string[]): void {
  if (allowedHosts.length === 0)
    throw new HttpProblem(403, 'Forbidden', 'URL ingest is disabled: no hosts allowed (IWG_FETCH_HOSTS)');
  if (!(url.protocol in DEFAULT_PORTS))
    throw new HttpProblem(403, 'Forbidden', `Only http and https URLs can be ingested, not ${url.protocol}`);
  const host = url.host.toLowerCase();
  const withPort = url.port ? host : `${url.hostname.toLowerCase()}:${DEFAULT_PORTS[url.protocol]}`;
  if (!allowedHosts.includes(host) && !allowedHosts.includes(withPort))
    throw new HttpProblem(403, 'Forbidden', `Host ${host} is not allowed for URL ingest (IWG_FETCH_HOSTS)`);
}

/**
 * Fetches a document given by URL: 403 for a host (or a redirect's host) not on the list, 413 (TOO_LARGE) past
 * `limitBytes`, FETCH_FAILED (422) for network errors, non-2xx answers and more than three redirects.
 */
export async function fetchDocument(href: string, opts: FetchOptions): Promise<FetchedDocument> {
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 20_000);
  let url = new URL(href);
  for (let redirects = 0; ; redirects++) {
    assertFetchAllowed(url, opts.allowedHosts);
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'manual', signal });
    } catch (err) {
      throw fetchFailed(url, (err as Error).message);
    }
    if (REDIRECT_STATUSES.has(res.status)) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) throw fetchFailed(url, `HTTP ${res.status} without a Location`);
      if (redirects >= MAX_REDIRECTS) throw fetchFailed(url, `more than ${MAX_REDIRECTS} redirects`);
      url = new URL(location, url);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw fetchFailed(url, `HTTP ${res.status}`);
    }
    const bytes = await readLimited(res, url, opts.limitBytes);
    return { bytes, filename: filenameOf(url, res.headers.get('content-type') ?? '') };
  }
}

/** The body, refused by its Content-Length or, failing that, cut off as soon as it passes `limit`. */
async function readLimited(res: Response, url: URL, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await res.body?.cancel();
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof ApiError && err.code === 'TOO_LARGE') throw err;
    throw fetchFailed(url, (err as Error).message);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/**
 * The URL's last path segment, kept when its extension is one the parser reads; otherwise given the extension of
 * the Content-Type (`/news/item.aspx` served as text/html → `item.aspx.html`). Other types keep the name, so the
 * parser answers 415 naming it.
 */
function filenameOf(url: URL, contentType: string): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? 'index';
  if (isParsable(last)) return last;
  const type = contentType.trim().toLowerCase();
  const ext = EXTENSION_BY_TYPE.find(([re]) => re.test(type))?.[1];
  return ext ? `${last}${ext}` : last;
}

function isParsable(name: string): boolean {
  try {
    detectFormat(name);
    return true;
  } catch {
    return false;
  }
}
