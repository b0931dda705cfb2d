import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Messages } from '#rally/core';
import { catalogueKeys, LANGUAGES } from '#rally/core';
import { RALLY_CATALOGUES } from './rally-libraries.js';

/** The argument names a message uses ({name}, {count, plural, ...}), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if ('value' in e && typeof e.value === 'string' && e.type !== 0) out.add(e.value);
    if ('options' in e) for (const option of Object.values(e.options)) argumentsOf(option.value, out);
    if ('children' in e) argumentsOf(e.children, out);
  }
  return out;
}

const lookup = (messages: Messages, key: string): string =>
  key.split('.').reduce<Messages | string>((m, k) => (m as Messages)[k], messages) as string;

// Every text Rally shows exists in every language, is valid ICU MessageFormat, and takes the same values everywhere,
// so a page or mail can never fall back to a key or miss a value in one language.
describe.each(RALLY_CATALOGUES.map((c) => [c.namespace, c] as const))('the %s catalogue', (_namespace, catalogue) => {
  const english = catalogueKeys(catalogue.messages.en).sort();

  it.each(LANGUAGES.filter((l) => l !== 'en'))('has every English key in %s, and no other', (lang) => {
    expect(catalogueKeys(catalogue.messages[lang]).sort()).toEqual(english);
  });

  it('has messages that parse, take the same values in every language, and carry no markup', () => {
    const problems: string[] = [];
    for (const key of english) {
      const expected = [...argumentsOf(parse(lookup(catalogue.messages.en, key)))].sort().join();
      for (const lang of LANGUAGES) {
        const text = lookup(catalogue.messages[lang], key);
        if (/[<>]/.test(text)) problems.push(`${lang} ${key}: markup belongs in templates`);
        try {
          const args = [...argumentsOf(parse(text))].sort().join();
          if (args !== expected) problems.push(`${lang} ${key}: takes {${args}}, English takes {${expected}}`);
        } catch (error) {
          problems.push(`${lang} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
