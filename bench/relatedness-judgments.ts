/**
 * A reader's judgments of the practices no planted family member sourced that reach a family's top 10 related
 * practices (labels v2 of bench/relatedness.ts). The generator's other pools (the query set's needles and near
 * sentences, the hard practices) hold practices of the same areas as the families; the strict labels count each
 * of them 0. Each was read beside the family's query practice, asking the question the planted grades answer:
 *
 * - `same` (grade 2): it prescribes what the query prescribes, in other words.
 * - `related` (grade 1): it names the query's subject — its object, situation, topic or insider attribute — but
 *   prescribes something else: what the family's planted related practices are.
 * - `no` (0): another subject; sharing a word or a framing ("licensees are encouraged …") is not enough.
 *
 * The pool: the union of the top 10 under every weight triple the report names (bench/relatedness.md), read from
 * `npx tsx bench/relatedness.ts --documents 1000 --dump FILE`. Keyed by family id; each entry [practice text as
 * the node shows it, verdict, why]. SYNTHETIC sentences.
 */
import type { RelatedVerdict } from './relatedness-score.js';

export const RELATED_JUDGMENTS: Record<string, readonly (readonly [string, RelatedVerdict, string])[]> = {};
