import type { Language } from '#rally/core';
import type { PublicPetition } from './public-petition.cache.js';
import { renderMessagePage, renderPetitionPage } from './petition-page.renderer.js';

const petition = (language: Language): PublicPetition => ({
  id: 'p1',
  organisationId: 'o1',
  organisationName: 'Voices & Children',
  organisationCountry: 'FR',
  slug: 'free-them',
  title: 'Free them',
  ask: 'End the detention of children.',
  targetDescription: '',
  goal: 1000,
  milestones: [],
  language,
  status: 'open',
  closesAt: null,
});
const count = (total: number) => ({ online: total, paper: 0, total, updatedAt: new Date(0) });
const page = (language: Language, total: number): string =>
  renderPetitionPage({
    petition: petition(language),
    count: count(total),
    publicUrl: 'https://act.example.org',
    recentSigners: [],
    consentText: 'I agree',
    source: '',
    referrer: '',
    startedAt: 'stamp',
  });
const label = (html: string): string => /<span id="signature-label"[^>]*>([^<]*)<\/span>/.exec(html)?.[1] ?? '';

describe('petition page texts', () => {
  it.each([
    ['en', 1, 'signature'],
    ['en', 2, 'signatures'],
    ['en', 0, 'signatures'],
    ['fr', 0, 'signature'],
    ['fr', 1, 'signature'],
    ['fr', 2, 'signatures'],
    ['es', 1, 'firma'],
    ['es', 1500, 'firmas'],
  ] as const)('in %s, %d is followed by "%s"', (language, total, word) => {
    expect(label(page(language, total))).toBe(word);
  });

  it("carries the word's form for each plural category, so the page's script can follow the count", () => {
    const html = page('en', 1);
    expect(html).toContain('data-plural-one="signature"');
    expect(html).toContain('data-plural-other="signatures"');
  });

  it('formats the number for the language, names the organisation in its sentence, and sets lang and dir', () => {
    const html = page('fr', 1234);
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).toContain('>1\u202f234</strong>');
    expect(html).toContain('Une pétition de Voices &amp; Children');
  });

  it('renders the confirmation page with its one button in the language', () => {
    const html = renderMessagePage(petition('es'), 'confirm', count(0), 'https://act.example.org', {
      url: '/p/free-them/confirm/x/y',
      label: 'Confirmar mi firma',
    });
    expect(html).toContain('<h1 tabindex="-1">Confirma tu firma</h1>');
    expect(html).toMatch(
      /<form method="post" action="\/p\/free-them\/confirm\/x\/y"[^>]*>\s*<button type="submit">Confirmar mi firma<\/button>/,
    );
  });
});
