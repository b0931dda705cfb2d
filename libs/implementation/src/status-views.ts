import type { Recommendation } from '#rally/recommendations';
import { studyRecommends } from '#rally/recommendations';
import type {
  ActorResponse,
  HistoryEntryResponse,
  ProposalResponse,
  StatusResponse,
  StatusStateResponse,
} from './dto/implementation-response.dto.js';
import type { ImplementationHistory } from './entities/implementation-history.entity.js';
import type { ImplementationProposal } from './entities/implementation-proposal.entity.js';
import type { ImplementationStatus } from './entities/implementation-status.entity.js';
import type { StatusState } from './implementation-state.js';
import { UNKNOWN_STATE } from './implementation-state.js';
import type { ResponsibleTarget } from './responsible-targets.js';

/** Names of the members and tokens that acted, read once per response. */
export type ActorNames = { users: Map<string, string>; tokens: Map<string, string> };

export const stateOf = (s: ImplementationStatus | null | undefined): StatusState =>
  s
    ? {
        status: s.status,
        evidence: s.evidence,
        evidenceSummary: s.evidenceSummary,
        evidenceDate: s.evidenceDate,
        lastVerified: s.lastVerified,
        note: s.note,
      }
    : UNKNOWN_STATE;

export const toStateResponse = (s: StatusState): StatusStateResponse => ({
  status: s.status,
  evidence: s.evidence.map((e) => ({ url: e.url, supports: e.supports })),
  evidenceSummary: s.evidenceSummary,
  evidenceDate: s.evidenceDate,
  lastVerified: s.lastVerified,
  note: s.note,
});

export const toActorResponse = (userId: string | null, tokenId: string | null, names: ActorNames): ActorResponse => ({
  userId,
  tokenId,
  // A token names itself; a member is named; a member who left keeps the id and an empty name.
  name: (tokenId ? names.tokens.get(tokenId) : userId ? names.users.get(userId) : undefined) ?? '',
});

export const toProposalResponse = (p: ImplementationProposal, code: string, names: ActorNames): ProposalResponse => ({
  id: p.id,
  country: p.country,
  recommendationId: p.recommendationId,
  recommendationCode: code,
  baseVersion: p.baseVersion,
  proposed: toStateResponse(p.proposed),
  state: p.state,
  proposedBy: toActorResponse(p.proposedByUserId, p.proposedByTokenId, names),
  proposedAt: p.proposedAt.toISOString(),
  decidedBy:
    p.decidedByUserId || p.decidedByTokenId ? toActorResponse(p.decidedByUserId, p.decidedByTokenId, names) : null,
  decidedAt: p.decidedAt?.toISOString() ?? null,
  comment: p.comment,
});

export const toStatusResponse = (
  recommendation: Recommendation,
  country: string,
  status: ImplementationStatus | undefined,
  responsible: ResponsibleTarget[],
  pending: ImplementationProposal | undefined,
  names: ActorNames,
): StatusResponse => ({
  ...toStateResponse(stateOf(status)),
  country,
  recommendation: {
    id: recommendation.id,
    code: recommendation.code,
    title: recommendation.title,
    focusArea: recommendation.focusArea,
    sourceKind: recommendation.sourceKind,
    verification: recommendation.verification,
    studyRecommends: studyRecommends(recommendation),
    withdrawn: recommendation.withdrawn,
  },
  version: status?.version ?? 0,
  published: status?.published ?? false,
  updatedAt: status?.updatedAt.toISOString() ?? null,
  responsible,
  pendingProposal: pending ? toProposalResponse(pending, recommendation.code, names) : null,
});

export const toHistoryResponse = (h: ImplementationHistory, names: ActorNames): HistoryEntryResponse => ({
  seq: h.seq,
  event: h.event,
  proposalId: h.proposalId,
  before: h.before ? toStateResponse(h.before) : null,
  after: toStateResponse(h.after),
  actor: toActorResponse(h.actorUserId, h.actorTokenId, names),
  comment: h.comment,
  at: h.at.toISOString(),
});
