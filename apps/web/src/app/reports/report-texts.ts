import type { ReportResponse } from '@stafett/web-data-access';
import type { MessageKey } from '../core/i18n/messages';

/** Where child welfare's handling of a report stands. */
export function reportStatusLabel(report: Pick<ReportResponse, 'reviewedAt' | 'receiptConfirmedAt'>): MessageKey {
  if (report.receiptConfirmedAt) return 'report.status.receiptConfirmed';
  return report.reviewedAt ? 'report.status.reviewed' : 'report.status.received';
}

/** The data-status a report carries for tests and styling: received, reviewed or receipt_confirmed. */
export function reportStatus(report: Pick<ReportResponse, 'reviewedAt' | 'receiptConfirmedAt'>): string {
  if (report.receiptConfirmedAt) return 'receipt_confirmed';
  return report.reviewedAt ? 'reviewed' : 'received';
}
