import { LetterLimitExceededError } from '../letters.exception.js';

/**
 * The merge fields a letter template may use, with what each means and a sample value: the console lists them
 * beside the editor and the preview fills them with the samples (or a chosen target). `maxLength` is the engine's
 * own bound on a value (longer ones are cut), well above what the forms and the directory accept, so that a caller's
 * bug cannot make one letter megabytes long.
 */
export interface LetterMergeField {
  readonly description: string;
  readonly sample: string;
  readonly maxLength: number;
}

export const LETTER_MERGE_FIELDS = {
  supporter: {
    description: 'The supporter who sends the letter',
    list: false,
    fields: {
      firstName: { description: 'First name', sample: 'Amina', maxLength: 200 },
      lastName: { description: 'Last name', sample: 'Kone', maxLength: 200 },
      fullName: { description: 'First and last name', sample: 'Amina Kone', maxLength: 400 },
      region: { description: 'Region code, from the postcode or as chosen', sample: 'IDF', maxLength: 100 },
      postcode: { description: 'Postcode', sample: '75011', maxLength: 40 },
      country: { description: "Country, by its name in the letter's language", sample: 'France', maxLength: 100 },
      paragraph: {
        description: 'The paragraph the supporter wrote in their own words (may be empty)',
        sample: 'As a youth worker I have seen what detention does to a fifteen-year-old.',
        maxLength: 10_000,
      },
    },
  },
  target: {
    description: 'The person or office the letter is addressed to',
    list: false,
    fields: {
      name: { description: 'Name', sample: 'Jeanne Martin', maxLength: 300 },
      title: { description: 'Title or role', sample: 'Minister of Justice', maxLength: 300 },
      body: { description: 'Ministry or body', sample: 'Ministry of Justice', maxLength: 300 },
      salutation: { description: 'How the letter opens', sample: 'Dear Minister', maxLength: 300 },
      country: { description: 'Country code (ISO 3166-1)', sample: 'FR', maxLength: 100 },
      region: { description: 'First region or constituency code (may be empty)', sample: 'IDF', maxLength: 100 },
    },
  },
  campaign: {
    description: 'The campaign the letter action belongs to',
    list: false,
    fields: {
      name: { description: 'Name', sample: 'End child detention', maxLength: 300 },
    },
  },
  organisation: {
    description: 'The organisation running the action',
    list: false,
    fields: {
      name: { description: 'Name', sample: 'Child Rights Now', maxLength: 300 },
    },
  },
  recommendations: {
    description:
      'The recommendations the action cites, in order (may be empty): {{#each recommendations}}{{code}} {{title}}{{/each}}',
    list: true,
    fields: {
      code: { description: 'Code', sample: 'R1', maxLength: 50 },
      title: { description: 'Title', sample: 'Detention only as a last resort', maxLength: 500 },
      text: {
        description: 'Text',
        sample: 'Children are deprived of liberty only as a measure of last resort and for the shortest time.',
        maxLength: 5_000,
      },
    },
  },
} as const;

type Schema = typeof LETTER_MERGE_FIELDS;
export type LetterMergeGroup = keyof Schema;
export type LetterMergeFieldName<G extends LetterMergeGroup> = keyof Schema[G]['fields'] & string;
type Values<G extends LetterMergeGroup> = { [F in LetterMergeFieldName<G>]: string };
type InputValues<G extends LetterMergeGroup> = { readonly [F in LetterMergeFieldName<G>]?: string | number | null };

/** What a template renders with: every field present, every value a string. */
export interface LetterContext {
  supporter: Values<'supporter'>;
  target: Values<'target'>;
  campaign: Values<'campaign'>;
  organisation: Values<'organisation'>;
  recommendations: Values<'recommendations'>[];
}

/** What callers pass: any field may be missing (rendered empty). */
export interface LetterContextInput {
  readonly supporter?: InputValues<'supporter'>;
  readonly target?: InputValues<'target'>;
  readonly campaign?: InputValues<'campaign'>;
  readonly organisation?: InputValues<'organisation'>;
  readonly recommendations?: readonly InputValues<'recommendations'>[];
}

export const LETTER_MERGE_GROUPS = Object.keys(LETTER_MERGE_FIELDS) as LetterMergeGroup[];

export function isMergeGroup(name: string): name is LetterMergeGroup {
  return Object.hasOwn(LETTER_MERGE_FIELDS, name);
}

export function mergeFieldsOf(group: LetterMergeGroup): Record<string, LetterMergeField> {
  return LETTER_MERGE_FIELDS[group].fields;
}

export function isMergeField(group: LetterMergeGroup, name: string): boolean {
  return Object.hasOwn(mergeFieldsOf(group), name);
}

/** One row per field for the console's list: `supporter.firstName`, or `code` inside `{{#each recommendations}}`. */
export interface LetterMergeFieldRow {
  group: LetterMergeGroup;
  name: string;
  path: string;
  list: boolean;
  description: string;
  sample: string;
}

export function letterMergeFieldRows(): LetterMergeFieldRow[] {
  return LETTER_MERGE_GROUPS.flatMap((group) => {
    const { list } = LETTER_MERGE_FIELDS[group];
    return Object.entries(mergeFieldsOf(group)).map(([name, field]) => ({
      group,
      name,
      path: list ? name : `${group}.${name}`,
      list,
      description: field.description,
      sample: field.sample,
    }));
  });
}

// Every read is of an own property: a value on a polluted prototype never reaches a letter.
function own(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null && Object.hasOwn(source, key)
    ? (source as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown, maxLength: number): string {
  const s =
    typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  if (s.length <= maxLength) return s;
  // Cut on a code point boundary, never inside a surrogate pair.
  return s.slice(0, /[\uD800-\uDBFF]/.test(s[maxLength - 1]) ? maxLength - 1 : maxLength);
}

// Null-prototype objects with string values only: Handlebars calls a function it finds in the context, and looks up
// inherited names; neither can happen here.
function values(group: LetterMergeGroup, source: unknown): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [name, field] of Object.entries(mergeFieldsOf(group)))
    out[name] = text(own(source, name), field.maxLength);
  return out;
}

/** The complete, inert context a template renders with, from whatever the caller has (missing fields are empty). */
export function normaliseLetterContext(input: LetterContextInput, maxItems: number): LetterContext {
  const supporter = values('supporter', input.supporter);
  if (!supporter.fullName) supporter.fullName = [supporter.firstName, supporter.lastName].filter(Boolean).join(' ');
  const list = own(input, 'recommendations');
  const recommendations: Values<'recommendations'>[] = [];
  if (Array.isArray(list)) {
    if (list.length > maxItems) {
      throw new LetterLimitExceededError('recommendations', `a letter cites at most ${maxItems} recommendations`);
    }
    for (let i = 0; i < list.length; i++) {
      if (Object.hasOwn(list, i)) recommendations.push(values('recommendations', list[i]) as Values<'recommendations'>);
    }
  }
  const context = Object.create(null) as LetterContext;
  context.supporter = supporter as Values<'supporter'>;
  context.target = values('target', own(input, 'target')) as Values<'target'>;
  context.campaign = values('campaign', own(input, 'campaign')) as Values<'campaign'>;
  context.organisation = values('organisation', own(input, 'organisation')) as Values<'organisation'>;
  context.recommendations = recommendations;
  return context;
}

/** The preview's context: the samples, replaced group by group (or field by field) by what the caller chose. */
export function sampleLetterContext(overrides: LetterContextInput = {}): LetterContextInput {
  const sample = <G extends LetterMergeGroup>(group: G): Record<string, string> =>
    Object.fromEntries(Object.entries(mergeFieldsOf(group)).map(([name, f]) => [name, f.sample]));
  const merge = <G extends Exclude<LetterMergeGroup, 'recommendations'>>(group: G): InputValues<G> => {
    const chosen = own(overrides, group);
    if (!chosen) return sample(group) as InputValues<G>;
    const out: Record<string, unknown> = sample(group);
    for (const name of Object.keys(out)) if (own(chosen, name) !== undefined) out[name] = own(chosen, name);
    return out as InputValues<G>;
  };
  const recs = sample('recommendations');
  return {
    supporter: merge('supporter'),
    target: merge('target'),
    campaign: merge('campaign'),
    organisation: merge('organisation'),
    recommendations: (own(overrides, 'recommendations') as LetterContextInput['recommendations']) ?? [
      recs,
      {
        code: 'R2',
        title: 'Alternatives to detention',
        text: 'Non-custodial measures are available in law and used in practice.',
      },
    ],
  };
}

/** A directory entry as letters see it: its first region code, or none. */
export function targetMergeValues(target: {
  name: string;
  title: string;
  body: string;
  salutation: string;
  country: string;
  regionCodes: readonly string[];
}): InputValues<'target'> {
  return {
    name: target.name,
    title: target.title,
    body: target.body,
    salutation: target.salutation,
    country: target.country,
    region: target.regionCodes[0] ?? '',
  };
}
