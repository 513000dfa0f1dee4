import { memberUnitsOf } from '@stafett/domain';
import type { Principal } from '@stafett/domain';
import type { DiscussionAdviceDto, DiscussionResponseDto, DiscussionSummaryDto, DiscussionUnitDto } from './dto/discussion.dto';

/** A discussion as read from the database; never sent as is. */
export interface DiscussionRow {
  id: string;
  authorUserId: string;
  authorUnitId: string;
  authorUnitName: string;
  authorDisplayName: string;
  linkedConcernId: string | null;
  invitedUnitIds: string[];
  topic: string;
  description: string;
  ageBand: DiscussionSummaryDto['ageBand'];
  categories: DiscussionSummaryDto['categories'];
  identifiabilityWarning: boolean;
  status: 'open' | 'closed';
  adviceCount: number;
  createdAt: Date;
  version: number;
}

export function toDiscussionSummary(principal: Principal, row: DiscussionRow): DiscussionSummaryDto {
  return {
    id: row.id,
    topic: row.topic,
    authorDisplayName: row.authorDisplayName,
    authorUnitName: row.authorUnitName,
    isAuthor: row.authorUserId === principal.userId,
    ageBand: row.ageBand,
    categories: row.categories,
    identifiabilityWarning: row.identifiabilityWarning,
    status: row.status,
    adviceCount: row.adviceCount,
    createdAt: row.createdAt,
  };
}

/**
 * Field-level hiding: the link to the author's own concern (and through it to a child) is given
 * only to staff of the author's unit; invited advisers get null, whatever else they may see.
 */
export function toDiscussionResponse(
  principal: Principal,
  row: DiscussionRow,
  details: { invitedUnits: DiscussionUnitDto[]; advice: DiscussionAdviceDto[]; estimatedMatchingChildren?: number },
): DiscussionResponseDto {
  return {
    ...toDiscussionSummary(principal, row),
    description: row.description,
    invitedUnits: details.invitedUnits,
    advice: details.advice,
    linkedConcernId: memberUnitsOf(principal).includes(row.authorUnitId) ? row.linkedConcernId : null,
    estimatedMatchingChildren: details.estimatedMatchingChildren ?? null,
    version: row.version,
  };
}
