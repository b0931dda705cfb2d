import { isLanguage, LANGUAGES, textDirection } from './languages.js';

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
