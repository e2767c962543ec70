import { readFileSync } from 'node:fs';
import { discoverThemes } from './queries/theme-discovery.js';
const { exposure, rows, refs } = JSON.parse(readFileSync('/tmp/h14t-dump.json', 'utf8'));
const periods = exposure.map((e: any) => e.period);
const sentences = rows.sort((a: any, b: any) => (a.id < b.id ? -1 : 1)).map((s: any) => ({ ...s, period: periods.indexOf(s.period) }));
const planted = sentences.filter((s: any) => /\bbuild files?\b/i.test(s.text)).length;
for (const k of (process.argv[2] ?? '40').split(',').map(Number)) {
  const t = performance.now();
  const themes = discoverThemes(sentences, refs, { periods: periods.length, exposure: exposure.map((e: any) => e.n), k }).filter((t) => t.score > 0);
  const i = themes.findIndex((t) => t.evidence.filter((e) => /\bbuild files?\b/i.test(e.text)).length >= 2);
  console.log(`k=${k} ${Math.round(performance.now() - t)}ms planted=${planted} rank=${i + 1}`, i >= 0 ? JSON.stringify({ kp: themes[i].keyPhrases, total: themes[i].total, counts: themes[i].counts, z: themes[i].zScore, nov: themes[i].novelty }) : '', themes.slice(0, 3).map((t) => t.keyPhrases.slice(0, 2).join('/') + ':' + t.score).join(' | '));
}
