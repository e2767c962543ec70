import { describe, expect, it } from 'vitest';
import { fitTrend } from '../../queries/trend-statistics.js';

const flat = (n: number, v: number) => Array.from({ length: n }, () => v);

describe('fitTrend (Poisson regression of count on period with log-exposure offset)', () => {
  it('when a trend is mentioned once in the last year only, then it scores below one rising over three years', () => {
    const exposure = flat(4, 10);
    const once = fitTrend([0, 0, 0, 1], exposure);
    const rising = fitTrend([0, 1, 2, 3], exposure);
    expect(rising.zScore).toBeGreaterThan(once.zScore);
    expect(rising.zScore).toBeGreaterThan(0);
  });

  it('when a trend is mentioned only in the last period, then its fit is finite and weak', () => {
    const exposure = flat(4, 10);
    const once = fitTrend([0, 0, 0, 1], exposure);
    expect(Number.isFinite(once.growth)).toBe(true);
    expect(Number.isFinite(once.zScore)).toBe(true);
    // The prior shrinks a single mention's slope, whatever the window's length.
    expect(once.zScore).toBeLessThan(1);
    expect(fitTrend([0, 0, 0, 0, 0, 0, 0, 1], flat(8, 10)).zScore).toBeLessThan(1);
  });

  it('when a topic keeps a flat share while the volume grows, then it is not a trend', () => {
    const fit = fitTrend([1, 2, 4, 8, 16], [10, 20, 40, 80, 160]);
    expect(Math.abs(fit.zScore)).toBeLessThan(1e-6);
    expect(Math.abs(fit.growth)).toBeLessThan(1e-6);
  });

  it('when the counts grow only because the volume does, then raw counts would rise but the share falls', () => {
    // Counts double each period, volume quadruples: the share halves each period.
    const fit = fitTrend([1, 2, 4, 8], [10, 40, 160, 640]);
    expect(fit.growth).toBeLessThan(0);
    expect(fit.zScore).toBeLessThan(0);
  });

  it('when the share doubles each period over many documents, then growth is about +100 % a period', () => {
    const fit = fitTrend([50, 100, 200, 400], [1000, 1000, 1000, 1000]);
    expect(fit.growth).toBeGreaterThan(0.9);
    expect(fit.growth).toBeLessThan(1.01);
    expect(fit.zScore).toBeGreaterThan(10);
  });

  it('when a trend falls steadily, then growth and z are negative', () => {
    const fit = fitTrend([12, 9, 6, 3, 1], flat(5, 40));
    expect(fit.growth).toBeLessThan(0);
    expect(fit.zScore).toBeLessThan(-2);
  });

  it('when periods have no documents, then they carry no weight', () => {
    const gap = fitTrend([1, 0, 0, 2, 3], [10, 0, 0, 10, 10]);
    const noGap = fitTrend([1, 2, 3], [10, 10, 10]);
    expect(gap.zScore).toBeGreaterThan(0);
    // Same counts at wider spacing: a smaller slope per period, but a rise all the same.
    expect(gap.slope).toBeLessThan(noGap.slope);
  });

  it('when there is one period or no mention, then there is nothing to fit', () => {
    expect(fitTrend([3], [10]).zScore).toBe(0);
    expect(fitTrend([0, 0, 0], [10, 10, 10]).zScore).toBe(0);
  });

  it('when two periods are fitted without the prior, then slope and SE agree with a hand computation', () => {
    // Unpenalised (λ = 0) fit of [2, 4] on exposure [10, 10]: b = ln 2 exactly; at x = ∓½, μ = [2, 4], the
    // information is H = [[6, 1], [1, 1.5]], so (H⁻¹)_bb = 6 / (9 − 1) = 0.75.
    const fit = fitTrend([2, 4], [10, 10], Infinity);
    expect(fit.slope).toBeCloseTo(Math.log(2), 6);
    expect(fit.standardError).toBeCloseTo(Math.sqrt(0.75), 6);
  });
});
