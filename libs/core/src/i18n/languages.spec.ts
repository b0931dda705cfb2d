import { isLanguage, LANGUAGES, negotiateLanguage, textDirection } from './languages.js';

describe('languages', () => {
  it('speaks English, French and Spanish', () => {
    expect([...LANGUAGES]).toEqual(['en', 'fr', 'es']);
    expect(isLanguage('fr')).toBe(true);
    expect(isLanguage('de')).toBe(false);
    expect(isLanguage(3)).toBe(false);
  });

  it.each([
    ['en', 'ltr'],
    ['fr', 'ltr'],
    ['es', 'ltr'],
    ['ar', 'rtl'],
    ['he', 'rtl'],
    ['fa-IR', 'rtl'],
    ['ur', 'rtl'],
    ['not a tag', 'ltr'],
  ])('%s is written %s', (language, dir) => expect(textDirection(language)).toBe(dir));
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr-CH, fr;q=0.9, en;q=0.8', 'fr'],
    ['de-DE, es;q=0.5, fr;q=0.7', 'fr'],
    ['de, ja', 'en'],
    ['es;q=0, fr;q=0.1', 'fr'],
    ['ES-mx', 'es'],
    ['*', 'en'],
  ])('%s -> %s', (header, language) => expect(negotiateLanguage(header)).toBe(language));
});
