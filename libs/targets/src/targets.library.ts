import type { RallyLibrary } from '#rally/core';
import { AreaLookup } from './entities/area-lookup.entity.js';
import { Responsibility } from './entities/responsibility.entity.js';
import { TargetEmail } from './entities/target-email.entity.js';
import { TargetImport, TargetImportChunk } from './entities/target-import.entity.js';
import { Target } from './entities/target.entity.js';
import { TARGET_JOBS } from './targets.jobs.js';
import { TARGET_AUDIT } from './targets.audit.js';
import { TARGET_PERMISSIONS } from './targets.permissions.js';

/** Who is lobbied: the directory, its CSV imports, the area lookup and effective-dated responsibilities. */
export const TARGETS_LIBRARY: RallyLibrary = {
  name: 'targets',
  entities: [Target, TargetEmail, AreaLookup, Responsibility, TargetImport, TargetImportChunk],
  jobs: TARGET_JOBS,
  permissions: TARGET_PERMISSIONS,
  audit: TARGET_AUDIT,
};
