import { ApiProperty } from '@nestjs/swagger';
import {
  EvidenceLinkResponse,
  RECOMMENDATION_SOURCES,
  type RecommendationSource,
  STUDY_FOCUS_AREAS,
  type StudyFocusArea,
  VERIFICATION_LEVELS,
  type VerificationLevel,
} from '#rally/recommendations';
import { HISTORY_EVENTS, type HistoryEvent } from '../entities/implementation-history.entity.js';
import { PROPOSAL_STATES, type ProposalState } from '../entities/implementation-proposal.entity.js';
import { IMPLEMENTATION_STATUSES, type ImplementationStatusValue } from '../implementation-state.js';

export class StatusStateResponse {
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatusValue', example: 'in-progress' })
  status: ImplementationStatusValue;
  @ApiProperty({ type: [EvidenceLinkResponse] }) evidence: EvidenceLinkResponse[];
  @ApiProperty({ example: 'The 2027 budget funds two pilots.' }) evidenceSummary: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-02-15' }) evidenceDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-03-01' }) lastVerified: string | null;
  @ApiProperty({ example: '' }) note: string;
}

export class ActorResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tokenId: string | null;
  @ApiProperty({ example: 'Amina Diallo', description: "The member's name, or the token's" }) name: string;
}

export class StatusRecommendationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MIG-1' }) code: string;
  @ApiProperty({ example: 'End immigration detention of children' }) title: string;
  @ApiProperty({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', nullable: true, example: 'migration' })
  focusArea: StudyFocusArea | null;
  @ApiProperty({ enum: RECOMMENDATION_SOURCES, enumName: 'RecommendationSource', example: 'study' })
  sourceKind: RecommendationSource;
  @ApiProperty({ enum: VERIFICATION_LEVELS, enumName: 'VerificationLevel', nullable: true, example: 'secondary' })
  verification: VerificationLevel | null;
  @ApiProperty({ example: true }) studyRecommends: boolean;
  @ApiProperty({ example: false }) withdrawn: boolean;
}

export class ResponsibleTargetResponse {
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: 'Ministry of the Interior' }) targetName: string;
  @ApiProperty({
    example: false,
    description: 'true: responsible for this recommendation itself; false: for its whole focus area',
  })
  forRecommendation: boolean;
}

export class ProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ format: 'uuid' }) recommendationId: string;
  @ApiProperty({ example: 'MIG-1' }) recommendationCode: string;
  @ApiProperty({ example: 3, description: 'The status version it was proposed against' }) baseVersion: number;
  @ApiProperty({ type: StatusStateResponse }) proposed: StatusStateResponse;
  @ApiProperty({ enum: PROPOSAL_STATES, enumName: 'ProposalState', example: 'pending' }) state: ProposalState;
  @ApiProperty({ type: ActorResponse }) proposedBy: ActorResponse;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ type: ActorResponse, nullable: true }) decidedBy: ActorResponse | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ example: 'Budget law adopted' }) comment: string;
}

/** One recommendation in one country: what the board shows per row. */
export class StatusResponse extends StatusStateResponse {
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ type: StatusRecommendationResponse }) recommendation: StatusRecommendationResponse;
  @ApiProperty({ example: 2, description: '0: never set (unknown)' }) version: number;
  @ApiProperty({
    example: false,
    description: 'Shown on the public scorecard (when it is on); status changes keep it, only publishing sets it',
  })
  published: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
  @ApiProperty({
    type: [ResponsibleTargetResponse],
    description:
      'Read from the responsibility table for the day asked (default today), not stored: it follows reshuffles',
  })
  responsible: ResponsibleTargetResponse[];
  @ApiProperty({ type: ProposalResponse, nullable: true }) pendingProposal: ProposalResponse | null;
}

export class HistoryEntryResponse {
  @ApiProperty({ example: '41' }) seq: string;
  @ApiProperty({ enum: HISTORY_EVENTS, enumName: 'ImplementationHistoryEvent', example: 'changed' })
  event: HistoryEvent;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposalId: string | null;
  @ApiProperty({ type: StatusStateResponse, nullable: true, description: 'null: no status before' })
  before: StatusStateResponse | null;
  @ApiProperty({ type: StatusStateResponse, description: 'What was set, proposed, approved or rejected' })
  after: StatusStateResponse;
  @ApiProperty({ type: ActorResponse }) actor: ActorResponse;
  @ApiProperty({ example: '' }) comment: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class StatusDetailResponse extends StatusResponse {
  @ApiProperty({ type: [HistoryEntryResponse], description: 'Every event, oldest first' })
  history: HistoryEntryResponse[];
}

export class StatusChangeResponse {
  @ApiProperty({ example: true, description: 'false: recorded as a proposal waiting for a second member' })
  applied: boolean;
  @ApiProperty({ type: StatusResponse }) current: StatusResponse;
  @ApiProperty({ type: ProposalResponse, nullable: true }) proposal: ProposalResponse | null;
}

export class ImplementationSettingsResponse {
  @ApiProperty({ example: false }) secondReviewer: boolean;
}

/** How many recommendations of one focus area stand at one status in a country. */
export class StatusCountResponse {
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatusValue', example: 'in-progress' })
  status: ImplementationStatusValue;
  @ApiProperty({ example: 2 }) count: number;
}

export class FocusAreaSummaryResponse {
  @ApiProperty({
    enum: ['overarching', ...STUDY_FOCUS_AREAS],
    example: 'migration',
    description: "A Study focus area, or 'overarching' for recommendations with none",
  })
  focusArea: StudyFocusArea | 'overarching';
  @ApiProperty({ example: 5 }) total: number;
  @ApiProperty({ type: [StatusCountResponse], description: 'Every status, in the order of the scale, zeros included' })
  counts: StatusCountResponse[];
}

/** The board at a glance: focus areas by status, for one country. */
export class StatusSummaryResponse {
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ type: [FocusAreaSummaryResponse] }) areas: FocusAreaSummaryResponse[];
}
