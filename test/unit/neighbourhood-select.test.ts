import { describe, expect, it } from 'vitest';
import {
  COOCCURRENCE_EDGES_PER_NODE,
  selectNeighbours,
  thinEdges,
  type Candidate,
  type EdgeRow,
} from '../../queries/neighbourhood-select.js';

const candidate = (id: string, score: number, fact = false): Candidate => ({
  id,
  type: 'country',
  label: id,
  score,
  fact,
});
const related = (source: string, target: string, strength: number): EdgeRow => ({
  source,
  target,
  type: 'RELATED_TO',
  strength,
  weight: 3,
});

describe('selectNeighbours', () => {
  const pool = [
    candidate('c', 0.1),
    candidate('a', 0.3),
    candidate('f2', 1, true),
    candidate('b', 0.2),
    candidate('f1', 1, true),
  ];

  it('when facts are fewer than the limit, then they come first and the strongest others fill it', () => {
    expect(selectNeighbours(pool, 4, 100).map((c) => c.id)).toEqual(['f1', 'f2', 'a', 'b']);
  });

  it('when facts reach the limit, then every fact is kept and no other', () => {
    expect(selectNeighbours(pool, 1, 100).map((c) => c.id)).toEqual(['f1', 'f2']);
  });

  it('when facts exceed their cap, then the cap bounds them', () => {
    expect(selectNeighbours(pool, 1, 1).map((c) => c.id)).toEqual(['f1']);
  });
});

describe('thinEdges', () => {
  it('when every pair co-occurs, then each node keeps its link to the focus and the rest is cut to the budget', () => {
    const ids = ['focus', 'a', 'b', 'c', 'd', 'e'];
    const rows: EdgeRow[] = [];
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) rows.push(related(ids[i], ids[j], 0.01 * (i + j)));
    const fact: EdgeRow = { source: 'a', target: 'e', type: 'AFFECTS', strength: 1, weight: null };
    const sut = thinEdges([...rows, fact], ids);
    expect(rows.length).toBe(15);
    expect(sut).toContain(fact);
    const cooccurrence = sut.filter((r) => r.type === 'RELATED_TO');
    expect(cooccurrence.length).toBe(Math.min(15, COOCCURRENCE_EDGES_PER_NODE * ids.length));
    for (const id of ids.slice(1))
      expect(
        cooccurrence.some((r) => r.source === 'focus' && r.target === id),
        id,
      ).toBe(true);
  });

  it('when a node has no link to the focus, then its link to a node ranked before it stays, however weak', () => {
    const ids = ['focus', 'a', 'b', 'c', 'd', 'e'];
    const others = ids.filter((id) => id !== 'c');
    const rows: EdgeRow[] = [];
    for (let i = 0; i < others.length; i++)
      for (let j = i + 1; j < others.length; j++) rows.push(related(others[i], others[j], 0.5));
    const weak = related('b', 'c', 0.001);
    rows.push(weak, related('c', 'd', 0.9), related('c', 'e', 0.9));
    expect(rows.length).toBeGreaterThan(COOCCURRENCE_EDGES_PER_NODE * ids.length);
    const sut = thinEdges(rows, ids);
    expect(sut.length).toBe(COOCCURRENCE_EDGES_PER_NODE * ids.length);
    expect(sut).toContain(weak);
  });
});
