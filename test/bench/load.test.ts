import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load.js';

let server: Server;
let url: string;
const bodies = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      bodies.add(body);
      setTimeout(() => res.end('{"ok":true}'), 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('runLoad', () => {
  it('when a server is loaded from the worker process, then every body is sent and percentiles are ordered', async () => {
    const sut = await runLoad({
      url,
      bodies: ['{"q":"a"}', '{"q":"b"}', '{"q":"c"}'],
      connections: 2,
      durationS: 1,
      warmupS: 0,
    });
    expect(sut.requests).toBeGreaterThan(20);
    expect(sut.errors + sut.non2xx).toBe(0);
    expect(sut.p50).toBeGreaterThanOrEqual(5);
    expect(sut.p50).toBeLessThanOrEqual(sut.p95);
    expect(sut.p95).toBeLessThanOrEqual(sut.p99);
    expect(sut.rps).toBeCloseTo(sut.requests, 0);
    expect([...bodies].sort()).toEqual(['{"q":"a"}', '{"q":"b"}', '{"q":"c"}']);
  });

  it('when the spec is invalid, then the worker fails naming the field', async () => {
    await expect(runLoad({ url: 'not a url', bodies: [], connections: 0, durationS: 1 })).rejects.toThrow(
      /url|bodies|connections/,
    );
  });
});
