/**
 * The load generator, run as its own process so it does not share the event loop or CPU accounting of the server
 * under test: autocannon with a fixed number of connections, rotating through the given request bodies. Prints
 * one JSON line: latency percentiles computed from every response time, throughput, errors.
 * Usage: node --import tsx bench/load-worker.ts '<json LoadSpec>'
 */
import autocannon from 'autocannon';
import { z } from 'zod';

const LoadSpec = z.object({
  url: z.url(),
  bodies: z.array(z.string()).min(1),
  connections: z.number().int().min(1).max(256),
  durationS: z.number().positive(),
  warmupS: z.number().min(0).default(1),
});
export type LoadSpec = z.input<typeof LoadSpec>;

export interface LoadResult {
  connections: number;
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(spec: z.output<typeof LoadSpec>, durationS: number, record: boolean): Promise<LoadResult> {
  let next = 0;
  const times: number[] = [];
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((res, rej) => ((finish = res), (fail = rej)));
  const instance = autocannon(
    {
      url: spec.url,
      connections: spec.connections,
      duration: durationS,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: spec.bodies[next++ % spec.bodies.length] }),
        },
      ],
    },
    (err, result) => (err ? fail(err) : finish(result)),
  );
  if (record) instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await done;
  times.sort((a, b) => a - b);
  const total = times.reduce((s, t) => s + t, 0);
  return {
    connections: spec.connections,
    requests: times.length,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rps: times.length / durationS,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    mean: total / Math.max(1, times.length),
  };
}

const spec = LoadSpec.parse(JSON.parse(process.argv[2] ?? '{}'));
if (spec.warmupS > 0) await run(spec, spec.warmupS, false);
process.stdout.write(JSON.stringify(await run(spec, spec.durationS, true)) + '\n');
