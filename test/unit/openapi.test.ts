/**
 * The OpenAPI document: every operation named, the service probes included, and Redocly's recommended rules
 * (redocly.yaml) passed with 0 errors and 0 warnings, linted offline.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, loadConfig } from '../../src/config.js';
import { buildOpenApi } from '../../src/openapi.js';
import { renderDocsHtml } from '../../src/openapi-html.js';
import { apiRoutes } from '../../src/routes/index.js';

const run = promisify(execFile);
/** Where the document is linted: its path is the key of .redocly.lint-ignore.yaml. */
const DOCUMENT = 'test-artifacts/openapi.json';
/** No usage telemetry, update check or notices: the lint must not reach the network. */
const OFFLINE = {
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
};

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

const routes = apiRoutes(loadConfig({ IWG_INGEST_ON_START: 'false' }));
const sut = buildOpenApi(routes);
const operationsOf = (doc: typeof sut) =>
  Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { operationId?: string; security?: object[] }>).map(([method, op]) => ({
      path,
      method,
      op,
    })),
  );
const operations = operationsOf(sut);
const accessOf = (operationId: string | undefined) => routes.find((r) => r.operationId === operationId)?.access;

describe('when the OpenAPI document is generated', () => {
  it('then every operation has its own operationId', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(operations.length);
  });

  it('then /health, /ready and /metrics are in it', () => {
    expect(operations.filter((o) => o.method === 'get').map((o) => o.path)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/metrics']),
    );
  });

  it('then writes require a key and reads take one optionally, as src/routes/auth.ts asks', () => {
    const api = operations.filter((o) => o.path.startsWith('/api/') && accessOf(o.op.operationId));
    expect(api.length).toBe(routes.length);
    for (const { op } of api) {
      if (accessOf(op.operationId) === 'write') expect(op.security, op.operationId).toEqual([{ apiKey: [] }]);
      else expect(op.security, op.operationId).toEqual([{}, { apiKey: [] }]);
    }
    expect(api.some((o) => accessOf(o.op.operationId) === 'write')).toBe(true);
    // With IWG_READ_REQUIRES_KEY every API operation and /metrics require one.
    const keyed = operationsOf(buildOpenApi(routes, { readRequiresKey: true }));
    for (const { path, op } of keyed.filter((o) => o.path.startsWith('/api/') || o.path === '/metrics'))
      expect(op.security, path).toEqual([{ apiKey: [] }]);
  });

  it('then the reference page badges only writes as needing a key and sets `code` as code', () => {
    const html = renderDocsHtml(sut);
    const badges = [...html.matchAll(/<section class="op" id="([^"]+)">.*?<\/h3>/gs)].map(([h3, id]) => ({
      id,
      required: h3.includes('key-required'),
      optional: h3.includes('key-optional'),
    }));
    expect(badges.length).toBe(operations.length);
    for (const { id, required, optional } of badges) {
      const op = operations.find((o) => `${o.method}${o.path}` === id)!;
      const write = accessOf(op.op.operationId) === 'write';
      expect({ id, required, optional }).toEqual({
        id,
        required: write,
        optional: Boolean(op.op.security?.length) && !write,
      });
    }
    expect(html).not.toContain('`');
    expect(html).toContain('<code>confidence</code>');
    expect(html).toContain('<link rel="icon" href="/favicon.svg"');
  });

  it('then Redocly lint reports 0 errors and 0 warnings', async () => {
    const file = join(PROJECT_ROOT, DOCUMENT);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(sut, null, 2));
    const redocly = join(PROJECT_ROOT, 'node_modules', '.bin', 'redocly');
    // Redocly exits 1 when it finds errors; the report on stdout says which.
    const { stdout } = await run(redocly, ['lint', DOCUMENT, '--config', 'redocly.yaml', '--format', 'json'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...OFFLINE },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(stdout) as { totals: Record<string, number>; problems: LintProblem[] };
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});
