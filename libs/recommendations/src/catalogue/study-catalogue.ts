import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { StudyFocusArea } from '../focus-areas.js';
import { STUDY_FILE_FOCUS_AREAS } from '../focus-areas.js';
import type { EvidenceLink, VerificationLevel } from '../entities/recommendation.entity.js';
import { VERIFICATION_LEVELS } from '../entities/recommendation.entity.js';

export const STUDY_CATALOGUE_NAME = 'global-study';

export interface StudyItem {
  code: string;
  focusArea: StudyFocusArea | null;
  title: string;
  summary: string;
  sourceReference: string;
  verification: VerificationLevel;
  evidence: EvidenceLink[];
}

/** The Study's catalogue as Rally stores it: version, legend and items, checked once when read. */
export interface StudyCatalogue {
  version: string;
  contentHash: string;
  source: { title: string; document: string; year: number; url: string };
  legend: Record<VerificationLevel, string>;
  items: StudyItem[];
}

export class StudyCatalogueInvalidError extends Error {
  constructor(problems: string[]) {
    super(`The Study catalogue file is invalid: ${problems.join('; ')}`);
  }
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Parses and checks the file; a broken file refuses to boot rather than half-loading the catalogue. */
export function parseStudyCatalogue(raw: string): StudyCatalogue {
  const file = JSON.parse(raw) as Record<string, unknown>;
  const problems: string[] = [];
  if (!text(file.schemaVersion) || !/^\d+(\.\d+)*$/.test(file.schemaVersion))
    problems.push('schemaVersion must be dotted numbers such as 1.0');
  const legend = (file.verificationLegend ?? {}) as Record<string, unknown>;
  for (const level of VERIFICATION_LEVELS)
    if (!text(legend[level])) problems.push(`verificationLegend.${level} is missing`);
  const source = (file.source ?? {}) as StudyCatalogue['source'];
  const rows = Array.isArray(file.recommendations) ? (file.recommendations as Record<string, unknown>[]) : [];
  if (rows.length === 0) problems.push('recommendations is empty');
  const seen = new Set<string>();
  const items = rows.map((r, i): StudyItem => {
    const at = `recommendations.${i}`;
    if (!text(r.code) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(r.code)) problems.push(`${at}.code is not a code`);
    else if (seen.has(r.code)) problems.push(`${at}.code ${r.code} is given twice`);
    else seen.add(r.code);
    const area = r.focusArea === null ? null : STUDY_FILE_FOCUS_AREAS[String(r.focusArea)];
    if (area === undefined) problems.push(`${at}.focusArea ${String(r.focusArea)} is not a Study focus area`);
    if (!text(r.title)) problems.push(`${at}.title is missing`);
    if (!VERIFICATION_LEVELS.includes(r.verification as VerificationLevel))
      problems.push(`${at}.verification must be one of ${VERIFICATION_LEVELS.join(', ')}`);
    const evidence = Array.isArray(r.evidence) ? (r.evidence as Record<string, unknown>[]) : [];
    evidence.forEach((e, j) => {
      if (!text(e.url) || !/^https?:\/\//.test(e.url)) problems.push(`${at}.evidence.${j}.url is not a web address`);
    });
    return {
      code: String(r.code),
      focusArea: area ?? null,
      title: String(r.title ?? '').trim(),
      summary: String(r.summary ?? '').trim(),
      sourceReference: String(r.sourceRef ?? '').trim(),
      verification: r.verification as VerificationLevel,
      evidence: evidence.map((e) => ({ url: String(e.url), supports: String(e.supports ?? '') })),
    };
  });
  if (problems.length > 0) throw new StudyCatalogueInvalidError(problems);
  return {
    version: file.schemaVersion as string,
    contentHash: createHash('sha256').update(raw).digest('hex'),
    source: { title: source.title, document: source.document, year: source.year, url: source.url },
    legend: Object.fromEntries(VERIFICATION_LEVELS.map((l) => [l, String(legend[l])])) as StudyCatalogue['legend'],
    items,
  };
}

/** Compares dotted versions numerically ("1.10" is after "1.9"): negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The file shipped with this build (copied beside the compiled code by scripts/copy-assets.mjs). */
export const SHIPPED_STUDY_CATALOGUE_FILE = new URL('./global-study.json', import.meta.url);

let shipped: StudyCatalogue | undefined;
export const shippedStudyCatalogue = (): StudyCatalogue =>
  (shipped ??= parseStudyCatalogue(readFileSync(SHIPPED_STUDY_CATALOGUE_FILE, 'utf8')));
