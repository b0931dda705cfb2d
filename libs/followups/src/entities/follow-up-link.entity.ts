import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Recommendation } from '#rally/recommendations';
import { TargetResponse } from '#rally/responses';
import { Target } from '#rally/targets';
import { FollowUp } from './follow-up.entity.js';

/** A recommendation the follow-up serves (cited by code, stored by id); a cited one cannot be deleted, only withdrawn. */
@Entity('follow_up_recommendations')
@Index('follow_up_recommendations_rec_idx', ['recommendationId'])
export class FollowUpRecommendation {
  @PrimaryColumn({ type: 'uuid' })
  followUpId: string;

  @PrimaryColumn({ type: 'uuid' })
  recommendationId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => FollowUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follow_up_id' })
  followUp?: FollowUp;

  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Recommendation;
}

/** A target the follow-up is about; deleting the target (allowed only when no letter went to it) drops the link. */
@Entity('follow_up_targets')
@Index('follow_up_targets_target_idx', ['targetId'])
export class FollowUpTarget {
  @PrimaryColumn({ type: 'uuid' })
  followUpId: string;

  @PrimaryColumn({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => FollowUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follow_up_id' })
  followUp?: FollowUp;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;
}

/** A response the follow-up answers; a response deleted from the log drops the link, the follow-up stays. */
@Entity('follow_up_responses')
@Index('follow_up_responses_response_idx', ['responseId'])
export class FollowUpResponse {
  @PrimaryColumn({ type: 'uuid' })
  followUpId: string;

  @PrimaryColumn({ type: 'uuid' })
  responseId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => FollowUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follow_up_id' })
  followUp?: FollowUp;

  @ManyToOne(() => TargetResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: TargetResponse;
}
