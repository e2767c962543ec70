import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

const run = promisify(execFile);

describe('provisioning without Java or Maven', () => {
  it('when java and mvn are not on PATH, then `iwg neo4j start` says what is missing and how to use NEO4J_URI', async () => {
    const tsx = `${PROJECT_ROOT}/node_modules/tsx/dist/cli.mjs`;
    const env = { PATH: '/nonexistent', HOME: '/tmp/iwg-no-tools', IWG_NEO4J_BOLT_PORT: '7699', LOG_LEVEL: 'silent' };
    const result = await run(process.execPath, [tsx, 'src/cli.ts', 'neo4j', 'start'], { cwd: PROJECT_ROOT, env }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/java/);
    expect(result.stderr).toMatch(/NEO4J_URI=/);
    // tsx compiles the whole CLI in a fresh process: seconds on a quiet machine, over 30 s on a loaded one.
  }, 120_000);
});
