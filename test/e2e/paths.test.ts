/* eslint-disable @typescript-eslint/no-explicit-any -- the page's cytoscape instance is read untyped */
/**
 * The graph explorer's paths in a real browser over the bundled corpus: a hop walked against its stated fact still
 * reads, and is drawn, the way the graph stores the fact (the United States co-chairs the IWG, even on a path from
 * Belgium through the IWG to the United States), and each path shows the kind the API gives it. Screenshot in
 * test-artifacts/screenshots/graph-paths-direction-1280.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpusOnStart } from '../../src/ingest-service.js';
import { openPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

const enc = encodeURIComponent;
const FROM = 'country:BE';
const TO = 'country:US';
let site: Site;

beforeAll(async () => {
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '60000' }, async (rt) => {
    await ingestCorpusOnStart(rt, rt.config.corpus.dir);
  });
});
afterAll(() => stopSite(site));

interface StoredFact {
  source: string;
  sourceName: string;
  target: string;
  targetName: string;
}

/** The stated facts of `type` between two entities, each the way the graph stores it. */
async function storedFacts(type: string, a: string, b: string): Promise<StoredFact[]> {
  return site.rt.graph.read<StoredFact>({
    cypher: `MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) = $type AND [s.id, t.id] IN [[$a, $b], [$b, $a]]
      RETURN DISTINCT s.id AS source, s.name AS sourceName, t.id AS target, t.name AS targetName`,
    params: { type, a, b },
  });
}

interface DrawnEdge {
  source: string;
  target: string;
  type: string;
  arrow: string;
}

/** The edges the canvas drew: their ends, type and arrow shape at the target (cytoscape's own instance on #cy). */
function drawnEdges(): DrawnEdge[] {
  const cy = (document.getElementById('cy') as unknown as { _cyreg: { cy: any } })._cyreg.cy;
  return cy.edges().map((e: any) => ({
    source: e.source().id(),
    target: e.target().id(),
    type: e.data('label'),
    arrow: e.style('target-arrow-shape'),
  }));
}

describe('the paths from Belgium to the United States', () => {
  it('when a path walks a co-chair fact against its direction, then its text and arrow follow the stored fact', async () => {
    const [fact, ...others] = await storedFacts('CO_CHAIRS', 'organisation:iwg', TO);
    expect(others).toEqual([]);
    // The walk Belgium → IWG → United States takes this hop IWG → United States: against the fact when it is stored
    // from the United States, which is what the graph says.
    expect(fact.source).toBe(TO);
    const stated = `${fact.sourceName} — co chairs → ${fact.targetName}`;
    const reversed = `${fact.targetName} — co chairs → ${fact.sourceName}`;

    const { page, errors } = await openPage(site.browser);
    await page.goto(`${site.running.url}/graph?mode=paths&from=${enc(FROM)}&to=${enc(TO)}&maxHops=3`);
    await page.locator('#cy[data-nodes] canvas').first().waitFor();
    await page.locator('.hops').first().waitFor();
    await shot(page, 'graph-paths-direction-1280');

    const hopTexts = await page.locator('.hops > li').allTextContents();
    expect(
      hopTexts.some((t) => t.startsWith(stated)),
      hopTexts.join(' | '),
    ).toBe(true);
    expect(
      hopTexts.some((t) => t.startsWith(reversed)),
      hopTexts.join(' | '),
    ).toBe(false);
    // The evidence panel's edge list names each drawn edge source → target.
    const listed = await page.locator('.edge-list button').allTextContents();
    expect(listed).toContain(stated);
    expect(listed).not.toContain(reversed);

    const edges = await page.evaluate(drawnEdges);
    const coChairs = edges.filter((e) => e.type === 'co chairs' && [e.source, e.target].includes('organisation:iwg'));
    expect(coChairs.filter((e) => [e.source, e.target].includes(TO))).toEqual([
      { source: fact.source, target: fact.target, type: 'co chairs', arrow: 'triangle' },
    ]);
    // Every fact drawn points the way the graph stores it.
    for (const e of edges.filter((x) => x.type !== 'related to')) {
      const stored = await storedFacts(e.type.toUpperCase().replace(/ /g, '_'), e.source, e.target);
      expect(
        stored.some((s) => s.source === e.source && s.target === e.target),
        `${e.source} ${e.type} ${e.target}`,
      ).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the paths are listed, then each shows the kind the API gives it', async () => {
    const res = await fetch(`${site.running.url}/api/graph/paths?from=${enc(FROM)}&to=${enc(TO)}&maxHops=3&limit=5`);
    const { paths } = (await res.json()) as { paths: { kind: string }[] };
    const { page, errors } = await openPage(site.browser);
    await page.goto(`${site.running.url}/graph?mode=paths&from=${enc(FROM)}&to=${enc(TO)}&maxHops=3`);
    await page.locator('.paths > li').first().waitFor();
    const shown = await page.locator('.paths > li > p.muted').allTextContents();
    const text = { shortest: 'shortest', strongest: 'strongest', longer: 'longer route' } as Record<string, string>;
    expect(shown.map((t) => t.split(' · ')[0])).toEqual(paths.map((p) => text[p.kind]));
    expect(errors).toEqual([]);
    await page.close();
  });
});
