import type { Relation } from 'typeorm';
import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StudyFocusArea } from '../focus-areas.js';
import { TargetEmail } from './target-email.entity.js';

/** Stored as text: adding a kind is safe, renaming one is a migration. */
export const TARGET_KINDS = ['ministry', 'minister', 'parliamentarian', 'focal-point', 'nhri', 'other'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Who an organisation lobbies: a ministry, a minister, a parliamentarian, a focal point, an NHRI. */
@Entity('targets')
@Index('targets_org_name_idx', ['organisationId', 'name'])
@Index('targets_org_external_uq', ['organisationId', 'externalId'], {
  unique: true,
  where: 'external_id IS NOT NULL',
})
export class Target {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: TargetKind;

  /** The person or office as letters address it: "Jane Doe", "Ministry of Justice". */
  @Column({ type: 'text' })
  name: string;

  /** Title or role: "Minister of Justice", "Member for Lyon 3". */
  @Column({ type: 'text', default: '' })
  title: string;

  /** The ministry or body the target belongs to. */
  @Column({ type: 'text', default: '' })
  body: string;

  /** How a letter opens: "Dear Minister". Empty: the letter's own greeting. */
  @Column({ type: 'text', default: '' })
  salutation: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text' })
  country: string;

  /** Region and constituency codes the target answers for (routing by the supporter's region matches these). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  regionCodes: string[];

  /** The language letters to this target are written in (the action's variant for it, else the action's own). */
  @Column({ type: 'text' })
  language: string;

  /** IANA zone of the sending window; null: the main zone of the target's country. */
  @Column({ type: 'text', nullable: true })
  timeZone: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  focusAreas: StudyFocusArea[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  /** The organisation's own id for the target (a parliament's member id...): imports match on it first. */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text', default: '' })
  notes: string;

  /** Inactive targets stay in history (letters, responsibilities) but are never routed to. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @OneToMany(() => TargetEmail, (e) => e.target)
  emails?: Relation<TargetEmail[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
