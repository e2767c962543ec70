import { describe, expect, it } from 'vitest';
import { runFuzz, renderFuzzReport } from '../../bench/fuzz-parsers.js';
import { mutateInput, MUTATIONS } from '../../bench/fuzz/mutate.js';
import { randomFor } from '../../bench/generate/random.js';
import { inProcessParser } from '../../ingest/parse-pool.js';

const base = { name: 'note', bytes: new TextEncoder().encode('# Note\n\nThe IWG met in Vienna.\n\n- one\n- two\n') };

describe('the parser fuzz harness', () => {
  it('when inputs are made twice from one seed, then they are the same bytes', () => {
    const make = () => mutateInput('md', 7, [base], randomFor(908, 'fuzz-md', 7));
    expect(make()).toEqual(make());
    expect(Object.keys(MUTATIONS)).toContain('nestDeep');
  });

  it('when a few inputs run, then each is counted once as parsed, refused, crashed or hung', async () => {
    const inputs = [
      { format: 'md' as const, name: 'ok', mutation: 'none', bytes: base.bytes },
      { format: 'md' as const, name: 'blank', mutation: 'emptyish', bytes: new TextEncoder().encode('  \n') },
      ...Array.from({ length: 6 }, (_, i) => mutateInput('md', i, [base], randomFor(1, 'fuzz-md', i))),
    ];
    const sut = await runFuzz(inputs, inProcessParser);
    const t = sut.md;
    const refused = Object.values(t.refused).reduce((a, b) => a + b, 0);
    expect(t.inputs).toBe(8);
    expect(t.parsed + refused + t.crashes.length + t.hangs.length).toBe(8);
    expect(t.refused.EMPTY_DOCUMENT).toBeGreaterThanOrEqual(1);
    const report = renderFuzzReport(sut, {
      seed: 1,
      perFormat: 8,
      timeoutMs: 5000,
      peakRssMb: 1,
      strayErrors: 0,
      minutes: 0,
    });
    expect(report).toMatch(/\| md \| 8 \| \d+ \|/);
  });
});
