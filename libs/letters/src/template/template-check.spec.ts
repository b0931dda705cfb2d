import { DomainExceptionFilter } from '#rally/core';
import { LetterTemplateInvalidError } from '../letters.exception.js';
import { LETTER_MERGE_FIELDS, letterMergeFieldRows } from './merge-fields.js';
import type { LetterTemplateInput, LetterTemplateProblem } from './template-check.js';
import { checkLetterTemplate } from './template-check.js';
import { LETTER_LIMITS } from './template-limits.js';

const aTemplate = (overrides: Partial<LetterTemplateInput> = {}): LetterTemplateInput => ({
  subjects: ['{{supporter.fullName}} writes to {{target.title}} about {{campaign.name}}'],
  body: [
    '{{target.salutation}},',
    '',
    'I write on behalf of {{organisation.name}}.',
    '{{#if supporter.paragraph}}',
    '{{supporter.paragraph}}',
    '{{/if}}',
    '{{#each recommendations}}',
    '{{@index}}. {{code}} {{title}}: {{text}}{{#unless @last}};{{/unless}}',
    '{{else}}',
    'Please act.',
    '{{/each}}',
    '{{supporter.fullName}}, {{supporter.postcode}}',
  ].join('\n'),
  editable: false,
  ...overrides,
});

const body = (text: string, editable = false): LetterTemplateProblem[] =>
  checkLetterTemplate(aTemplate({ body: text, editable }));
const only = (problems: LetterTemplateProblem[]): LetterTemplateProblem => {
  expect(problems).toHaveLength(1);
  return problems[0];
};

describe('checkLetterTemplate', () => {
  it('accepts a letter using every kind of field and block', () => {
    expect(checkLetterTemplate(aTemplate())).toEqual([]);
  });

  it('accepts every merge field it lists, where the list says it is written', () => {
    const lines = letterMergeFieldRows().map((row) =>
      row.list ? `{{#each ${row.group}}}{{${row.path}}}{{/each}}` : `{{${row.path}}}`,
    );
    expect(body(lines.join('\n'))).toEqual([]);
    expect(Object.keys(LETTER_MERGE_FIELDS)).toEqual([
      'supporter',
      'target',
      'campaign',
      'organisation',
      'recommendations',
    ]);
  });

  it('accepts with, else if, unless, whitespace control and escaped braces', () => {
    const text =
      '{{#with target}}{{name}} ({{../campaign.name}}){{else}}none{{/with}}\n' +
      '{{#if supporter.firstName}}a{{else if target.name}}b{{else}}c{{/if}}\n' +
      '{{~supporter.firstName~}} {{{supporter.lastName}}} \\{{not a field}}\n' +
      '{{#each recommendations}}{{this.code}} {{#if @first}}first{{/if}}{{/each}}';
    expect(body(text)).toEqual([]);
  });

  describe('refuses what could reach past the merge fields', () => {
    it.each([
      ['{{constructor.constructor "return process"}}', 1, 'not a helper'],
      ['{{__proto__}}', 3, '"__proto__" is not allowed'],
      ['{{supporter.__proto__.x}}', 3, '"__proto__" is not allowed'],
      ['{{supporter.constructor}}', 3, '"constructor" is not allowed'],
      ['{{target.__defineGetter__}}', 3, '"__defineGetter__" is not allowed'],
      ['{{hasOwnProperty}}', 3, '"hasOwnProperty" is not allowed'],
      ['{{lookup this "constructor"}}', 1, 'the lookup helper is not available'],
      ['{{#with constructor}}x{{/with}}', 9, '"constructor" is not allowed'],
      ['{{> partial}}', 1, 'partials'],
      ['{{#> layout}}x{{/layout}}', 1, 'partials'],
      ['{{#each (lookup supporter "x")}}x{{/each}}', 9, 'sub-expressions'],
      ['{{#if (lookup supporter "x")}}x{{/if}}', 7, 'sub-expressions'],
      ['{{shout supporter.firstName}}', 1, '"shout" is not a helper letters know'],
      ['{{#shout}}x{{/shout}}', 1, '"shout" is not a helper letters know'],
      ['{{log "x"}}', 1, 'the log helper is not available'],
      ['{{helperMissing "x"}}', 1, 'the helperMissing helper'],
      ['{{#blockHelperMissing supporter}}x{{/blockHelperMissing}}', 1, 'the blockHelperMissing helper'],
      ['{{@root.supporter.firstName}}', 3, '@root is not available'],
      ['{{#each recommendations}}{{@key}}{{/each}}', 28, '"@key" is not available'],
      ['{{@index}}', 3, '@index only means something inside {{#each}}'],
      ['{{[constructor]}}', 3, '[...] segments'],
      ['{{supporter.[firstName]}}', 3, '[...] segments'],
      ['{{this}}', 3, '"this" only means something inside'],
      ['{{this.supporter.firstName}}', 3, '"this" only means something inside'],
      ['{{../supporter.firstName}}', 3, 'goes up more levels'],
      ['{{#each recommendations}}{{../../campaign.name}}{{/each}}', 28, 'goes up more levels'],
      ['{{{{raw}}}}{{supporter.firstName}}{{{{/raw}}}}', 1, 'raw blocks'],
      ['{{* decorator}}', 1, 'decorators'],
      ['{{#* inline "x"}}y{{/inline}}', 1, 'decorators'],
      ['{{!-- {{> partial}} --}}', 1, 'a comment may not contain {{'],
      ['{{#each recommendations as |r|}}{{r.code}}{{/each}}', 1, 'block parameters'],
      ['{{#if supporter.firstName includeZero=true}}x{{/if}}', 1, 'takes no options'],
      ['{{^if supporter.firstName}}x{{/if}}', 1, 'use {{#unless'],
      ['{{"text"}}', 1, 'not a merge field'],
      ['{{#if "text"}}x{{/if}}', 7, 'not a fixed value'],
      ['{{if supporter.firstName}}', 1, 'is a block'],
      ['{{editable}}', 1, 'is a block'],
    ])('%s (column %i)', (text, column, message) => {
      const problem = only(body(text));
      expect(problem).toMatchObject({ field: 'body', line: 1, column });
      expect(problem.message).toContain(message);
    });
  });

  describe('names every unknown field, with the closest one', () => {
    it.each([
      ['{{supporter.firstname}}', '"supporter.firstname" is not a merge field; did you mean "supporter.firstName"?'],
      ['{{firstName}}', 'did you mean "supporter.firstName"?'],
      ['{{target.ministry}}', '"target.ministry" is not a merge field'],
      ['{{#each recommendations}}{{titel}}{{/each}}', 'did you mean "title"?'],
      ['{{#each recommendations}}{{../campain.name}}{{/each}}', 'did you mean "../campaign.name"?'],
      ['{{polluted}}', '"polluted" is not a merge field'],
    ])('%s', (text, message) => {
      expect(only(body(text)).message).toContain(message);
    });

    it('says how to use a group or a list written as one value', () => {
      expect(only(body('{{supporter}}')).message).toContain('use one of supporter.firstName, supporter.lastName');
      expect(only(body('{{recommendations}}')).message).toContain('{{#each recommendations}}{{code}}');
      expect(only(body('{{recommendations.length}}')).message).toContain('"recommendations" is a list');
      expect(only(body('{{supporter.firstName.length}}')).message).toContain('a single value');
      expect(only(body('{{#each supporter}}x{{/each}}')).message).toContain('{{#each}} needs a list');
      expect(only(body('{{#with recommendations}}x{{/with}}')).message).toContain('{{#with}} needs a group');
    });

    it('refuses a loop inside a loop (100 x 100 items) and a with that would not change the context', () => {
      expect(only(body('{{#each recommendations}}{{#each ../recommendations}}x{{/each}}{{/each}}')).message).toContain(
        'inside another {{#each}}',
      );
      expect(only(body('{{#with target}}{{#with ../target}}x{{/with}}{{/with}}')).message).toContain('already');
    });

    it('reports every problem at its own line and column, and checks inside a broken if', () => {
      const problems = body('Dear {{target.nam}},\n\n  {{#if supportr.paragraph}}{{lookup x}}{{/if}}\n{{@root}}');
      expect(problems.map((p) => [p.line, p.column])).toEqual([
        [1, 8],
        [3, 9],
        [3, 29],
        [4, 3],
      ]);
    });
  });

  describe('parse errors', () => {
    it.each([
      [
        'Dear {{target.name}},\n\nPlease {{#if supporter.paragraph}}\n{{/iff}}',
        3,
        11,
        '{{/iff}} does not close {{#if}}',
      ],
      ['line one\n  Dear {{target.name}}}', 2, 21, 'unexpected "}}}"'],
      ['x\n  a {{target.name y=}}', 2, 21, 'unexpected "}}"'],
      ['Hello\r\nDear {{target.name', 2, 6, 'this {{ is not closed'],
      ['é👍 {{target.name}', 1, 5, 'this {{ is not closed'],
      ['a\n{{#each recommendations}}\n{{else}}\n{{else}}\n{{/each}}', 4, 1, 'unexpected "{{else}}"'],
      ['a\n\n{{#if supporter.firstName}}\nno end', 4, 7, 'close it with {{/name}}'],
      ['ok\n{{!-- never closed', 2, 1, 'unclosed {{!-- comment'],
    ])('%j at %i:%i', (text, line, column, message) => {
      const problem = only(body(text));
      expect(problem).toMatchObject({ field: 'body', line, column });
      expect(problem.message).toContain(message);
    });
  });

  describe('subject lines', () => {
    const subjects = (...lines: string[]): LetterTemplateProblem[] =>
      checkLetterTemplate(aTemplate({ subjects: lines }));

    it('may use supporter, target, campaign and organisation fields, each line checked under its own index', () => {
      expect(subjects('{{supporter.firstName}}', '{{target.name}} {{organisation.name}} {{campaign.name}}')).toEqual(
        [],
      );
      const problems = subjects(
        'fine',
        '{{#if supporter.firstName}}x{{/if}}',
        'To {{#each recommendations}}x{{/each}}',
      );
      expect(problems.map((p) => [p.field, p.column])).toEqual([
        ['subjects.1', 1],
        ['subjects.2', 4],
      ]);
      expect(problems[0].message).toContain('no blocks');
    });

    it('refuses recommendations, missing, empty, multi-line, long and too many subject lines', () => {
      expect(only(subjects('{{recommendations}}')).message).toContain(
        'supporter, target, campaign, organisation fields only',
      );
      expect(only(subjects()).field).toBe('subjects');
      expect(only(subjects('  '))).toMatchObject({ field: 'subjects.0', message: 'is empty' });
      expect(only(subjects('one\r\ntwo'))).toMatchObject({ field: 'subjects.0', line: 1, column: 4 });
      expect(only(subjects('x'.repeat(LETTER_LIMITS.subjectChars + 1)))).toMatchObject({ line: 1, column: 301 });
      expect(only(subjects(...Array.from({ length: 11 }, () => 'x'))).message).toContain('at most 10 subject lines');
    });
  });

  describe('the editable block', () => {
    const part =
      '{{#editable}}\nI ask {{target.name}} to act on {{#each recommendations}}{{code}}{{/each}}.\n{{/editable}}';

    it('is required, exactly once, for an editable action', () => {
      expect(only(body('Dear all', true))).toEqual({
        field: 'body',
        message: expect.stringContaining('needs one {{#editable}}'),
      });
      expect(
        body(`{{campaign.name}}\n{{#editable}}{{campaign.name}} {{organisation.name}}{{/editable}}`, true),
      ).toEqual([]);
      const twice = only(body('{{#editable}}a{{/editable}}\n{{#editable}}b{{/editable}}', true));
      expect(twice).toMatchObject({ line: 2, column: 1, message: expect.stringContaining('at most one') });
    });

    it('holds to campaign, organisation and recommendations fields when the action is editable', () => {
      const problem = only(body(part, true));
      expect(problem).toMatchObject({ line: 2, column: 9 });
      expect(problem.message).toContain('"target.name" cannot be used in the editable part');
      expect(only(body('{{#editable}}{{#with supporter}}{{firstName}}{{/with}}{{/editable}}', true)).message).toContain(
        'editable part',
      );
    });

    it('renders any field when the action is locked, but stays one top-level block', () => {
      expect(body(part, false)).toEqual([]);
      expect(only(body('{{#if campaign.name}}{{#editable}}x{{/editable}}{{/if}}')).message).toContain('top level');
      expect(only(body('{{#editable}}x{{else}}y{{/editable}}')).message).toContain('no {{else}}');
      expect(only(body('{{#editable campaign.name}}x{{/editable}}')).message).toContain('takes no merge field');
      expect(only(checkLetterTemplate(aTemplate({ subjects: ['{{#editable}}x{{/editable}}'] }))).field).toBe(
        'subjects.0',
      );
    });
  });

  describe('limits', () => {
    it('refuses a body over 20,000 characters at the first character beyond', () => {
      const problem = only(body(`${'a'.repeat(99)}\n`.repeat(200) + 'overflow'));
      expect(problem).toMatchObject({ line: 201, column: 1, message: 'is longer than 20000 characters' });
      expect(only(body('  \n '))).toEqual({ field: 'body', message: 'is empty' });
    });

    it('refuses blocks nested more than 10 deep and lists at most 20 problems per field', () => {
      const nested = (n: number): string => '{{#if campaign.name}}'.repeat(n) + 'x' + '{{/if}}'.repeat(n);
      expect(body(nested(LETTER_LIMITS.nesting))).toEqual([]);
      expect(only(body(nested(LETTER_LIMITS.nesting + 1))).message).toContain('nested more than 10 deep');
      expect(body('{{nope}}'.repeat(50))).toHaveLength(LETTER_LIMITS.problemsPerField);
    });
  });

  it('answers 422 with each problem under its field, saying line and column', () => {
    const problems = checkLetterTemplate(
      aTemplate({
        subjects: ['ok', 'Re: {{target.nme}}'],
        body: 'Dear {{target.name}},\n  {{lookup x}}',
        editable: true,
      }),
    );
    const { status, body: answer } = new DomainExceptionFilter().toResponse(new LetterTemplateInvalidError(problems));
    expect(status).toBe(422);
    expect(answer.error).toBe('letter_template_invalid');
    expect(answer.fields).toEqual({
      'subjects.1': ['line 1, column 7: "target.nme" is not a merge field; did you mean "target.name"?'],
      body: [
        'line 2, column 3: the lookup helper is not available in letters',
        expect.stringMatching(/^an editable letter needs one \{\{#editable\}\}/),
      ],
    });
  });
});
