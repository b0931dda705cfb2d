import type { Schemas } from '../../api/client';
import type { FocusArea, LetterAction, RoutingMode, TargetKind } from './letter-queries';

/** The routing as the form holds it: every mode's fields at once, so switching modes loses nothing typed. */
export interface RoutingValues {
  mode: RoutingMode;
  targetIds: string[];
  kinds: string[];
  focusArea: string | null;
  recommendationCode: string;
  min: number | string;
  max: number | string;
  sampleSize: number | string;
  fallbackTargetId: string | null;
  maxTargets: number | string;
}

export const NEW_ROUTING: RoutingValues = {
  mode: 'country',
  targetIds: [],
  kinds: [],
  focusArea: null,
  recommendationCode: '',
  min: 1,
  max: 5,
  sampleSize: 1,
  fallbackTargetId: null,
  maxTargets: 5,
};

export const routingValuesOf = (r: LetterAction['routing']): RoutingValues => ({
  mode: r.mode,
  targetIds: r.targetIds,
  kinds: r.kinds,
  focusArea: r.focusArea,
  recommendationCode: r.recommendationCode ?? '',
  min: r.min,
  max: r.max,
  sampleSize: r.sampleSize,
  fallbackTargetId: r.fallbackTargetId,
  maxTargets: r.maxTargets,
});

/**
 * The routing the API stores. Only the fields the chosen mode reads are sent (with the ones every mode reads), so a
 * list left over from another mode cannot make the server refuse this one.
 */
export function toRoutingDto(v: RoutingValues): Schemas['LetterRoutingDto'] {
  const listed = v.mode === 'pick' || v.mode === 'sample';
  return {
    mode: v.mode,
    ...(listed ? { targetIds: v.targetIds } : {}),
    ...(v.mode === 'region' || v.mode === 'country' ? { kinds: v.kinds as TargetKind[] } : {}),
    ...(v.mode === 'responsibility'
      ? {
          focusArea: (v.focusArea || null) as FocusArea | null,
          recommendationCode: v.recommendationCode.trim() || null,
        }
      : {}),
    ...(v.mode === 'pick' ? { min: Number(v.min), max: Number(v.max) } : {}),
    ...(v.mode === 'sample' ? { sampleSize: Number(v.sampleSize) } : {}),
    fallbackTargetId: v.fallbackTargetId || null,
    maxTargets: Number(v.maxTargets),
  };
}

const whole = (v: number | string, min: number, max: number): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The API's bounds: a letter goes to at most 50 targets, a list holds at most 200. */
export const MAX_TARGETS_PER_LETTER = 50;
export const MAX_LISTED_TARGETS = 200;

/** What the form can tell before sending (message keys by field); the server checks the rest. */
export function routingProblems(v: RoutingValues): Record<string, string> {
  const problems: Record<string, string> = {};
  const listed = v.mode === 'pick' || v.mode === 'sample';
  if (listed && v.targetIds.length === 0) problems['routing.targetIds'] = 'letters.routing.needTargets';
  if (v.mode === 'responsibility' && !v.focusArea) problems['routing.focusArea'] = 'letters.routing.needFocusArea';
  if (!whole(v.maxTargets, 1, MAX_TARGETS_PER_LETTER)) problems['routing.maxTargets'] = 'letters.routing.countRule';
  if (v.mode === 'pick') {
    if (!whole(v.min, 1, MAX_TARGETS_PER_LETTER)) problems['routing.min'] = 'letters.routing.countRule';
    if (!whole(v.max, 1, MAX_TARGETS_PER_LETTER)) problems['routing.max'] = 'letters.routing.countRule';
    else if (Number(v.min) > Number(v.max)) problems['routing.min'] = 'letters.routing.minAboveMax';
  }
  if (v.mode === 'sample') {
    if (!whole(v.sampleSize, 1, MAX_TARGETS_PER_LETTER)) problems['routing.sampleSize'] = 'letters.routing.countRule';
    else if (v.targetIds.length > 0 && Number(v.sampleSize) > v.targetIds.length)
      problems['routing.sampleSize'] = 'letters.routing.sampleAboveList';
  }
  return problems;
}
