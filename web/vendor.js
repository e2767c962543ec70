/**
 * Loads the browser libraries served by src/web.ts from node_modules under /vendor (no CDN): Chart.js as its
 * self-contained UMD build (a classic script from 'self', which the CSP allows), Cytoscape as an ES module.
 */

let chartPromise = null;

/** Resolves with the Chart constructor. */
export function loadChart() {
  chartPromise ??= new Promise((resolve, reject) => {
    if (window.Chart) return resolve(window.Chart);
    const script = document.createElement('script');
    script.src = '/vendor/chart.umd.min.js';
    script.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js did not load')));
    script.onerror = () => {
      chartPromise = null;
      reject(new Error('The chart library could not be loaded from the server.'));
    };
    document.head.append(script);
  });
  return chartPromise;
}

/** Resolves with the cytoscape factory. */
export async function loadCytoscape() {
  try {
    const mod = await import('/vendor/cytoscape.esm.min.mjs');
    return mod.default;
  } catch {
    throw new Error('The graph library could not be loaded from the server.');
  }
}
