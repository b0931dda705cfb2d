import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LetterAction } from './letter-action.entity.js';

/**
 * One language's letter: several subject lines (one drawn at random per letter, so a ministry's inbox does not
 * see a thousand identical subjects) and a body, both campaigner-written Handlebars checked at save.
 */
@Entity('letter_templates')
@Index('letter_templates_action_language_uq', ['actionId', 'language'], { unique: true })
export class LetterTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  actionId: string;

  @ManyToOne(() => LetterAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: LetterAction;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'text', array: true })
  subjects: string[];

  @Column({ type: 'text' })
  body: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
