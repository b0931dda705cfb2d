import type { LetterMergeField } from './merge-fields.js';
import { LETTER_MERGE_FIELDS } from './merge-fields.js';

/**
 * The merge fields a kind of template may use: letters have theirs (LETTER_MERGE_FIELDS), mailings theirs; the
 * checker and the renderer are the same for both.
 */
export type MergeSchema = Readonly<
  Record<
    string,
    {
      readonly description: string;
      readonly list: boolean;
      readonly fields: Readonly<Record<string, LetterMergeField>>;
    }
  >
>;

const groupOf = (schema: MergeSchema, name: string) => (Object.hasOwn(schema, name) ? schema[name] : undefined);
const fieldsOf = (schema: MergeSchema, group: string): Readonly<Record<string, LetterMergeField>> =>
  groupOf(schema, group)?.fields ?? {};

/** What a name stands for where it is used. */
export type Shape =
  | { kind: 'root' }
  | { kind: 'group'; group: string }
  | { kind: 'list'; group: string }
  | { kind: 'item'; group: string }
  | { kind: 'value' };
export interface Frame {
  shape: Shape;
  path: string[];
}

/** The frames a name can reach from where it stands: the innermost last (`../` goes one up). */
export interface FrameStack {
  frames: Frame[];
}

/** What `name` is inside `shape`, or undefined when it is no merge field there. */
export function member(shape: Shape, name: string, schema: MergeSchema = LETTER_MERGE_FIELDS): Shape | undefined {
  switch (shape.kind) {
    case 'root': {
      const group = groupOf(schema, name);
      if (!group) return undefined;
      return group.list ? { kind: 'list', group: name } : { kind: 'group', group: name };
    }
    case 'group':
    case 'item':
      return Object.hasOwn(fieldsOf(schema, shape.group), name) ? { kind: 'value' } : undefined;
    default:
      return undefined;
  }
}

/** Why a group, list or item cannot be printed as one value, and what to write instead. */
export function notAValue(shape: Shape, schema: MergeSchema = LETTER_MERGE_FIELDS): string {
  switch (shape.kind) {
    case 'group':
      return `is a group of fields: use one of ${fieldNames(schema, shape.group, `${shape.group}.`)}`;
    case 'item':
      return `is a whole item: use ${fieldNames(schema, shape.group, '')}`;
    case 'list':
      return `is a list: use {{#each ${shape.group}}}${fieldNames(schema, shape.group, '', '{{', '}}', ' ')}{{/each}}`;
    case 'root':
      return 'is the whole letter: use one of its fields';
    default:
      return 'is a single value and has no fields';
  }
}

function fieldNames(
  schema: MergeSchema,
  group: string,
  prefix: string,
  open = '',
  close = '',
  separator = ', ',
): string {
  return Object.keys(fieldsOf(schema, group))
    .map((f) => `${open}${prefix}${f}${close}`)
    .join(separator);
}

/** The closest name reachable from here (`supporter.firstname` -> `supporter.firstName`), if one is close enough. */
export function suggestion(
  written: string,
  scope: FrameStack,
  schema: MergeSchema = LETTER_MERGE_FIELDS,
): string | undefined {
  const candidates: string[] = [];
  scope.frames.forEach((frame, i) => {
    const up = '../'.repeat(scope.frames.length - 1 - i);
    const shape = frame.shape;
    if (shape.kind === 'root') {
      for (const g of Object.keys(schema)) {
        candidates.push(up + g);
        if (!schema[g]!.list) for (const f of Object.keys(fieldsOf(schema, g))) candidates.push(`${up}${g}.${f}`);
      }
    } else if (shape.kind === 'group' || shape.kind === 'item') {
      for (const f of Object.keys(fieldsOf(schema, shape.group))) candidates.push(up + f);
    }
  });
  const target = written.slice(0, 100).toLowerCase();
  const last = target.split(/[./]/).pop() ?? target;
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const lower = name.toLowerCase();
    // A right field name under the wrong (or no) group comes just after a one-letter typo.
    const score = Math.min(distance(target, lower), lower.endsWith(`.${last}`) || lower === last ? 1.5 : Infinity);
    if (!best || score < best.score) best = { name, score };
  }
  return best && best.score <= Math.max(2, Math.floor(target.length / 4)) ? best.name : undefined;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
