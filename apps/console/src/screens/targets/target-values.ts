import type { Schemas } from '../../api/client';
import type { FocusArea, Target, TargetKind } from './target-queries';

/** A target as the form holds it: every text a string (empty for none), lists as arrays. */
export interface TargetValues {
  kind: TargetKind | '';
  name: string;
  title: string;
  body: string;
  salutation: string;
  country: string;
  regionCodes: string[];
  language: string;
  /** Empty: the country's main zone. */
  timeZone: string;
  focusAreas: FocusArea[];
  tags: string[];
  externalId: string;
  notes: string;
  active: boolean;
  /** Only when creating: the addresses, first preferred (the edit screen manages them one by one). */
  emails: string[];
}

export const emptyTarget = (country: string, language: string): TargetValues => ({
  kind: '',
  name: '',
  title: '',
  body: '',
  salutation: '',
  country,
  regionCodes: [],
  language,
  timeZone: '',
  focusAreas: [],
  tags: [],
  externalId: '',
  notes: '',
  active: true,
  emails: [],
});

export const valuesOf = (t: Target): TargetValues => ({
  kind: t.kind,
  name: t.name,
  title: t.title,
  body: t.body,
  salutation: t.salutation,
  country: t.country,
  regionCodes: t.regionCodes,
  language: t.language,
  timeZone: t.timeZone ?? '',
  focusAreas: t.focusAreas,
  tags: t.tags,
  externalId: t.externalId ?? '',
  notes: t.notes,
  active: t.active,
  emails: [],
});

const trimmed = (list: string[]): string[] => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

/** Every editable field: blank texts clear them, an empty time zone or external id is null (none). */
export function toUpdateBody(v: TargetValues): Schemas['TargetUpdateDto'] {
  return {
    kind: v.kind as TargetKind,
    name: v.name.trim(),
    title: v.title.trim(),
    body: v.body.trim(),
    salutation: v.salutation.trim(),
    country: v.country,
    regionCodes: trimmed(v.regionCodes),
    language: v.language as Schemas['Language'],
    timeZone: v.timeZone || null,
    focusAreas: v.focusAreas,
    tags: trimmed(v.tags),
    externalId: v.externalId.trim() || null,
    notes: v.notes.trim(),
    active: v.active,
  };
}

export const toCreateBody = (v: TargetValues): Schemas['TargetCreateDto'] => ({
  ...(toUpdateBody(v) as Required<Schemas['TargetUpdateDto']>),
  emails: trimmed(v.emails),
});
