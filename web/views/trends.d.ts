/** Types of web/views/trends.js for the unit tests (the page itself is plain JavaScript). */
export interface ChartLine {
  label: string;
  /** The entities summed into the "Other" line, for its tooltip. */
  title?: string;
  counts: number[];
  /** Percent of the period's documents; null where the period has none. */
  shares: (number | null)[];
  colour: string;
  other?: boolean;
}
export const PALETTE: string[];
export const SERIES: number;
export function chartLines(
  series: { entity: { type: string; id: string; name: string }; counts: number[] }[],
  exposure: number[],
  limit?: number,
): ChartLine[];
export function chartConfig(
  periods: string[],
  lines: ChartLine[],
): {
  type: 'line';
  data: { labels: string[]; datasets: { label: string; data: (number | null)[]; spanGaps: boolean }[] };
};
export function trendDirection(zScore: number): 'rising' | 'falling' | 'no clear change';
export function mount(el: HTMLElement, ctx: unknown): { update(next: unknown): void; destroy(): void };
