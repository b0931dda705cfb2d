import { isISO31661Alpha2 } from 'class-validator';
import type { Language } from '#rally/core';
import { csvCellValue, isEmailShaped, LANGUAGES } from '#rally/core';
import { normalisePostcode, POSTCODE_PREFIX } from '../area-lookup/postcode.js';
import { canonicalTimeZone } from '../directory/target-input.js';
import { normaliseTargetAddress } from '../directory/target-address.js';
import type { ImportRowError } from '../entities/target-import.entity.js';
import type { TargetKind } from '../entities/target.entity.js';
import { TARGET_KINDS } from '../entities/target.entity.js';
import type { StudyFocusArea } from '../focus-areas.js';
import { STUDY_FOCUS_AREAS } from '../focus-areas.js';
import { normaliseColumnName } from './import-fields.js';

// The same limits as the staff API's DTOs (dto/target.dto.ts, dto/area-lookup.dto.ts), so an imported entry can
// always be edited there afterwards.
const LINE = 300;
const CODE = 64;
const MAX_EMAILS = 20;

/** What a row of a targets file says; fields the mapping leaves out are absent (an update leaves them as they are). */
export interface TargetValues {
  kind: TargetKind;
  name: string;
  title: string;
  body: string;
  salutation: string;
  country: string;
  regionCodes: string[];
  language: Language;
  timeZone: string | null;
  focusAreas: StudyFocusArea[];
  tags: string[];
  externalId: string | null;
  notes: string;
  active: boolean;
  /** Addresses as written, first preferred; their identity is normaliseTargetAddress(). */
  emails: string[];
}

export interface AreaLookupValues {
  country: string;
  postcodePrefix: string;
  regionCode: string;
  label: string;
}

/** One data row read against the mapping: its values, the errors of its cells, and the key it is matched on. */
export interface ParsedRow<V> {
  row: number;
  values: Partial<V>;
  errors: ImportRowError[];
  /** Identity within the file and the organisation; null when the cells it comes from are themselves invalid. */
  keys: string[] | null;
}

/** Field -> index of its column in the file. */
export type ColumnIndex = Record<string, number>;

const fold = (text: string): string => normaliseColumnName(text);

const lookup = <T extends string>(pairs: Record<T, string[]>): Map<string, T> =>
  new Map(
    (Object.entries(pairs) as [T, string[]][]).flatMap(([code, words]) =>
      [code, ...words].map((w) => [fold(w), code] as const),
    ),
  );

// Kinds, languages and yes/no as staff type them in English, French and Spanish, besides Rally's own codes.
const KINDS = lookup<TargetKind>({
  ministry: ['ministère', 'ministerio'],
  minister: ['ministre', 'ministro', 'ministra'],
  parliamentarian: [
    'member of parliament',
    'mp',
    'senator',
    'parlementaire',
    'député',
    'députée',
    'sénateur',
    'sénatrice',
    'parlamentario',
    'parlamentaria',
    'diputado',
    'diputada',
    'senador',
    'senadora',
  ],
  'focal-point': ['government focal point', 'point focal', 'punto focal'],
  nhri: [
    'national human rights institution',
    'indh',
    'institution nationale des droits de l homme',
    'institución nacional de derechos humanos',
  ],
  other: ['autre', 'otro', 'otra'],
});
const LANGUAGE_NAMES = lookup<Language>({
  en: ['english', 'anglais', 'inglés'],
  fr: ['french', 'français', 'francés'],
  es: ['spanish', 'espagnol', 'español', 'castellano'],
});
const YES_NO = lookup<'yes' | 'no'>({
  yes: ['true', 'y', '1', 'active', 'oui', 'vrai', 'actif', 'active', 'sí', 'si', 'verdadero', 'activo', 'activa'],
  no: ['false', 'n', '0', 'inactive', 'non', 'faux', 'inactif', 'falso', 'inactivo', 'inactiva'],
});
const FOCUS_AREAS = new Map(STUDY_FOCUS_AREAS.map((a) => [fold(a), a]));

/** Reads cells field by field, collecting each field's error instead of stopping at the first. */
class RowReader {
  readonly errors: ImportRowError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: readonly string[],
    private readonly index: ColumnIndex,
  ) {}

  has(field: string): boolean {
    return this.index[field] !== undefined;
  }

  /** The cell as written: CSV quoting already undone by the parser, the export's formula guard undone here. */
  cell(field: string): string {
    const i = this.index[field];
    if (i === undefined) return '';
    if (this.cells[i] === undefined) return '';
    return csvCellValue(this.cells[i].trim()).trim();
  }

  fail(field: string, message: string): undefined {
    this.errors.push({ row: this.row, field, message });
    return undefined;
  }

  text(field: string, max: number, required = false): string | undefined {
    const value = this.cell(field);
    if (required && value === '') return this.fail(field, `${field} is required`);
    if (value.length > max) return this.fail(field, `${field} must be at most ${max} characters`);
    return value;
  }

  /** A `;`-separated list, trimmed, blanks and repeats dropped. */
  list(field: string, maxItems: number, itemMax = CODE): string[] | undefined {
    const items = [
      ...new Set(
        this.cell(field)
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (items.length > maxItems) return this.fail(field, `${field} holds at most ${maxItems} entries`);
    const long = items.find((s) => s.length > itemMax);
    if (long) return this.fail(field, `"${long.slice(0, 40)}..." is longer than ${itemMax} characters`);
    return items;
  }

  country(field: string): string | undefined {
    const value = this.cell(field).toUpperCase();
    if (value === '') return this.fail(field, `${field} is required`);
    if (!/^[A-Z]{2}$/.test(value) || !isISO31661Alpha2(value))
      return this.fail(field, `"${value.slice(0, 20)}" is not an ISO 3166-1 alpha-2 country code such as FR`);
    return value;
  }

  code<T extends string>(field: string, codes: Map<string, T>, expected: readonly string[]): T | undefined {
    const value = this.cell(field);
    if (value === '') return this.fail(field, `${field} is required`);
    return codes.get(fold(value)) ?? this.fail(field, `"${value.slice(0, 40)}" is not one of ${expected.join(', ')}`);
  }
}

/** Reads a data row of a targets file. Keys: `x:<external id>` when it has one, else `e:<address>` per address. */
export function parseTargetRow(row: number, cells: readonly string[], index: ColumnIndex): ParsedRow<TargetValues> {
  const r = new RowReader(row, cells, index);
  const values: Partial<TargetValues> = {
    name: r.text('name', LINE, true),
    kind: r.code('kind', KINDS, TARGET_KINDS),
    country: r.country('country'),
    language: r.code('language', LANGUAGE_NAMES, LANGUAGES),
    emails: emailsOf(r),
  };
  if (r.has('title')) values.title = r.text('title', LINE);
  if (r.has('body')) values.body = r.text('body', LINE);
  if (r.has('salutation')) values.salutation = r.text('salutation', 200);
  if (r.has('notes')) values.notes = r.text('notes', 10_000);
  if (r.has('regionCodes')) values.regionCodes = r.list('regionCodes', 200);
  if (r.has('tags')) values.tags = r.list('tags', 50);
  if (r.has('focusAreas')) values.focusAreas = focusAreasOf(r);
  if (r.has('timeZone')) values.timeZone = timeZoneOf(r);
  if (r.has('active')) values.active = activeOf(r);
  if (r.has('externalId')) values.externalId = (r.text('externalId', 200) ?? null) || null;
  const broken = new Set(r.errors.map((e) => e.field));
  const external = values.externalId;
  const keys = external
    ? [`x:${external}`]
    : broken.has('emails') || broken.has('externalId')
      ? null
      : (values.emails ?? []).map((e) => `e:${normaliseTargetAddress(e)}`);
  return { row, values, errors: r.errors, keys };
}

function emailsOf(r: RowReader): string[] | undefined {
  const written = r
    .cell('emails')
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (written.length === 0) return r.fail('emails', 'emails: at least one address is required');
  const bad = written.find((e) => !isEmailShaped(e));
  if (bad) return r.fail('emails', `"${bad.slice(0, 80)}" is not an email address`);
  const seen = new Set<string>();
  const emails = written.filter((e) => !seen.has(normaliseTargetAddress(e)) && seen.add(normaliseTargetAddress(e)));
  if (emails.length > MAX_EMAILS) return r.fail('emails', `a target has at most ${MAX_EMAILS} addresses`);
  return emails;
}

function focusAreasOf(r: RowReader): StudyFocusArea[] | undefined {
  const items = r.list('focusAreas', STUDY_FOCUS_AREAS.length * 2);
  if (!items) return undefined;
  const areas: StudyFocusArea[] = [];
  for (const item of items) {
    const area = FOCUS_AREAS.get(fold(item));
    if (!area) return r.fail('focusAreas', `"${item.slice(0, 40)}" is not one of ${STUDY_FOCUS_AREAS.join(', ')}`);
    if (!areas.includes(area)) areas.push(area);
  }
  return areas;
}

function timeZoneOf(r: RowReader): string | null | undefined {
  const zone = r.cell('timeZone');
  if (zone === '') return null;
  try {
    if (zone.length <= 64 && (zone.includes('/') || zone === 'UTC')) return canonicalTimeZone(zone);
  } catch {
    // Not a zone ICU knows: reported below.
  }
  return r.fail('timeZone', `"${zone.slice(0, 40)}" is not an IANA time zone such as Europe/Paris`);
}

function activeOf(r: RowReader): boolean | undefined {
  const value = r.cell('active');
  if (value === '') return true;
  const answer = YES_NO.get(fold(value));
  if (!answer) return r.fail('active', `"${value.slice(0, 20)}" is neither true nor false`);
  return answer === 'yes';
}

/** Reads a data row of an area lookup file; its key is country and normalised prefix. */
export function parseAreaLookupRow(
  row: number,
  cells: readonly string[],
  index: ColumnIndex,
): ParsedRow<AreaLookupValues> {
  const r = new RowReader(row, cells, index);
  const prefix = normalisePostcode(r.cell('postcodePrefix'));
  const values: Partial<AreaLookupValues> = {
    country: r.country('country'),
    postcodePrefix:
      prefix === ''
        ? r.fail('postcodePrefix', 'postcodePrefix is required')
        : POSTCODE_PREFIX.test(prefix)
          ? prefix
          : r.fail(
              'postcodePrefix',
              `"${prefix.slice(0, 20)}" is not a postcode prefix (letters and digits, at most 12)`,
            ),
    regionCode: r.text('regionCode', CODE, true),
  };
  if (r.has('label')) values.label = r.text('label', 200);
  const keys = values.country && values.postcodePrefix ? [`${values.country}:${values.postcodePrefix}`] : null;
  return { row, values, errors: r.errors, keys };
}

/** True when every cell of the record is blank: a spreadsheet's empty line, skipped but still counted as a row. */
export const isBlankRecord = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');
