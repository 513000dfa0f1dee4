import { addDays } from './concern';

/** Child welfare reviews a report within one week (barnevernsloven § 2-1). */
export const REPORT_REVIEW_DAYS = 7;
/** … and confirms receipt to a public reporter within three weeks. */
export const REPORT_RECEIPT_DAYS = 21;

export function reportDeadlines(submittedOn: string): { reviewDueOn: string; receiptDueOn: string } {
  return { reviewDueOn: addDays(submittedOn, REPORT_REVIEW_DAYS), receiptDueOn: addDays(submittedOn, REPORT_RECEIPT_DAYS) };
}
