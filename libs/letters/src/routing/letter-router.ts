import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrgScope } from '#rally/access';
import type { RoutableTarget } from '#rally/targets';
import { TargetDirectory } from '#rally/targets';
import type { LetterRouting } from '../entities/letter-action.entity.js';

/** Who the supporter is, as far as routing cares. */
export interface RoutingInput {
  country: string;
  postcode: string | null;
  /** The region they chose; else their postcode is looked up in the organisation's table. */
  region: string | null;
  /** Target ids they ticked (pick routing). */
  picks: string[];
}

export type RoutingResult =
  | { kind: 'routed'; targets: RoutableTarget[]; region: string | null; fallback: boolean }
  /** The supporter's choice is out of bounds: a field error for the form. */
  | { kind: 'invalid'; field: 'targets' | 'postcode' | 'region'; reason: 'too-few' | 'too-many' | 'not-listed' }
  /** Nothing matched and the action has no fallback. */
  | { kind: 'nobody' };

/** Draws `n` of `items` uniformly at random (partial Fisher-Yates with a cryptographic source: no bias to the list's order). */
export function sampleOf<T>(items: readonly T[], n: number): T[] {
  const copy = [...items];
  const count = Math.min(n, copy.length);
  for (let i = 0; i < count; i += 1) {
    const j = i + randomInt(copy.length - i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

/**
 * Chooses the targets of one supporter's letters. Responsibility routing asks who answers for the focus area on
 * `day` (the organisation's calendar day the letters are written), so a reshuffle redirects letters from that day.
 * Only active targets with an active address are ever chosen; when nothing matches, the fallback target is used.
 */
@Injectable()
export class LetterRouter {
  constructor(private readonly directory: TargetDirectory) {}

  async route(
    scope: OrgScope,
    routing: LetterRouting,
    input: RoutingInput,
    day: string,
    manager?: EntityManager,
  ): Promise<RoutingResult> {
    let region = input.region;
    let targets: RoutableTarget[];
    switch (routing.mode) {
      case 'region': {
        if (!region && input.postcode)
          region = await this.directory.regionForPostcode(scope, input.country, input.postcode, manager);
        targets = region
          ? await this.directory.byRegion(scope, { country: input.country, region, kinds: routing.kinds }, manager)
          : [];
        break;
      }
      case 'country':
        targets = await this.directory.byCountry(scope, { country: input.country, kinds: routing.kinds }, manager);
        break;
      case 'responsibility':
        targets = await this.directory.responsibleOn(
          scope,
          {
            country: input.country,
            focusArea: routing.focusArea ?? '',
            recommendationCode: routing.recommendationCode,
          },
          day,
          manager,
        );
        break;
      case 'pick': {
        const listed = new Set(routing.targetIds);
        const picks = [...new Set(input.picks)];
        if (picks.some((p) => !listed.has(p))) return { kind: 'invalid', field: 'targets', reason: 'not-listed' };
        if (picks.length < routing.min) return { kind: 'invalid', field: 'targets', reason: 'too-few' };
        if (picks.length > Math.min(routing.max, routing.maxTargets))
          return { kind: 'invalid', field: 'targets', reason: 'too-many' };
        targets = await this.directory.byIds(scope, picks, manager);
        break;
      }
      case 'sample':
        targets = sampleOf(await this.directory.byIds(scope, routing.targetIds, manager), routing.sampleSize);
        break;
    }
    if (targets.length === 0 && routing.fallbackTargetId) {
      const fallback = await this.directory.byIds(scope, [routing.fallbackTargetId], manager);
      if (fallback.length) return { kind: 'routed', targets: fallback, region, fallback: true };
    }
    if (targets.length === 0) return { kind: 'nobody' };
    // More matches than a letter may have (a region with many representatives): a fair draw, not the first by name.
    if (targets.length > routing.maxTargets) targets = sampleOf(targets, routing.maxTargets);
    return { kind: 'routed', targets, region, fallback: false };
  }

  /** The targets of a signed preview plan that are still routable, in the plan's order. */
  planned(scope: OrgScope, targetIds: string[], manager?: EntityManager): Promise<RoutableTarget[]> {
    return this.directory.byIds(scope, targetIds.slice(0, 50), manager);
  }

  /** The targets a supporter may pick from, for the page (active ones with an address, in the listed order). */
  pickable(scope: OrgScope, routing: LetterRouting): Promise<RoutableTarget[]> {
    return routing.mode === 'pick' ? this.directory.byIds(scope, routing.targetIds) : Promise.resolve([]);
  }
}
