import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Supporter } from '#rally/supporters';

/** What a supporter chose on their preferences page: the language of their mail, campaigns they no longer want. */
@Entity('mailing_preferences')
export class MailingPreference {
  @PrimaryColumn({ type: 'uuid' })
  supporterId: string;

  @ManyToOne(() => Supporter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supporter_id' })
  supporter?: Supporter;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** Null: the language of their last action. */
  @Column({ type: 'text', nullable: true })
  language: string | null;

  /** Campaigns whose mailings they left; organisation-wide mailings still reach them. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mutedCampaignIds: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
