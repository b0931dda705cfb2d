import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InboundMessage } from '#rally/inbound';
import { Letter } from '#rally/letters';
import { Recommendation } from '#rally/recommendations';
import { TargetResponse } from './target-response.entity.js';

/** A recommendation the response speaks to (the Study's or the organisation's own); a cited one cannot be deleted. */
@Entity('response_recommendations')
@Index('response_recommendations_rec_idx', ['recommendationId'])
export class ResponseRecommendation {
  @PrimaryColumn({ type: 'uuid' })
  responseId: string;

  @PrimaryColumn({ type: 'uuid' })
  recommendationId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => TargetResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: TargetResponse;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Recommendation;
}

/** A letter the response answers: the scoreboard measures from its delivery. */
@Entity('response_letters')
@Index('response_letters_letter_idx', ['letterId'])
export class ResponseLetter {
  @PrimaryColumn({ type: 'uuid' })
  responseId: string;

  @PrimaryColumn({ type: 'uuid' })
  letterId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => TargetResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: TargetResponse;

  @ManyToOne(() => Letter, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'letter_id' })
  letter?: Letter;
}

/** A captured reply (inbound message) the response rests on. */
@Entity('response_messages')
@Index('response_messages_message_idx', ['messageId'])
export class ResponseMessage {
  @PrimaryColumn({ type: 'uuid' })
  responseId: string;

  @PrimaryColumn({ type: 'uuid' })
  messageId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => TargetResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: TargetResponse;

  @ManyToOne(() => InboundMessage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'message_id' })
  message?: InboundMessage;
}
