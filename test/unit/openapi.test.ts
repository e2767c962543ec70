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

const sut = buildOpenApi(apiRoutes(loadConfig({ IWG_INGEST_ON_START: 'false' })));
const operations = Object.entries(sut.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, { operationId?: string }>).map(([method, op]) => ({ path, method, op })),
);

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
