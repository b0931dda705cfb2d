import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to an inbound message: served only as a download, under a cleaned name. */
@Entity('inbound_attachments')
@Index('inbound_attachments_message_idx', ['messageId'])
export class InboundAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  messageId: string;

  /** No path, no control or bidirectional characters; never trusted as given. */
  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  /** For `cid:` images in the HTML, which Rally serves itself. */
  @Column({ type: 'text', nullable: true })
  contentId: string | null;

  @Column({ type: 'bytea' })
  data: Buffer;
}
