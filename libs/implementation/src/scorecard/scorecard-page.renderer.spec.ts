import type { PublicScorecard, PublicScorecardItem } from './public-scorecards.js';
import { pageLanguage } from './scorecard-page.controller.js';
import { renderScorecardPage } from './scorecard-page.renderer.js';

const item = (overrides: Partial<PublicScorecardItem> = {}): PublicScorecardItem => ({
  code: 'CRC-1',
  title: 'Close waiting zones',
  focusArea: 'migration',
  sourceKind: 'organisation',
  sourceLabel: 'CRC 2024',
  sourceReference: '',
  verification: null,
  studyRecommends: false,
  status: 'in-progress',
  evidence: [],
  evidenceSummary: '',
  evidenceDate: null,
  lastVerified: null,
  ...overrides,
});

const card = (items: PublicScorecardItem[]): PublicScorecard => ({
  organisationId: 'o1',
  organisationName: 'Voices & <Children>',
  organisationSlug: 'voices',
  defaultLanguage: 'en',
  country: 'FR',
  items,
});

const render = (items: PublicScorecardItem[], embed = false): string =>
  renderScorecardPage(card(items), { language: 'en', embed, publicUrl: 'https://act.example.org' });

describe('scorecard page', () => {
  it('escapes what staff typed and links only http(s) evidence', () => {
    const html = render([
      item({
        title: '<script>alert(1)</script>',
        sourceLabel: '"><img src=x onerror=alert(1)>',
        evidence: [
          { url: 'javascript:alert(1)', supports: 'a trap' },
          { url: 'https://www.example.org/law', supports: 'the law' },
        ],
      }),
    ]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<li>a trap</li>');
    expect(html).toContain('<a href="https://www.example.org/law" rel="noopener noreferrer">the law</a>');
    expect(html).toContain('Voices &amp; &lt;Children&gt;');
  });

  it('gives each focus area a heading and every recommendation one below it', () => {
    const html = render([
      item({ code: 'GEN-1', sourceKind: 'study', sourceLabel: null, focusArea: null, verification: 'primary' }),
      item(),
    ]);
    expect([...html.matchAll(/<h(\d)[ >]/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 2, 3, 4, 2, 3, 3, 3, 2]);
  });
});

describe('scorecard language', () => {
  it.each([
    ['fr', 'es', 'en', 'fr'],
    ['de', 'es-MX,es;q=0.9', 'en', 'es'],
    [undefined, 'de-DE', 'fr', 'fr'],
    [undefined, 'de-DE, en;q=0.1', 'fr', 'en'],
    [undefined, undefined, 'es', 'es'],
    [undefined, 'fr', undefined, 'fr'],
    [undefined, undefined, undefined, 'en'],
  ])('?lang=%s, Accept-Language %s, organisation %s: %s', (param, header, fallback, expected) => {
    expect(pageLanguage(param, header, fallback as 'en' | 'fr' | 'es' | undefined)).toBe(expected);
  });
});
