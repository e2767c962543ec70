/**
 * The analysts' page in a real browser (Debian's Chromium, playwright-core) for an anonymous analyst, with a
 * restricted document (test/support/restricted.ts) planted next to the bundled corpus: none of its words may
 * appear on any view — search in every mode, the practice it merged into, its entities, the graph and paths
 * explorer, trends and the filters — while the document is there for a key that may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpusOnStart, ingestOneDocument } from '../../src/ingest-service.js';
import { getDocument } from '../../queries/documents.js';
import { openPage, startSite, stopSite, type Site } from '../support/browser.js';
import { LEAK_MARKERS, RESTRICTED_ID, restrictedUpload } from '../support/restricted.js';

const enc = encodeURIComponent;

let site: Site;
let sharedPractice: string;

beforeAll(async () => {
  // A first search plans a large statement: on a loaded machine that alone can pass the default 10 s timeout.
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '120000' }, async (rt) => {
    await ingestCorpusOnStart(rt, rt.config.corpus.dir);
    const [practice] = await rt.graph.read<{ id: string; text: string }>({
      cypher: 'MATCH (p:Practice) RETURN p.id AS id, p.text AS text ORDER BY p.id LIMIT 1',
      params: {},
    });
    sharedPractice = practice.id;
    const upload = restrictedUpload(practice.text);
    await ingestOneDocument(rt, {
      bytes: new TextEncoder().encode(upload.text),
      filename: upload.filename,
      metadata: upload.metadata as never,
    });
  });
});
afterAll(() => stopSite(site));

/** The text of a view once `ready` is shown and the API calls settled. */
async function viewText(path: string, ready: string): Promise<string> {
  const { page, errors } = await openPage(site.browser, { timeoutMs: 120_000 });
  await page.goto(`${site.running.url}${path}`);
  await page
    .locator(ready)
    .first()
    .waitFor()
    .catch(async (err: Error) => {
      throw new Error(`${path}: ${err.message}\n${await page.locator('main').innerText()}`);
    });
  await page.waitForLoadState('networkidle');
  const text = (await page.locator('body').innerText()) + (await page.content());
  await page.close();
  expect(errors, path).toEqual([]);
  return text;
}

describe('when an anonymous analyst uses the page', () => {
  it('then the restricted document is in the graph for a reader of restricted documents (the plant took)', async () => {
    const doc = await getDocument(site.rt.graph, { id: RESTRICTED_ID, offset: 0, limit: 100_000 }, [
      'public',
      'restricted',
    ]);
    expect(doc?.passages.map((p) => p.text).join(' ')).toMatch(LEAK_MARKERS);
  });

  it('then no view shows any of its words', async () => {
    const views: [string, string][] = [
      ...['hybrid', 'semantic', 'keyword'].map((mode): [string, string] => [
        // Its other words: the page shows the analyst's own query, so the query holds none of the markers.
        `/search?q=${enc('vault badge swap ledger keys rotated every fortnight')}&mode=${mode}`,
        '.result-summary, .results .state.empty',
      ]),
      [`/practice/${enc(sharedPractice)}`, 'h1'],
      [`/entity/country/${enc('country:TH')}`, 'h1'],
      [`/entity/country/${enc('country:BE')}`, '#pass-h'],
      [`/graph?type=country&id=${enc('country:TH')}`, '#cy[data-nodes], .graph-status'],
      [
        `/graph?mode=paths&from=${enc('country:TH')}&to=${enc('organisation:iwg-steering-committee')}`,
        '.graph-status, .hops',
      ],
      // The bundled corpus has no dated document: the chart is empty for the analyst, its only dated document is the restricted one.
      ['/trends', '#trend-chart, .state.empty'],
    ];
    for (const [path, ready] of views) {
      const text = await viewText(path, ready);
      expect(text, path).not.toMatch(LEAK_MARKERS);
      expect(text, path).not.toContain(RESTRICTED_ID);
    }
    // The reader, asked for the restricted document itself, answers as for an unknown id (it echoes the id asked).
    const reader = await viewText(`/document/${enc(RESTRICTED_ID)}`, 'h1');
    expect(reader).toContain('Document not found');
    // The id is the analyst's own words (it is in the address they typed): what must not show is anything else.
    expect(reader.split(RESTRICTED_ID).join('')).not.toMatch(LEAK_MARKERS);
  }, 900_000);
});
