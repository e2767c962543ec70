/** Figures for bench/RESULTS.md: Vega-Lite specifications rendered headless to SVG (no browser, no canvas). */
import { writeFile } from 'node:fs/promises';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Renders a Vega-Lite spec to an SVG file. */
export async function writePlot(file: string, spec: TopLevelSpec): Promise<void> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  await writeFile(file, await view.toSVG());
  view.finalize();
}

type Row = Record<string, string | number>;

const base = (title: string, data: Row[]) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: { text: title, fontSize: 13 },
  data: { values: data },
  width: 420,
  height: 220,
  background: 'white',
  config: { legend: { orient: 'bottom', columns: 1, labelLimit: 0, titleLimit: 0 } },
});

/** Bars per `x`, one per `series`: side by side (grouped), or stacked (e.g. where ingest time goes). */
function bars(title: string, data: Row[], x: string, y: string, series: string, yTitle: string, stacked: boolean) {
  return {
    ...base(title, data),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: x, type: 'nominal', title: x, sort: null },
      ...(stacked ? {} : { xOffset: { field: series, sort: null } }),
      y: { field: y, type: 'quantitative', title: yTitle, ...(stacked ? { stack: 'zero' } : {}) },
      color: { field: series, type: 'nominal', sort: null, title: series },
    },
  } as TopLevelSpec;
}

export const groupedBars = (title: string, data: Row[], x: string, y: string, series: string, yTitle: string) =>
  bars(title, data, x, y, series, yTitle, false);

export const stackedBars = (title: string, data: Row[], x: string, y: string, series: string, yTitle: string) =>
  bars(title, data, x, y, series, yTitle, true);

/** Lines with points, log scales optional (scaling and latency against load). */
export function lines(
  title: string,
  data: Row[],
  x: string,
  y: string,
  series: string,
  axes: { x: string; y: string; logX?: boolean; logY?: boolean },
) {
  const xs = [...new Set(data.map((d) => Number(d[x])))].sort((a, b) => a - b);
  return {
    ...base(title, data),
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: {
        field: x,
        type: 'quantitative',
        title: axes.x,
        scale: { type: axes.logX ? 'log' : 'linear', domain: [xs[0], xs[xs.length - 1]], nice: false },
        axis: { values: xs },
      },
      y: { field: y, type: 'quantitative', title: axes.y, scale: axes.logY ? { type: 'log' } : {} },
      color: { field: series, type: 'nominal', sort: null, title: series },
    },
  } as TopLevelSpec;
}
