/** Small helpers shared by the query builders: the Cypher projections of the reference shapes answers share. */
import type { DocumentRef, Span } from './shapes.js';

/** Cypher map projection of a document as a DocumentRef (variable name given). */
export const documentRef = (v: string) =>
  `${v} {id: ${v}.id, title: coalesce(${v}.title, ${v}.id), type: coalesce(${v}.type, 'other'), date: ${v}.date, source: ${v}.source}`;

/** Cypher map projection of an entity as an EntityRef. */
export const entityRef = (v: string) => `${v} {type: ${v}.kind, id: ${v}.id, name: ${v}.name}`;

/** A span from raw row values; `page` only when known. */
export function toSpan(start: unknown, end: unknown, page?: unknown): Span {
  const span: Span = { start: Number(start ?? 0), end: Number(end ?? 0) };
  if (typeof page === 'number') span.page = page;
  return span;
}

/** Rows' document refs with null fields normalised. */
export function toDocumentRef(raw: unknown): DocumentRef | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Record<string, unknown>;
  return {
    id: String(d.id),
    title: String(d.title ?? d.id),
    type: String(d.type ?? 'other'),
    date: (d.date as string | null) ?? null,
    source: (d.source as string | null) ?? null,
  };
}

/** A hop count to place in Cypher text (variable-length patterns take no parameters): a checked integer. */
export function hopsLiteral(n: number, max: number, name = 'hops'): number {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${name} must be an integer in 1..${max}`);
  return n;
}
