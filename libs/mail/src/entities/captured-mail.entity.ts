import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A message kept instead of sent, when no SMTP_URL is configured; shown on the local mailbox page. */
@Entity('captured_mail')
@Index('captured_mail_created_idx', ['createdAt'])
export class CapturedMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  sender: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  raw: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
