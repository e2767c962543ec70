import { execFile } from 'node:child_process';
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { sourceId } from '../../ingest/sources.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';

const run = promisify(execFile);
let rt: Runtime;
let dir: string;

/** Runs `iwg ingest …` as a child process against the suite's Neo4j; never throws, returns code and output. */
async function iwg(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');
  const env = { ...process.env, LOG_LEVEL: 'warn' };
  return run(process.execPath, [tsx, 'src/cli.ts', ...args], { cwd: PROJECT_ROOT, env, maxBuffer: 1 << 24 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

beforeAll(async () => {
  rt = await openTestRuntime();
  dir = await mkdtemp(join(tmpdir(), 'iwg-cli-'));
  await mkdir(join(dir, 'a'));
  await writeFile(
    join(dir, 'a', 'guide.md'),
    '# Computer security guide (synthetic test document)\n\nOperators must never allow remote access to computer systems that are critical for safety.\n',
  );
  await writeFile(
    join(dir, 'a', 'summary.txt'),
    'Meeting summary (synthetic test document)\n\nThe operator should not permit remote access to critical systems, such as systems relevant to safety.\n',
  );
  // Related but different: must stay a practice of its own (Neo4j's vector score is (1+cos)/2, not the cosine).
  await writeFile(
    join(dir, 'a', 'privacy.txt'),
    'Focus group notes (synthetic test document)\n\nMembers cautioned that monitoring must respect privacy law and be explained to staff.\n',
  );
});
afterAll(async () => {
  await rt?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('iwg ingest', () => {
  it('when two documents state the same practice in other words, then one practice has both as sources and a different one stays apart', async () => {
    const out = await iwg(['ingest', join(dir, 'a'), '--json']);
    expect(out.code).toBe(0);
    const summary = JSON.parse(out.stdout) as { totals: Record<string, number> };
    expect(summary.totals).toMatchObject({ added: 3, failed: 0 });
    const rows = await rt.graph.read<{ docs: string[] }>({
      cypher: `MATCH (x:Practice)-[s:SOURCED_FROM]->() WHERE s.documentId CONTAINS $dir
               WITH x, collect(DISTINCT s.documentId) AS docs RETURN docs`,
      params: { dir: sourceId(PROJECT_ROOT, join(dir, 'a'), join(dir, 'a')) },
    });
    expect(rows.map((r) => r.docs.length).sort()).toEqual([1, 2]);
  });

  it('when a file is corrupt, then the summary names it with its reason and the exit status is 2', async () => {
    await cp(join(PROJECT_ROOT, 'test/fixtures/pdf/corrupt.pdf'), join(dir, 'a', 'broken.pdf'));
    const out = await iwg(['ingest', join(dir, 'a')]);
    expect(out.code).toBe(2);
    expect(out.stdout).toMatch(/failed 1/);
    expect(out.stdout).toMatch(/FAILED .*broken\.pdf: .*PDF/);
    expect(out.stdout).toMatch(/unchanged 3/);
  });

  it('when the arguments are invalid, then it says which and exits non-zero', async () => {
    const out = await iwg(['ingest']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/paths/);
  });
});

describe('iwg derive', () => {
  it('when asked after an ingest, then it recomputes communities and stores the themes of every access view, and says so', async () => {
    await rt.graph.write([{ cypher: 'MATCH (t:ThemeSet) DETACH DELETE t', params: {} }]);
    const out = await iwg(['derive', '--json']);
    expect(out.code).toBe(0);
    const summary = JSON.parse(out.stdout) as {
      communities: { views: { view: string }[] } | null;
      themes: { views: { view: string; themes: number }[]; superseded: boolean; error?: string } | null;
    };
    expect(summary.communities?.views.map((v) => v.view)).toContain('public');
    expect(summary.themes?.error).toBeUndefined();
    expect(summary.themes?.superseded).toBe(false);
    const views = summary.themes?.views.map((v) => v.view) ?? [];
    expect(views).toContain('public');
    const stored = await rt.graph.read<{ view: string }>({
      cypher: 'MATCH (t:ThemeSet) RETURN t.view AS view ORDER BY view',
      params: {},
    });
    expect(stored.map((r) => r.view)).toEqual([...views].sort());

    const text = await iwg(['derive']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^communities public: \d+ \(modularity/m);
    expect(text.stdout).toMatch(/^themes public: \d+$/m);
  });
});
