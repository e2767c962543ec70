/**
 * Seeded mutations of documents for parser fuzzing: byte-level damage (flips, inserts, deletions, truncation),
 * structure-level stress (a region repeated, lines joined into one, split into many, elements or objects nested
 * deeply) and splices of two documents. Input i of a run depends only on (seed, format, i).
 */
import type { Random } from '../generate/random.js';

export type FuzzFormat = 'html' | 'pdf' | 'txt' | 'md';

/** One fuzz input: its bytes and the mutation that made it (reported with crashes and hangs). */
export interface FuzzInput {
  format: FuzzFormat;
  name: string;
  mutation: string;
  bytes: Uint8Array;
}

// Inputs stay under this size: the upload limit is 20 MB, and most defects show far below it.
const MAX_BYTES = 4 * 1024 * 1024;
const OPENERS: Record<FuzzFormat, string[]> = {
  html: ['<div>', '<ul>', '<table><tr><td>', '<p>', '<span>', '<!--', '<script>', '<a href="#x">'],
  pdf: ['<<', '[', '(', 'q ', 'BT ', '<< /Type /Page ', '1 0 R ', 'stream\n'],
  txt: ['- ', '§ ', '1) ', '\n\n', '-\n', 'U.S. ', '"', '('],
  md: ['# ', '> ', '- ', '```\n', '| a | b |\n', '**', '[x](', '---\n'],
};

type Mutation = (bytes: Uint8Array, r: Random, format: FuzzFormat, other: Uint8Array) => Uint8Array;

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const cut = (bytes: Uint8Array, r: Random): [number, number] => {
  const a = r.int(bytes.length + 1);
  const b = Math.min(bytes.length, a + r.int(Math.max(1, Math.floor(bytes.length / 4))) + 1);
  return [a, b];
};

/** The mutations, by name. */
export const MUTATIONS: Record<string, Mutation> = {
  flipBytes: (b, r) => {
    const out = Uint8Array.from(b);
    for (let k = 1 + r.int(32); k > 0 && out.length > 0; k--) out[r.int(out.length)] = r.int(256);
    return out;
  },
  insertBytes: (b, r) => {
    const at = r.int(b.length + 1);
    const junk = Uint8Array.from({ length: 1 + r.int(256) }, () => r.int(256));
    return concat(b.subarray(0, at), junk, b.subarray(at));
  },
  deleteRange: (b, r) => {
    const [a, z] = cut(b, r);
    return concat(b.subarray(0, a), b.subarray(z));
  },
  truncate: (b, r) => b.subarray(0, r.int(b.length + 1)),
  repeatRegion: (b, r) => {
    const [a, z] = cut(b, r);
    const region = b.subarray(a, Math.max(z, a + 1));
    const times = 2 + r.int(Math.max(2, Math.floor(MAX_BYTES / Math.max(1, region.length * 4))));
    const out = new Uint8Array(Math.min(MAX_BYTES, b.length + region.length * times));
    out.set(b.subarray(0, Math.min(z, out.length)));
    let at = Math.min(z, out.length);
    for (let k = 0; k < times && at < out.length; k++, at += region.length)
      out.set(region.subarray(0, out.length - at), at);
    if (at < out.length) out.set(b.subarray(z, z + out.length - at), at);
    return out;
  },
  oneHugeLine: (b) => b.map((x) => (x === 0x0a || x === 0x0d ? 0x20 : x)),
  manyLines: (b, r) => {
    const text = new TextDecoder().decode(b);
    const every = 1 + r.int(12);
    return encode(text.replace(new RegExp(`(\\S{1,${every}})\\s*`, 'g'), '$1\n'));
  },
  nestDeep: (b, r, format) => {
    const opener = encode(r.pick(OPENERS[format]).repeat(100 + r.int(20_000)));
    const at = r.int(b.length + 1);
    return concat(b.subarray(0, at), opener, b.subarray(at));
  },
  spliceOther: (b, r, _f, other) => {
    const [a] = cut(b, r);
    const [c, d] = cut(other, r);
    return concat(b.subarray(0, a), other.subarray(c, d), b.subarray(a));
  },
  emptyish: (_b, r) => encode(' \n\t'.repeat(r.int(50)) + String.fromCharCode(r.int(128))),
};

/** Input `index` of `format`: a base document (and another to splice from), one to three mutations, capped. */
export function mutateInput(
  format: FuzzFormat,
  index: number,
  bases: readonly { name: string; bytes: Uint8Array }[],
  r: Random,
): FuzzInput {
  const base = r.pick(bases);
  const other = r.pick(bases);
  const names = Object.keys(MUTATIONS);
  const applied: string[] = [];
  let bytes = base.bytes;
  for (let k = 1 + r.int(3); k > 0; k--) {
    const name = r.pick(names);
    applied.push(name);
    bytes = MUTATIONS[name](bytes, r, format, other.bytes);
    if (bytes.length > MAX_BYTES) bytes = bytes.subarray(0, MAX_BYTES);
  }
  return { format, name: `${format}-${index}-${base.name}`, mutation: applied.join('+'), bytes };
}
