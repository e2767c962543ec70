/**
 * The statistic that ranks emerging trends: a Poisson log-linear regression of a trend's count per period on the
 * period, with the period's exposure as an offset, fitted by penalised IRLS. Pure; see docs/trends.md.
 */

/** A trend's fitted rise: `slope` per period on the log scale, `growth` = e^slope − 1, `zScore` = slope / SE. */
export interface TrendFit {
  /** Relative change of the trend's share of the exposure per period: 0.5 = +50 % a period, −0.3 = −30 %. */
  growth: number;
  /** slope / standard error: how many standard errors the rise (or fall) is from none. */
  zScore: number;
  slope: number;
  standardError: number;
}

/**
 * The prior on the slope is Gaussian, centred on no change, with sd = WINDOW_PRIOR_SD / (span of the periods): a
 * change of e^±2 (×7.4) over the whole window is one sd, whether the window is 4 years or 32 quarters. It is weak
 * for a rise seen over several periods, but it keeps a trend seen only in the last period finite — without it the
 * maximum-likelihood slope of counts [0, 0, 0, 1] is +∞ (complete separation) and its Wald z meaningless — and
 * ranks one late mention (z ≈ 0.8) below a rise over three periods (z ≈ 1.6). Gelman et al. (2008), "A weakly
 * informative default prior distribution for logistic and other regression models", argue for the same kind of
 * prior on the same problem.
 */
export const WINDOW_PRIOR_SD = 2;

const NONE: TrendFit = Object.freeze({ growth: 0, zScore: 0, slope: 0, standardError: Infinity });

/**
 * Fits log E[y_t] = log(exposure_t) + a + b·(t − t̄) over the periods with exposure > 0 (y_t the trend's count, t
 * the period's index), maximising the Poisson log-likelihood minus λb²/2 by Newton–Raphson, which for the
 * canonical log link is IRLS (McCullagh & Nelder, Generalized Linear Models, 2nd ed., §2.5):
 *   μ_t = E_t·exp(a + b·x_t),  gradient g = (Σ(y−μ), Σx(y−μ) − λb),
 *   information H = [[Σμ, Σμx], [Σμx, Σμx² + λ]],  (a, b) ← (a, b) + H⁻¹g.
 * SE(b) = √(H⁻¹)_bb at the optimum (the Laplace approximation of the posterior), z = b / SE(b).
 * With fewer than two periods of exposure or no count at all there is no trend to fit: zeros.
 */
export function fitTrend(counts: readonly number[], exposure: readonly number[], priorSd = WINDOW_PRIOR_SD): TrendFit {
  const at = counts.map((_, i) => i).filter((i) => exposure[i] > 0);
  const total = at.reduce((s, i) => s + counts[i], 0);
  if (at.length < 2 || total === 0) return NONE;
  const mean = at.reduce((s, i) => s + i, 0) / at.length;
  const x = at.map((i) => i - mean);
  const lambda = ((at[at.length - 1] - at[0]) / priorSd) ** 2;
  const y = at.map((i) => counts[i]);
  const logE = at.map((i) => Math.log(exposure[i]));
  let a = Math.log(total / at.reduce((s, i) => s + exposure[i], 0));
  let b = 0;
  let h = { aa: 0, ab: 0, bb: 0 };
  for (let step = 0; step < 100; step++) {
    let ga = 0;
    let gb = -lambda * b;
    h = { aa: 0, ab: 0, bb: lambda };
    for (let k = 0; k < x.length; k++) {
      const mu = Math.exp(logE[k] + a + b * x[k]);
      ga += y[k] - mu;
      gb += x[k] * (y[k] - mu);
      h.aa += mu;
      h.ab += mu * x[k];
      h.bb += mu * x[k] * x[k];
    }
    const det = h.aa * h.bb - h.ab * h.ab;
    const da = (h.bb * ga - h.ab * gb) / det;
    const db = (h.aa * gb - h.ab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  const standardError = Math.sqrt(h.aa / (h.aa * h.bb - h.ab * h.ab));
  return { growth: Math.expm1(b), zScore: b / standardError, slope: b, standardError };
}

/** Trends supported by fewer documents than this are counted but not ranked: one document is an anecdote. */
export const MIN_SUPPORT = 2;
