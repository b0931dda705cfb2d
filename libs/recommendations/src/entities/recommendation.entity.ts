import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StudyFocusArea } from '../focus-areas.js';

/** Stored as text: add, never rename. */
export const RECOMMENDATION_SOURCES = ['study', 'organisation'] as const;
export type RecommendationSource = (typeof RECOMMENDATION_SOURCES)[number];

/** How far a Study item was checked against the Study's own text; the file's legend explains each. */
export const VERIFICATION_LEVELS = ['primary', 'secondary', 'partial', 'unverified'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export interface EvidenceLink {
  url: string;
  /** What the page supports: "heading 'Reduce the number of children in detention'". */
  supports: string;
}

/**
 * One recommendation: the Study's (installation-wide, organisation_id null, kept up to date from the shipped file)
 * or an organisation's own (concluding observations, UPR). Later features link to it by id or by code; both stay
 * when the catalogue changes, so an item is withdrawn, never deleted.
 */
@Entity('recommendations')
// The Study's rows and only those are installation-wide and carry a verification level.
@Check(
  'recommendations_source_ck',
  `(source_kind = 'study') = (organization_id IS NULL) AND (source_kind = 'study') = (verification IS NOT NULL)`,
)
@Index('recommendations_study_code_uq', ['code'], { unique: true, where: 'organization_id IS NULL' })
@Index('recommendations_org_code_uq', ['organisationId', 'code'], {
  unique: true,
  where: 'organization_id IS NOT NULL',
})
export class Recommendation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null: the Study's, visible to every organisation. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'text' })
  sourceKind: RecommendationSource;

  /** "GEN-1", "MIG-4" (the Study's), or the organisation's own ("CRC-2024-31"). */
  @Column({ type: 'text' })
  code: string;

  /** Null: overarching, across every focus area. */
  @Column({ type: 'text', nullable: true })
  focusArea: StudyFocusArea | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  /** Where in the source: "A/74/136 para. 112", "CRC/C/FRA/CO/6-7 para. 31". */
  @Column({ type: 'text', default: '' })
  sourceReference: string;

  /** The organisation's own source ("CRC concluding observations 2024"); null for the Study's rows. */
  @Column({ type: 'text', nullable: true })
  sourceLabel: string | null;

  /** The Study's rows only; null for an organisation's own (not applicable). */
  @Column({ type: 'text', nullable: true })
  verification: VerificationLevel | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence: EvidenceLink[];

  /** Kept for the links that point to it: a Study item dropped from a newer file, or an own item set aside. */
  @Column({ type: 'boolean', default: false })
  withdrawn: boolean;

  /** The catalogue version that last wrote a Study row; null for an organisation's own. */
  @Column({ type: 'text', nullable: true })
  catalogueVersion: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
