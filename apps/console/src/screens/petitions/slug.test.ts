import { describe, expect, it } from 'vitest';
import { slugify } from './slug';

describe('slugify', () => {
  it('folds accents and joins words with single dashes', () => {
    expect(slugify('Éducation, pas détention !')).toBe('education-pas-detention');
    expect(slugify('  ¡Niños   libres!  ')).toBe('ninos-libres');
  });

  it('keeps to the API limit without a dash at the end', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug).toBe('a'.repeat(79));
    expect(slug.length).toBeLessThanOrEqual(80);
  });

  it('gives an empty address for a title with no letters or digits, which the form then refuses', () => {
    expect(slugify('!!! ???')).toBe('');
  });
});
