/**
 * A shutdown waits as long as closing can take when nothing hangs — a managed Neo4j this process started stops
 * in ~12 s — and calls it a hang (error, exit 1) only past that.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NEO4J_STOP_TIMEOUT_MS } from '../../graph/managed-neo4j.js';
import { SERVER_GRACE_MS } from '../../src/server.js';
import { createShutdown, shutdownBudgetMs } from '../../src/shutdown.js';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A shutdown whose closing takes `closeMs` (Infinity: never finishes), with its logs and exit codes. */
function setup(closeMs: number, stopsManagedNeo4j: boolean) {
  const errors: string[] = [];
  const infos: string[] = [];
  const exits: number[] = [];
  const sut = createShutdown({
    log: {
      info: (_o: unknown, msg?: string) => void infos.push(msg ?? ''),
      error: (_o: unknown, msg?: string) => void errors.push(msg ?? ''),
      flush: () => undefined,
    } as never,
    closeAll: () => new Promise<void>((resolve) => closeMs !== Infinity && setTimeout(resolve, closeMs)),
    budgetMs: () => shutdownBudgetMs(stopsManagedNeo4j),
    exit: (code) => void exits.push(code),
  });
  return { sut, errors, infos, exits };
}

describe('when the service shuts down', () => {
  it('when its managed Neo4j takes 12 s to stop, then it exits 0 with no error', async () => {
    const { sut, errors, infos, exits } = setup(12_000, true);
    const done = sut('SIGTERM');
    await vi.advanceTimersByTimeAsync(12_000);
    await done;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(errors).toEqual([]);
    expect(exits).toEqual([0]);
    // The log ends saying the shutdown finished.
    expect(infos).toEqual(['shutting down', 'shut down']);
  });

  it('when its managed Neo4j stops as late as a stop may take, then it still exits 0 with no error', async () => {
    const { sut, errors, exits } = setup(SERVER_GRACE_MS + NEO4J_STOP_TIMEOUT_MS + 500, true);
    const done = sut('SIGTERM');
    await vi.advanceTimersByTimeAsync(SERVER_GRACE_MS + NEO4J_STOP_TIMEOUT_MS + 500);
    await done;
    expect(errors).toEqual([]);
    expect(exits).toEqual([0]);
  });

  it('when closing hangs, then it logs the error and exits 1 once the budget is spent', async () => {
    const { sut, errors, exits } = setup(Infinity, true);
    void sut('SIGTERM');
    await vi.advanceTimersByTimeAsync(shutdownBudgetMs(true) - 1);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toEqual(['shutdown did not finish in time; exiting anyway']);
    expect(exits).toEqual([1]);
  });

  it('when no managed Neo4j is to be stopped, then a hang is called after seconds, not a minute', async () => {
    expect(shutdownBudgetMs(false)).toBeLessThan(15_000);
    expect(shutdownBudgetMs(true)).toBeGreaterThan(NEO4J_STOP_TIMEOUT_MS);
    const { sut, exits } = setup(Infinity, false);
    void sut('SIGTERM');
    await vi.advanceTimersByTimeAsync(shutdownBudgetMs(false));
    expect(exits).toEqual([1]);
  });

  it('when a second signal arrives, then it is ignored', async () => {
    const { sut, exits } = setup(1_000, true);
    const first = sut('SIGTERM');
    void sut('SIGINT');
    await vi.advanceTimersByTimeAsync(1_000);
    await first;
    expect(exits).toEqual([0]);
  });
});
