import { randomBytes } from 'node:crypto';
import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import { AreaLookupService } from '../area-lookup/area-lookup.service.js';
import { TargetService } from '../directory/target.service.js';
import type { AreaLookupCreateDto } from '../dto/area-lookup.dto.js';
import type { ResponsibilityCreateDto } from '../dto/responsibility.dto.js';
import type { TargetCreateDto } from '../dto/target.dto.js';
import type { AreaLookup } from '../entities/area-lookup.entity.js';
import type { Responsibility } from '../entities/responsibility.entity.js';
import type { Target } from '../entities/target.entity.js';
import { ResponsibilityService } from '../responsibilities/responsibility.service.js';

const unique = (): string => randomBytes(4).toString('hex');

/** An active minister of France with one active address; returned with its addresses in order. */
export async function aTarget(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<TargetCreateDto> = {},
): Promise<Target> {
  return rally.api.get(TargetService).create(authOf(owner), {
    kind: 'minister',
    name: `Minister ${unique()}`,
    title: 'Minister of Justice',
    body: 'Ministry of Justice',
    country: 'FR',
    language: 'fr',
    emails: [`minister-${unique()}@justice.example.gov`],
    ...overrides,
  });
}

export async function anAreaLookup(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<AreaLookupCreateDto> = {},
): Promise<AreaLookup> {
  return rally.api.get(AreaLookupService).create(authOf(owner), {
    country: 'FR',
    postcodePrefix: String(Math.floor(Math.random() * 90_000) + 10_000),
    regionCode: 'FR-ARA',
    ...overrides,
  });
}

/** Open-ended from 2026-01-01, for a new target unless `targetId` is given. */
export async function aResponsibility(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<ResponsibilityCreateDto> = {},
): Promise<Responsibility> {
  return rally.api.get(ResponsibilityService).create(authOf(owner), {
    targetId: overrides.targetId ?? (await aTarget(rally, owner)).id,
    country: 'FR',
    focusArea: 'migration',
    validFrom: '2026-01-01',
    ...overrides,
  });
}
