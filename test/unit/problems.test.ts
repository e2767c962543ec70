/**
 * One table of error codes: every code of every layer has a status (checked by the type-checker, which `npm test`
 * runs over test/ too), and the error middleware answers each code as the table says.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { GraphError } from '../../graph/driver.js';
import { INGEST_ERROR_CODES } from '../../ingest/errors.js';
import {
  ApiError,
  PROBLEMS,
  fieldErrors,
  problemHandler,
  type CodeProblem,
  type ErrorCode,
  type ProblemTable,
} from '../../src/problems.js';

describe('when a layer adds an error code', () => {
  it('then a table without a status for it does not type-check', () => {
    const { GRAPH_SCHEMA: dropped, ...withoutOne } = PROBLEMS;
    // @ts-expect-error -- GRAPH_SCHEMA has no status: the table must name every ErrorCode.
    const incomplete: ProblemTable = withoutOne;
    // @ts-expect-error -- a code new to a layer's union, missing from PROBLEMS.
    const stale: Record<ErrorCode | 'NEW_CODE', CodeProblem> = PROBLEMS;
    expect(dropped.status).toBe(503);
    expect(Object.keys(incomplete)).not.toContain('GRAPH_SCHEMA');
    expect(Object.keys(stale)).not.toContain('NEW_CODE');
  });

  it('then the table holds exactly the codes of the layers, each with an HTTP error status', () => {
    expectTypeOf<keyof typeof PROBLEMS>().toEqualTypeOf<ErrorCode>();
    expect(Object.keys(PROBLEMS)).toEqual(expect.arrayContaining([...INGEST_ERROR_CODES]));
    for (const p of Object.values(PROBLEMS)) {
      expect(p.status).toBeGreaterThanOrEqual(400);
      expect(p.status).toBeLessThan(600);
    }
  });
});

describe('when a route fails with a coded error', () => {
  let url = '';
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = express();
    const errors: Record<string, Error> = {
      fetch: new ApiError('FETCH_FAILED', 'Could not fetch http://example.test/: HTTP 500'),
      schema: new GraphError('GRAPH_SCHEMA', 'Indexes not ONLINE: passage_embedding'),
      query: new GraphError('GRAPH_QUERY', 'Invalid input MATCH (secret:Thing)'),
      unknown: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      prototype: Object.assign(new Error('inherited name'), { code: 'toString' }),
    };
    app.get('/fail/:what', (req, _res, next) => next(errors[req.params.what]));
    app.use(problemHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const call = async (what: string) => {
    const res = await fetch(`${url}/fail/${what}`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
  };

  it('then a 4xx code shows its message under its title', async () => {
    const sut = await call('fetch');
    expect(sut.status).toBe(422);
    expect(sut.body).toMatchObject({
      title: 'Document could not be fetched',
      detail: expect.stringMatching(/HTTP 500/),
    });
  });

  it('then GRAPH_SCHEMA is 503 with Retry-After and no detail of the schema', async () => {
    const sut = await call('schema');
    expect(sut).toMatchObject({ status: 503, retryAfter: '10', body: { title: 'Graph schema not ready' } });
    expect(sut.body.detail).not.toMatch(/ONLINE/);
  });

  it('then a 500 code, an unknown code and an inherited property name leak nothing', async () => {
    for (const what of ['query', 'unknown', 'prototype']) {
      const sut = await call(what);
      expect(sut.status).toBe(500);
      expect(sut.body).toMatchObject({
        title: 'Internal error',
        detail: 'An unexpected error occurred; it has been logged',
      });
    }
  });
});

describe("when a value breaks a field's rules", () => {
  const Page = z.object({ offset: z.number().int().min(0).max(1000), limit: z.coerce.number().int().min(1).max(50) });
  const errorsOf = (value: unknown) => fieldErrors(Page.safeParse(value).error!, 'body');

  it("then a number past the safe integers gets one error, the field's own bound", () => {
    expect(errorsOf({ offset: 1e300, limit: 1 })).toEqual([
      { field: 'body.offset', message: 'Too big: expected number to be <=1000' },
    ]);
    expect(errorsOf({ offset: -1e300, limit: '1e300' })).toEqual([
      { field: 'body.offset', message: 'Too small: expected number to be >=0' },
      { field: 'body.limit', message: 'Too big: expected number to be <=50' },
    ]);
  });

  it('then a value that is not a number says so, not "received NaN"', () => {
    expect(errorsOf({ offset: 0, limit: 'ten' })).toEqual([{ field: 'body.limit', message: 'expected a number' }]);
  });

  it('then a bare .int() past the safe integers keeps its one error', () => {
    const errors = fieldErrors(z.object({ n: z.number().int() }).safeParse({ n: 1e300 }).error!, '');
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('n');
  });
});
