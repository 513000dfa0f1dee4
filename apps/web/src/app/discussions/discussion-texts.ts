import type { ConcernCategory } from '@stafett/domain';
import { findIdentifyingText } from '@stafett/domain';
import type { AgeBand, DiscussionSummary } from '@stafett/web-data-access';
import type { ValidatorFn } from '@angular/forms';
import type { MessageKey } from '../core/i18n/messages';

/** Message keys for the codes a discussion carries; the template literal types make a missing translation a compile error. */
export const categoryLabel = (category: ConcernCategory): MessageKey => `concern.category.${category}`;
export const discussionStatusLabel = (status: DiscussionSummary['status']): MessageKey => `discussion.status.${status}`;

/** "3–5 år" / "3–5 years". */
export function ageBandText(band: AgeBand, years: string): string {
  return `${band.replace('-', '–')} ${years}`;
}

/**
 * Free text of an anonymous discussion may not hold an identity number or a date (a birth date
 * identifies): the same check the server makes, so the user is told at the field before sending.
 */
export const noIdentifyingText: ValidatorFn = (control) => {
  const found = findIdentifyingText(String(control.value ?? ''));
  if (found.length === 0) return null;
  return Object.fromEntries(found.map((finding) => [finding === 'identity_number' ? 'identityNumber' : 'date', true]));
};

/** The messages for what `noIdentifyingText` finds. */
export const IDENTIFYING_TEXT_ERRORS: Record<string, MessageKey> = {
  identityNumber: 'newDiscussion.error.identityNumber',
  date: 'newDiscussion.error.date',
};

/** Required, and more than blanks. */
export const requiredText: ValidatorFn = (control) => (String(control.value ?? '').trim() ? null : { required: true });
