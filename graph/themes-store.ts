/**
 * Emerging themes stored in the graph: the default answer of GET /api/themes (yearly periods, no date range) per
 * access view — every non-empty set of access labels, as for communities (graph/communities.ts) — recomputed
 * after each ingest, upload or deletion, so the API serves them without clustering on request. One `ThemeSet`
 * node per view holds the answer as JSON; the computing itself is queries/themes.ts's, handed in by the caller
 * (src/ wires it), since graph/ does not import queries/.
 *
 * A stored answer is current while the write lock's `documentWrites` counter (raised in the transaction of every
 * document write or deletion, graph/write-lock.ts) equals the one it was computed from; a reader compares the two,
 * so a set left behind by a writer killed before its refresh is never served. Each view is computed from the
 * documents of its labels only: a restricted document can neither form nor shape a public reader's themes.
 */
import { query } from './cypher.js';
import type { Graph } from './driver.js';
import { communityViews } from './communities.js';
import { label } from './schema.js';
import { takeWriteLock, WRITE_LOCK_ID } from './write-lock.js';

/** Computes the default themes answer for readers of `labels` (queries/themes.ts's `computeDefaultThemes`). */
export type ComputeThemes = (labels: string[]) => Promise<unknown>;

/** What a refresh did: per view, how many themes it stored, and the CPU time of the whole refresh. */
export interface ThemesSummary {
  writes: number;
  ms: number;
  views: { view: string; themes: number }[];
  /** True when a document was written while computing: nothing stored, that writer's own refresh follows. */
  superseded: boolean;
}

/** The document-writes counter the stored sets are compared with. */
export const DOCUMENT_WRITES = query(
  `OPTIONAL MATCH (l:${label('WriteLock')} {id: $id}) RETURN coalesce(l.documentWrites, 0) AS writes`,
  { id: WRITE_LOCK_ID },
);

/** STORED_THEME_VIEWS: the views whose stored set is current. */
const CURRENT_VIEWS = query(
  `OPTIONAL MATCH (l:${label('WriteLock')} {id: $id})
   WITH coalesce(l.documentWrites, 0) AS writes
   MATCH (t:${label('ThemeSet')}) WHERE t.writes = writes
   RETURN t.view AS view ORDER BY view`,
  { id: WRITE_LOCK_ID },
);

const DELETE_THEME_SETS = query(`MATCH (t:${label('ThemeSet')}) DETACH DELETE t`);

/** Stores one answer per view, tagged with the document-writes counter it was computed from. */
export function buildWriteThemeSets(
  sets: readonly { view: string; labels: string[]; answer: unknown; themes: number }[],
  writes: number,
  computedAt: string,
) {
  return query(
    `UNWIND $sets AS s
     CREATE (:${label('ThemeSet')} {id: 'themes:' + s.view, view: s.view, labels: s.labels, interval: 'year',
       themes: s.themes, answer: s.answer, writes: $writes, computedAt: $computedAt})`,
    {
      sets: sets.map((s) => ({ view: s.view, labels: s.labels, themes: s.themes, answer: JSON.stringify(s.answer) })),
      writes,
      computedAt,
    },
  );
}

const countOf = (answer: unknown) =>
  Array.isArray((answer as { themes?: unknown[] } | null)?.themes)
    ? (answer as { themes: unknown[] }).themes.length
    : 0;

/**
 * Recomputes the stored themes when a document was written or deleted since they were computed (or `force`):
 * every view computed outside the write lock (clustering takes seconds, writers need not wait for it), then stored
 * under it only if no document was written meanwhile. Null when they were current.
 */
export async function refreshThemes(
  graph: Graph,
  compute: ComputeThemes,
  options: { force?: boolean } = {},
): Promise<ThemesSummary | null> {
  const views = communityViews();
  const [{ writes }] = await graph.read<{ writes: number }>(DOCUMENT_WRITES);
  const current = (await graph.read<{ view: string }>(CURRENT_VIEWS)).map((r) => r.view);
  if (!options.force && views.every((v) => current.includes(v.join('|')))) return null;
  const t0 = process.cpuUsage();
  const sets: { view: string; labels: string[]; answer: unknown; themes: number }[] = [];
  for (const labels of views) {
    const answer = await compute(labels);
    sets.push({ view: labels.join('|'), labels, answer, themes: countOf(answer) });
  }
  const stored = await graph.transaction(async (tx) => {
    await tx.run(takeWriteLock(false));
    const [now] = await tx.run(DOCUMENT_WRITES);
    if (Number(now?.writes ?? 0) !== Number(writes)) return false;
    await tx.run(DELETE_THEME_SETS);
    await tx.run(buildWriteThemeSets(sets, Number(writes), new Date().toISOString()));
    return true;
  });
  const cpu = process.cpuUsage(t0);
  return {
    writes: Number(writes),
    ms: Math.round((cpu.user + cpu.system) / 1000),
    views: sets.map((s) => ({ view: s.view, themes: s.themes })),
    superseded: !stored,
  };
}

const background = new WeakMap<Graph, { running: Promise<void>; again: boolean }>();

/**
 * Refreshes the stored themes in the background, after an upload or a deletion: the uploader's answer need not wait
 * for a clustering that takes seconds at 100 documents and minutes at 10k. One refresh per graph at a time; asked
 * again while one runs, it runs once more after it. Until it stores them the sets are stale, never served, and
 * requests compute themes themselves. `report` gets each outcome (a summary, null when current, or the error).
 */
export function refreshThemesInBackground(
  graph: Graph,
  compute: ComputeThemes,
  report: (outcome: ThemesSummary | null | Error) => void,
): void {
  const running = background.get(graph);
  if (running) {
    running.again = true;
    return;
  }
  const entry = { running: Promise.resolve(), again: true };
  background.set(graph, entry);
  entry.running = (async () => {
    while (entry.again) {
      entry.again = false;
      report(await refreshThemes(graph, compute).catch((err: unknown) => err as Error));
    }
  })().finally(() => background.delete(graph));
}

/** Waits until no background theme refresh of this graph runs (before closing it; tests). */
export async function settleThemeRefresh(graph: Graph): Promise<void> {
  for (let entry = background.get(graph); entry; entry = background.get(graph)) await entry.running;
}
