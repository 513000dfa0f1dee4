import type { ConcernCategory, ConcernDecision, ConcernStatus } from '@stafett/domain';
import type { MessageKey } from '../core/i18n/messages';

/** Message keys for the domain's codes; the template literal types make a missing translation a compile error. */
export const categoryLabel = (category: ConcernCategory): MessageKey => `concern.category.${category}`;
export const decisionLabel = (decision: ConcernDecision): MessageKey => `concern.decision.${decision}`;
export const decisionHint = (decision: ConcernDecision): MessageKey => `concern.decisionHint.${decision}`;
export const statusLabel = (status: ConcernStatus): MessageKey => `concern.status.${status}`;

/** Today's calendar date where the user is, `YYYY-MM-DD`: the latest date a form accepts for something that has happened. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
