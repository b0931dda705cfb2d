import Handlebars from 'handlebars';
import { LetterLimitExceededError, LetterTemplateInvalidError } from '../letters.exception.js';
import { LETTER_COMPILE_OPTIONS, LETTER_RUNTIME_OPTIONS, letterHandlebars } from './letter-handlebars.js';
import type { LetterContextInput } from './merge-fields.js';
import {
  LETTER_MERGE_FIELDS,
  letterMergeFieldRows,
  normaliseLetterContext,
  sampleLetterContext,
} from './merge-fields.js';
import { checkLetterTemplate } from './template-check.js';
import { LETTER_LIMITS, MAX_EDITED_TEXT_CHARS } from './template-limits.js';
import { editableDefault, renderLetter } from './template-render.js';

const letter = (body: string, context: LetterContextInput = sampleLetterContext(), editedText?: string) =>
  renderLetter({ subjects: ['Subject'], body }, context, { editedText }).text;

const recommendations = (n: number, text = 'x') =>
  Array.from({ length: n }, (_, i) => ({ code: `R${i + 1}`, title: `Title ${i + 1}`, text }));

describe('renderLetter', () => {
  it('renders every merge field with its value', () => {
    const context: Record<string, Record<string, string> | Record<string, string>[]> = {};
    const lines: string[] = [];
    for (const row of letterMergeFieldRows()) {
      const value = `<${row.group}.${row.name}>`;
      if (row.list) {
        const items = (context[row.group] ??= [{}]) as Record<string, string>[];
        items[0][row.name] = value;
        lines.push(`${row.group}.${row.name}={{#each ${row.group}}}{{${row.path}}}{{/each}}`);
      } else {
        ((context[row.group] ??= {}) as Record<string, string>)[row.name] = value;
        lines.push(`${row.path}={{${row.path}}}`);
      }
    }
    const text = letter(lines.join('\n'), context as LetterContextInput);
    const rendered = letterMergeFieldRows().map((row) => `${row.group}.${row.name}=<${row.group}.${row.name}>`);
    expect(text).toBe(rendered.join('\n') + '\n');
    expect(rendered).toHaveLength(
      Object.values(LETTER_MERGE_FIELDS).reduce((n, group) => n + Object.keys(group.fields).length, 0),
    );
  });

  it('renders missing fields empty, derives the full name, and loops over recommendations with @index/@first/@last', () => {
    const body =
      '{{supporter.fullName}}|{{target.region}}|\n' +
      '{{#each recommendations}}{{#if @first}}[{{/if}}{{@index}}:{{code}} {{title}}{{#unless @last}}, {{/unless}}{{#if @last}}]{{/if}}{{else}}none{{/each}}';
    const context = { supporter: { firstName: 'Amina', lastName: 'Kone' }, recommendations: recommendations(3) };
    expect(letter(body, context)).toBe('Amina Kone||\n[0:R1 Title 1, 1:R2 Title 2, 2:R3 Title 3]\n');
    expect(letter(body, { recommendations: [] })).toBe('||\nnone\n');
    expect(
      letter('{{#each recommendations}}{{code}}-{{../campaign.name}} {{/each}}', {
        campaign: { name: 'C' },
        recommendations: recommendations(2),
      }),
    ).toBe('R1-C R2-C\n');
  });

  it('resolves ../ the way the check does: one level per each or with', () => {
    const body =
      '{{#each recommendations}}{{#with ../supporter}}{{firstName}} {{../code}} {{../../campaign.name}}{{/with}};{{/each}}';
    expect(checkLetterTemplate({ subjects: ['S'], body, editable: false })).toEqual([]);
    const context = { supporter: { firstName: 'A' }, campaign: { name: 'C' }, recommendations: recommendations(2) };
    expect(letter(body, context)).toBe('A R1 C;A R2 C;\n');
  });

  it('inserts supporter text as typed: never compiled, never HTML-escaped', () => {
    const typed = '{{constructor.constructor "return process"}} {{> x}} <script>alert(1)</script> & "quotes"';
    const text = letter('{{supporter.firstName}}: {{supporter.paragraph}}', {
      supporter: { firstName: '{{target.name}}', paragraph: typed },
      target: { name: 'SHOULD NOT APPEAR' },
    });
    expect(text).toBe(`{{target.name}}: ${typed}\n`);
  });

  it('renders nothing from a polluted prototype or an inherited property', () => {
    const body =
      '[{{supporter.firstName}}|{{supporter.paragraph}}|{{target.name}}|{{#each recommendations}}{{code}}{{/each}}]';
    expect(checkLetterTemplate({ subjects: ['S'], body, editable: false })).toEqual([]);
    const proto = Object.prototype as Record<string, unknown>;
    const arrayProto = Array.prototype as unknown as Record<string, unknown>;
    try {
      proto.paragraph = 'POLLUTED';
      proto.recommendations = recommendations(1, 'POLLUTED');
      arrayProto[0] = { code: 'POLLUTED' };
      const supporter = Object.create({ firstName: 'INHERITED' }) as Record<string, string>;
      const target = Object.create({ name: 'INHERITED' }) as Record<string, string>;
      // A sparse list: reading its hole would fall through to Array.prototype[0].
      const sparse = new Array<{ code: string }>(2);
      sparse[1] = { code: 'R2' };
      expect(letter(body, { supporter, target })).toBe('[|||]\n');
      expect(letter(body, { recommendations: sparse })).toBe('[|||R2]\n');
    } finally {
      delete proto.paragraph;
      delete proto.recommendations;
      delete arrayProto[0];
    }
  });

  it('keeps values to strings: a function or an object in the context is never called or shown', () => {
    let called = false;
    const context = {
      supporter: { firstName: () => ((called = true), 'CALLED'), lastName: { toString: () => 'OBJECT' } },
    } as unknown as LetterContextInput;
    expect(letter('[{{supporter.firstName}}|{{supporter.lastName}}]', context)).toBe('[|]\n');
    expect(called).toBe(false);
  });

  it('refuses to render a template the check refuses, whatever was stored', () => {
    for (const body of [
      '{{lookup supporter "constructor"}}',
      '{{constructor.constructor}}',
      '{{> partial}}',
      '{{#each (lookup a b)}}{{/each}}',
    ]) {
      expect(() => letter(body)).toThrow(LetterTemplateInvalidError);
    }
    expect(() => renderLetter({ subjects: ['{{#if a}}x{{/if}}'], body: 'ok' }, {})).toThrow(LetterTemplateInvalidError);
  });

  it('stays inert even past the check: the compiler knows only the allowed helpers and no prototype', () => {
    const compile = (source: string) => letterHandlebars.compile(source, LETTER_COMPILE_OPTIONS);
    expect(() => compile('{{lookup this "constructor"}}')({})).toThrow(/knownHelpersOnly/);
    expect(() => compile('{{#each (lookup this "x")}}{{/each}}')({})).toThrow(/knownHelpersOnly/);
    expect(() => compile('{{log "x"}}')({})).toThrow(/knownHelpersOnly/);
    expect(() => compile('{{> partial}}')({})).toThrow(/could not be found/);
    const plain = { supporter: { firstName: 'A' } };
    expect(compile('[{{supporter.constructor}}|{{supporter.__proto__}}]')(plain, LETTER_RUNTIME_OPTIONS)).toBe('[|]');
    expect(compile('[{{#with supporter.constructor}}{{name}}{{/with}}]')(plain, LETTER_RUNTIME_OPTIONS)).toBe('[]');
    // Nothing was registered on the global instance.
    expect(Handlebars.helpers.editable).toBeUndefined();
    expect(Handlebars.helpers.lookup).toBeDefined();
  });

  describe('subject', () => {
    it('is the line the caller picks, on one line, trimmed', () => {
      const template = { subjects: ['  First {{supporter.firstName}}  ', 'Second {{target.name}}'], body: 'b' };
      const context = { supporter: { firstName: 'Amina\r\nBcc: victim@example.org' }, target: { name: 'J\u2028M\tX' } };
      expect(renderLetter(template, context).subject).toBe('First Amina Bcc: victim@example.org');
      expect(renderLetter(template, context, { subjectIndex: 1 }).subject).toBe('Second J M X');
      expect(() => renderLetter(template, context, { subjectIndex: 2 })).toThrow(RangeError);
    });

    it('is cut at 300 characters after rendering, on a word', () => {
      const { subject } = renderLetter(
        { subjects: ['{{target.title}} {{target.body}}'], body: 'b' },
        { target: { title: 'word '.repeat(59), body: 'ministry-of-very-long-names' } },
      );
      expect(subject.length).toBeLessThanOrEqual(LETTER_LIMITS.subjectChars);
      expect(subject).toMatch(/word…$/);
    });
  });

  describe('body', () => {
    it('has LF line endings, no trailing spaces, at most two blank lines in a row, one final newline', () => {
      const text = letter('\n\nDear {{target.name}},   \r\n\r\n\r\n\r\n\r\nThanks.\t\r\nBye\r\r\n\n');
      expect(text).toBe('Dear Jeanne Martin,\n\n\nThanks.\nBye\n');
    });

    it('is refused past 100,000 characters, and a loop stops as soon as it would be', () => {
      const paragraph = 'p'.repeat(LETTER_LIMITS.editedTextChars);
      const eleven = '{{supporter.paragraph}}\n'.repeat(11);
      expect(() => letter(eleven, { supporter: { paragraph } })).toThrow(LetterLimitExceededError);
      expect(letter('{{supporter.paragraph}}\n'.repeat(9), { supporter: { paragraph } })).toHaveLength(90_009);
      const loop = '{{#each recommendations}}{{text}}{{../supporter.paragraph}}{{/each}}';
      const context = {
        supporter: { paragraph },
        recommendations: recommendations(LETTER_LIMITS.eachItems, 't'.repeat(5_000)),
      };
      expect(() => letter(loop, context)).toThrow(LetterLimitExceededError);
    });

    it('loops over at most 100 recommendations and bounds each value', () => {
      expect(letter('{{#each recommendations}}.{{/each}}', { recommendations: recommendations(100) })).toBe(
        '.'.repeat(100) + '\n',
      );
      expect(() => letter('x', { recommendations: recommendations(101) })).toThrow(LetterLimitExceededError);
      const long = normaliseLetterContext(
        { supporter: { firstName: 'a'.repeat(500) + '👍', paragraph: 'p'.repeat(20_000) } },
        100,
      );
      expect(long.supporter.firstName).toHaveLength(LETTER_MERGE_FIELDS.supporter.fields.firstName.maxLength);
      expect(long.supporter.paragraph).toHaveLength(10_000);
    });
  });

  describe('editable block', () => {
    const body =
      'Dear {{target.name}},\n\n{{#editable}}\nPlease adopt:\n{{#each recommendations}}- {{code}} {{title}}\n{{/each}}\n{{/editable}}\n{{supporter.fullName}}';
    const context = {
      target: { name: 'Minister' },
      supporter: { fullName: 'Amina' },
      recommendations: recommendations(2),
    };

    it('renders its content unless the supporter wrote their own, inserted literally in its place', () => {
      expect(letter(body, context)).toBe('Dear Minister,\n\nPlease adopt:\n- R1 Title 1\n- R2 Title 2\nAmina\n');
      const edited = 'My own words {{target.name}}\r\n<script>x</script>\n\n';
      expect(letter(body, context, edited)).toBe(
        'Dear Minister,\n\nMy own words {{target.name}}\n<script>x</script>\nAmina\n',
      );
    });

    it('gives the text area its default, and nothing for a body without one', () => {
      expect(editableDefault({ subjects: ['s'], body }, context)).toBe('Please adopt:\n- R1 Title 1\n- R2 Title 2');
      expect(editableDefault({ subjects: ['s'], body: 'no block' }, context)).toBeNull();
    });

    it('refuses edited text over 10,000 characters, or for a letter with no place for it', () => {
      expect(() => letter(body, context, 'x'.repeat(MAX_EDITED_TEXT_CHARS + 1))).toThrow(LetterLimitExceededError);
      expect(letter(body, context, 'x'.repeat(MAX_EDITED_TEXT_CHARS))).toContain('x'.repeat(MAX_EDITED_TEXT_CHARS));
      expect(() => letter('no block', context, 'words')).toThrow(/no \{\{#editable\}\} block/);
    });
  });
});
