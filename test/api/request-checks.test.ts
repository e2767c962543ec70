/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
/**
 * Requests the API cannot take get an answer that says what is wrong: a body of another media type is 415 naming
 * the types taken, JSON that is no object is 400 saying so, a reversed date range is 400 on `to` wherever one is
 * taken, a parameter given twice or a huge number gets one clear error, and a known path asked with another method
 * is 405 with `Allow`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from './helpers.js';

const KEY = 'request-checks-key';
const auth = { authorization: `Bearer ${KEY}` };

let api: Api;
beforeAll(async () => {
  api = await startApi({ IWG_API_KEYS: KEY, IWG_RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => api?.close());

const isProblem = (res: { status: number; headers: Headers; body: any }, status: number) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
};
const send = (method: string, path: string) => fetch(api.url + path, { method });

describe('when a JSON route is sent a body of another media type', () => {
  it('then text/plain and a form are 415 naming application/json', async () => {
    for (const path of ['/api/search', '/api/facets', '/api/practices/related']) {
      for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
        const res = await api.post(path, '{"query":"access control","text":"access control"}', {
          'content-type': type,
        });
        isProblem(res, 415);
        expect(res.body.detail, `${path} ${type}`).toMatch(/must be application\/json; got /);
        expect(res.body.errors).toEqual([
          { field: 'content-type', message: expect.stringContaining(type.split(';')[0]) },
        ]);
      }
    }
  });

  it('then an upload route names both the JSON and the multipart types, and takes both still', async () => {
    const plain = await api.post('/api/documents', 'Hedgehog patrols guard the gate.', {
      ...auth,
      'content-type': 'text/plain',
    });
    isProblem(plain, 415);
    expect(plain.body.detail).toBe('The request body must be application/json or multipart/form-data; got text/plain');
    const json = await api.post(
      '/api/documents',
      { text: 'Hedgehog patrols guard the gate.', filename: 'hog.txt' },
      auth,
    );
    expect(json.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob(['Badger patrols guard the wall.']), 'badger.txt');
    const multipart = await fetch(`${api.url}/api/documents`, { method: 'POST', body: form, headers: auth });
    expect(multipart.status).toBe(201);
  });

  it('then a body with no Content-Type is 415, and no body at all is 400 "missing"', async () => {
    const untyped = await fetch(`${api.url}/api/search`, { method: 'POST', body: new Blob(['{"query":"x"}']) });
    expect(untyped.status).toBe(415);
    expect(((await untyped.json()) as any).detail).toBe('The request body must be application/json; got none');
    const none = await api.post('/api/search', undefined);
    isProblem(none, 400);
    expect(none.body.errors).toEqual([{ field: 'body', message: 'missing' }]);
  });
});

describe('when a JSON body is valid JSON but not an object', () => {
  it('then it is 400 "must be a JSON object", not "malformed JSON"', async () => {
    for (const [raw, kind] of [
      ['null', 'null'],
      ['"x"', 'a string'],
      ['42', 'a number'],
      ['[{"query":"x"}]', 'an array'],
    ]) {
      for (const [path, headers] of [
        ['/api/search', {}],
        ['/api/documents', auth],
      ] as const) {
        const res = await api.post(path, raw, headers);
        isProblem(res, 400);
        expect(res.body.detail, `${path} ${raw}`).toBe('The request body must be a JSON object');
        expect(res.body.errors).toEqual([{ field: 'body', message: `expected a JSON object, received ${kind}` }]);
      }
    }
    const malformed = await api.post('/api/search', '{"query":');
    isProblem(malformed, 400);
    expect(malformed.body.detail).toBe('The request body is not valid JSON');
  });
});

describe('when a date range ends before it starts', () => {
  const reversed = { from: '2022-01-01', to: '2020-01-01' };

  it('then search and facets are 400 on body.filters.to, as trends and themes are on query.to', async () => {
    for (const path of ['/api/search', '/api/facets']) {
      const res = await api.post(path, { query: 'access control', filters: reversed });
      isProblem(res, 400);
      expect(res.body.errors, path).toEqual([{ field: 'body.filters.to', message: 'expected a date not before from' }]);
    }
    for (const path of ['/api/trends', '/api/themes']) {
      const res = await api.get(`${path}?from=${reversed.from}&to=${reversed.to}`);
      isProblem(res, 400);
      expect(res.body.errors, path).toEqual([{ field: 'query.to', message: 'expected a date not before from' }]);
    }
  });

  it('then a range in order, or of one day, is answered', async () => {
    for (const filters of [
      { from: '2020-01-01', to: '2022-01-01' },
      { from: '2021-05-05', to: '2021-05-05' },
    ]) {
      const res = await api.post('/api/search', { query: 'access control', mode: 'keyword', filters });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });
});

describe('when a number or a parameter is given in a way the route cannot use', () => {
  it('then an offset of 1e300 gets one error naming its bound', async () => {
    const res = await api.post('/api/search', { query: 'x', offset: 1e300 });
    isProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'body.offset', message: 'Too big: expected number to be <=1000' }]);
  });

  it('then a query parameter given twice is 400 saying so', async () => {
    const res = await api.get('/api/entities?limit=2&limit=3');
    isProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'query.limit', message: 'given more than once; give it once' }]);
    expect((await api.get('/api/entities?limit=2')).status).toBe(200);
  });

  it('then a query parameter that is not a number says "expected a number"', async () => {
    const res = await api.get('/api/entities?limit=ten');
    isProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'query.limit', message: 'expected a number' }]);
    // Only decimal notation is a number: not hexadecimal, not an exponent past any bound, not a blank read as 0.
    for (const [path, field] of [
      ['/api/graph/neighborhood?type=country&id=country%3ABE&depth=0x2', 'query.depth'],
      ['/api/entities?limit=', 'query.limit'],
      ['/api/entities?limit=%20', 'query.limit'],
      ['/api/documents/x?offset=1e400', 'query.offset'],
    ]) {
      const bad = await api.get(path);
      expect(bad.status, path).toBe(400);
      expect(bad.body.errors, path).toEqual([{ field, message: 'expected a number' }]);
    }
    expect((await api.get('/api/graph/neighborhood?type=country&id=country%3ABE&depth=2')).status).toBe(200);
  });
});

describe('when an entity is asked as a kind it is not', () => {
  it('then the 404 says what it is, on the kind field; an unknown id is named on the id field', async () => {
    for (const [path, field, message] of [
      ['/api/entities/topic/country%3ABE', 'params.type', 'country:BE is a country, not a topic'],
      ['/api/graph/neighborhood?type=topic&id=country%3ABE', 'query.type', 'country:BE is a country, not a topic'],
      ['/api/entities/country/country%3AXX', 'params.id', 'no entity country:XX'],
      ['/api/graph/neighborhood?type=country&id=country%3AXX', 'query.id', 'no entity country:XX'],
    ]) {
      const res = await api.get(path);
      isProblem(res, 404);
      expect(res.body.errors, path).toEqual([{ field, message }]);
    }
    expect((await api.get('/api/entities/country/country%3ABE')).status).toBe(200);
  });
});

describe('when a known API path is asked with a method it does not answer', () => {
  it('then it is 405 with Allow listing the methods it answers', async () => {
    for (const [method, path, allow] of [
      ['GET', '/api/search', 'POST'],
      ['PUT', '/api/search', 'POST'],
      ['DELETE', '/api/facets', 'GET, HEAD, POST'],
      ['PUT', '/api/documents/upload%3Ax.txt', 'GET, HEAD, DELETE'],
      ['GET', '/api/documents', 'POST'],
      ['PATCH', '/api/trends', 'GET, HEAD'],
      ['POST', '/api/openapi.json', 'GET, HEAD'],
      // A fixed path is not taken by a parameter route of another method (GET /api/practices/:id).
      ['DELETE', '/api/practices/related', 'POST'],
      ['GET', '/api/practices/related', 'POST'],
    ]) {
      const res = await send(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await res.json()) as any).detail).toBe(`${method} is not allowed on ${path}; allowed: ${allow}`);
    }
  });

  it('then OPTIONS answers 204 with Allow, and an unknown path stays 404', async () => {
    const options = await send('OPTIONS', '/api/search');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST');
    const unknown = await send('GET', '/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).detail).toBe('No route for GET /api/no-such-thing');
  });
});
