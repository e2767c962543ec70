/** The API tests' contract check (test/api/contract.ts) catches every kind of drift from the OpenAPI document. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { apiRoutes } from '../../src/routes/index.js';
import { createContractCheck } from '../api/contract.js';

const sut = createContractCheck(apiRoutes(loadConfig({ IWG_INGEST_ON_START: 'false' })));
const json = new Headers({ 'content-type': 'application/json; charset=utf-8' });
const problemJson = new Headers({ 'content-type': 'application/problem+json; charset=utf-8' });
const country = { type: 'country', id: 'country:BE', name: 'Belgium', count: 2 };
const facets = {
  documents: 3,
  countries: [country],
  focusGroups: [],
  topics: [],
  trends: [],
  documentTypes: ['brochure'],
  languages: ['en'],
  documentTypeCounts: [{ value: 'brochure', count: 1 }],
  languageCounts: [{ value: 'en', count: 3 }],
  dateRange: { from: '2019-06-01', to: null },
};
const notFound = {
  type: 'https://iwg-graph.local/problems/404',
  title: 'Not found',
  status: 404,
  detail: 'Entity country:ZZ not found',
  instance: '/api/entities/country/country%3AZZ',
  requestId: 'r1',
};

describe('when an answer is checked against the OpenAPI document', () => {
  it('then an answer as documented passes, success and problem alike', () => {
    expect(() => sut('GET', '/api/facets', { status: 200, headers: json, body: facets })).not.toThrow();
    const url = '/api/entities/country/country%3AZZ?x=1';
    expect(() => sut('GET', url, { status: 404, headers: problemJson, body: notFound })).not.toThrow();
    expect(() => sut('GET', '/', { status: 200, headers: json, body: 'the web page' })).not.toThrow();
  });

  it('then a missing or mistyped field fails', () => {
    const { languages: _, ...missing } = facets;
    expect(() => sut('GET', '/api/facets', { status: 200, headers: json, body: missing })).toThrow(/languages/);
    const mistyped = { ...facets, dateRange: { from: 2019, to: null } };
    expect(() => sut('GET', '/api/facets', { status: 200, headers: json, body: mistyped })).toThrow(/schema/);
  });

  it('then a field the schema does not name fails, however deep', () => {
    const extra = { ...facets, countries: [{ ...country, flag: '🇧🇪' }] };
    expect(() => sut('GET', '/api/facets', { status: 200, headers: json, body: extra })).toThrow(
      /\$\.countries\[0\]\.flag/,
    );
  });

  it('then answers of routes with path parameters are checked too', () => {
    const entity = '/api/entities/country/country%3AZZ';
    expect(() =>
      sut('GET', entity, { status: 404, headers: problemJson, body: { ...notFound, status: '404' } }),
    ).toThrow(/GET \/api\/entities\/\{type\}\/\{id\} → 404/);
    const document = `/api/documents/${encodeURIComponent('corpus/documents/a.txt')}`;
    expect(() => sut('DELETE', document, { status: 204, headers: json, body: 'gone' })).toThrow(/without a body/);
  });

  it('then an undocumented status or content type fails', () => {
    expect(() => sut('GET', '/api/facets', { status: 418, headers: json, body: {} })).toThrow(/not documented/);
    expect(() => sut('GET', '/api/facets', { status: 200, headers: problemJson, body: facets })).toThrow(
      /content type/,
    );
  });
});
