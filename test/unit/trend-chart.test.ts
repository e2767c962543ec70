import { describe, expect, it } from 'vitest';
import { chartConfig, chartLines, SERIES, trendDirection } from '../../web/views/trends.js';

const entity = (n: number) => ({ entity: { type: 'trend', id: `trend:t${n}`, name: `Trend ${n}` } });

describe('chartLines (the trends page charts)', () => {
  it('when there are more series than SERIES, then the rest are summed into one "Other" line', () => {
    const series = Array.from({ length: SERIES + 3 }, (_, n) => ({ ...entity(n), counts: [n, 1] }));
    const sut = chartLines(series, [20, 10]);
    expect(sut).toHaveLength(SERIES + 1);
    expect(sut.slice(0, SERIES).map((l) => l.label)).toEqual(series.slice(0, SERIES).map((s) => s.entity.name));
    const other = sut.at(-1)!;
    expect(other.label).toBe('Other (3)');
    expect(other.counts).toEqual([SERIES + (SERIES + 1) + (SERIES + 2), 3]);
    expect(other.title).toBe(
      `Summed in the table, averaged in the chart: ${series
        .slice(SERIES)
        .map((s) => s.entity.name)
        .join(', ')}`,
    );
    // The line is the rest's average share, so it stays a percentage however many entities it holds.
    expect(other.shares).toEqual([((SERIES * 3 + 3) / 3 / 20) * 100, 10]);
  });

  it('when a period has no documents, then its share is a gap, else a percentage of the documents', () => {
    const [line] = chartLines([{ ...entity(1), counts: [1, 0, 3] }], [4, 0, 6]);
    expect(line.shares).toEqual([25, null, 50]);
  });

  it('when there are SERIES series or fewer, then there is no "Other" line', () => {
    const series = Array.from({ length: SERIES }, (_, n) => ({ ...entity(n), counts: [1] }));
    expect(chartLines(series, [2]).map((l) => l.label)).not.toContain('Other');
    expect(chartLines(series, [2])).toHaveLength(SERIES);
  });
});

describe('chartConfig and trendDirection (the trends page)', () => {
  it('when a period has no documents, then every line breaks there instead of spanning it', () => {
    const lines = chartLines([{ ...entity(1), counts: [1, 0, 3] }], [4, 0, 6]);
    const sut = chartConfig(['2019', '2020', '2021'], lines);
    expect(sut.data.datasets.map((d: { spanGaps: boolean }) => d.spanGaps)).toEqual([false]);
    expect(sut.data.datasets[0].data).toEqual([25, null, 50]);
  });

  it('when z passes ±1.96, then a trend is rising or falling, else no clear change', () => {
    expect(trendDirection(30.7)).toBe('rising');
    expect(trendDirection(1.96)).toBe('rising');
    expect(trendDirection(1.2)).toBe('no clear change');
    expect(trendDirection(-0.55)).toBe('no clear change');
    expect(trendDirection(-27.4)).toBe('falling');
  });
});
