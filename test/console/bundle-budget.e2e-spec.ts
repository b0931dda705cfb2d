import { fileURLToPath } from 'node:url';
import { firstVisitJavaScript } from '../../scripts/console-bundle-size.mjs';
import { requireBuiltConsole } from './console-helpers.js';

/** The JavaScript of a first visit (sign-in, then an organisation's home), gzipped: what a slow connection waits for. */
const BUDGET_BYTES = 250_000;
const DIST = fileURLToPath(new URL('../../dist/console', import.meta.url));

describe('the console bundle', () => {
  beforeAll(requireBuiltConsole);

  it(`loads at most ${BUDGET_BYTES / 1000} KB of gzipped JavaScript to sign in and show the home screen`, () => {
    const { gzip, chunks } = firstVisitJavaScript(DIST);
    const largest = chunks
      .slice(0, 5)
      .map((c) => `${c.file} ${Math.round(c.gzip / 1000)} KB`)
      .join(', ');
    expect({ gzip, within: gzip <= BUDGET_BYTES, largest }).toMatchObject({ within: true });
  });

  it('loads the chart code only when a chart is shown', () => {
    const { lazy, chunks } = firstVisitJavaScript(DIST);
    expect(lazy).toContain('src/screens/petitions/signatures-chart.tsx');
    expect(chunks.map((c) => c.file).filter((f) => f.includes('signatures-chart'))).toEqual([]);
  });
});
