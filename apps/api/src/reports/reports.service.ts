import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { memberUnitsOf, reportDeadlines } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { Keyset, Page, PageQuery, SortKey } from '../http/paging';
import { childReadScope } from '../children/child-scope';
import { concernScope } from '../concerns/concern-scope';
import { ActingTransactions } from '../database/acting-transactions';
import { today } from '../database/today';
import { assertVersion } from '../http/if-match';
import { fieldError } from '../problem/validation';
import { CreateReportDto, ReportResponseDto } from './dto/report.dto';
import { isChildWelfareStaff, reportBasis, reportReadScope } from './report-scope';

/** Urgent first, then the nearest review deadline, oldest first. */
const REPORT_ORDER: SortKey[] = [
  { sql: 'r.urgent', type: 'boolean', desc: true },
  { sql: 'r.review_due_on', type: 'date' },
  { sql: 'r.created_at', type: 'timestamptz' },
  { sql: 'r.id', type: 'uuid' },
];

const COLUMNS = `
  SELECT r.id, r.reporter_user_id AS "reporterUserId", ru.display_name AS "reporterDisplayName", un.name AS "reporterUnitName",
         json_build_object('id', ch.id, 'givenName', ch.given_name, 'familyName', ch.family_name, 'birthDate', to_char(ch.birth_date, 'YYYY-MM-DD')) AS child,
         r.concern_id AS "concernId", r.content, r.urgent, to_char(r.submitted_on, 'YYYY-MM-DD') AS "submittedOn",
         to_char(r.review_due_on, 'YYYY-MM-DD') AS "reviewDueOn", to_char(r.receipt_due_on, 'YYYY-MM-DD') AS "receiptDueOn",
         r.reviewed_at AS "reviewedAt", r.receipt_confirmed_at AS "receiptConfirmedAt",
         (r.reviewed_at IS NULL AND r.review_due_on < current_date) AS "reviewOverdue",
         (r.receipt_confirmed_at IS NULL AND r.receipt_due_on < current_date) AS "receiptOverdue", r.version`;

const FROM = `
    FROM child_welfare_report r
    JOIN app_user ru ON ru.id = r.reporter_user_id AND ru.municipality_id = r.municipality_id
    JOIN unit un ON un.id = r.reporter_unit_id AND un.municipality_id = r.municipality_id
    JOIN child ch ON ch.id = r.child_id AND ch.municipality_id = r.municipality_id`;

const SELECT = `${COLUMNS}${FROM}`;

/** The select of a list, with the sort columns its pages need. */
const selectWith = (extra: string) => `${COLUMNS}${extra}${FROM}`;

type ReportRow = ReportResponseDto & { reporterUserId: string };

/**
 * Reports to child welfare (opplysningsplikt): any staff member files one, without consent; it
 * reaches the municipality's child welfare service and nobody else but the reporter and the
 * reporter's leaders. Child welfare's one-week review and three-week receipt are tracked.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  file(ctx: RequestContext, input: CreateReportDto): Promise<ReportResponseDto> {
    const memberOf = memberUnitsOf(ctx.principal);
    if (!memberOf.includes(input.reporterUnitId)) throw fieldError('reporterUnitId', 'reporterUnitId must be a unit you work in');
    return this.tx.run(ctx, async (em) => {
      const childId = input.concernId
        ? await this.childOfConcern(em, ctx, input.concernId, input.childId)
        : await this.visibleChild(em, ctx, input.childId as string);
      const submittedOn = await today(em);
      const due = reportDeadlines(submittedOn);
      const [created]: Array<{ id: string }> = await em.query(
        `INSERT INTO child_welfare_report (municipality_id, child_id, reporter_user_id, reporter_unit_id, concern_id, content, urgent, submitted_on, review_due_on, receipt_due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          ctx.principal.municipalityId,
          childId,
          ctx.principal.userId,
          input.reporterUnitId,
          input.concernId ?? null,
          input.content,
          input.urgent ?? false,
          submittedOn,
          due.reviewDueOn,
          due.receiptDueOn,
        ],
      );
      await this.record(em, ctx, 'create', created.id, childId, 'ownership');
      return this.load(em, ctx, created.id);
    });
  }

  /** The reports the caller may see, a page at a time: urgent first, then by review deadline. */
  list(ctx: RequestContext, query: PageQuery, awaitingReview = false): Promise<Page<ReportResponseDto>> {
    return this.tx.run(ctx, async (em) => {
      const scope = reportReadScope(ctx.principal, 1);
      const keyset = new Keyset(REPORT_ORDER, query, scope.params.length + 1);
      const rows: ReportRow[] = await em.query(
        `${selectWith(keyset.select)} WHERE ${scope.sql} ${awaitingReview ? 'AND r.reviewed_at IS NULL' : ''} AND ${keyset.where} ${keyset.orderBy}`,
        [...scope.params, ...keyset.params],
      );
      const page = keyset.page(rows);
      for (const row of page.items)
        await this.record(em, ctx, 'read', row.id, row.child.id, reportBasis(ctx.principal, row.reporterUserId));
      return { items: page.items.map(toResponse), next: page.next };
    });
  }

  get(ctx: RequestContext, id: string): Promise<ReportResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const row = await this.load(em, ctx, id, true);
      return row;
    });
  }

  /** Child welfare marks the report reviewed (due within a week) or confirms receipt (within three weeks). */
  mark(ctx: RequestContext, id: string, what: 'reviewed' | 'receipt_confirmed', ifMatch: number): Promise<ReportResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const scope = reportReadScope(ctx.principal, 2);
      // Only child welfare may lock a report for update (row-level security too): others who read it are refused.
      if (!isChildWelfareStaff(ctx.principal)) {
        const [visible] = await em.query(`SELECT 1 FROM child_welfare_report r WHERE r.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
        if (visible) throw new ForbiddenException('Only child welfare handles a report');
        throw new NotFoundException();
      }
      const [row]: ReportRow[] = await em.query(`${SELECT} WHERE r.id = $1 AND ${scope.sql} FOR UPDATE OF r`, [id, ...scope.params]);
      if (!row) throw new NotFoundException();
      assertVersion(row.version, ifMatch, 'report');
      const column = what === 'reviewed' ? 'reviewed_at' : 'receipt_confirmed_at';
      if ((what === 'reviewed' ? row.reviewedAt : row.receiptConfirmedAt) !== null)
        throw new ConflictException(`The report is already marked ${what.replace('_', ' ')}`);
      await em.query(
        `UPDATE child_welfare_report SET ${column} = now(), version = version + 1${what === 'reviewed' ? ', reviewed_by_user_id = $2' : ''} WHERE id = $1`,
        what === 'reviewed' ? [id, ctx.principal.userId] : [id],
      );
      await this.record(em, ctx, what === 'reviewed' ? 'review' : 'confirm_receipt', id, row.child.id, 'report');
      return this.load(em, ctx, id);
    });
  }

  private async load(em: EntityManager, ctx: RequestContext, id: string, audit = false): Promise<ReportResponseDto> {
    const scope = reportReadScope(ctx.principal, 2);
    const [row]: ReportRow[] = await em.query(`${SELECT} WHERE r.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
    if (!row) throw new NotFoundException();
    if (audit) await this.record(em, ctx, 'read', row.id, row.child.id, reportBasis(ctx.principal, row.reporterUserId));
    return toResponse(row);
  }

  /** A report may name any child the reporter may see (a nurse reports about a pupil on her list, say). */
  private async visibleChild(em: EntityManager, ctx: RequestContext, childId: string): Promise<string> {
    const scope = childReadScope(ctx.principal, 2);
    const [row] = await em.query(`SELECT c.id FROM child c WHERE c.id = $1 AND ${scope.sql}`, [childId, ...scope.params]);
    if (!row) throw fieldError('childId', 'childId must be a child you may see');
    return childId;
  }

  private async childOfConcern(em: EntityManager, ctx: RequestContext, concernId: string, childId: string | undefined): Promise<string> {
    const scope = concernScope(ctx.principal, 'update', 2);
    const [row] = await em.query(`SELECT c.child_id FROM concern c WHERE c.id = $1 AND ${scope.sql}`, [concernId, ...scope.params]);
    if (!row) throw fieldError('concernId', 'concernId must be a concern you work on');
    if (childId && childId !== row.child_id) throw fieldError('childId', 'childId must be the child of the concern');
    return row.child_id;
  }

  private record(em: EntityManager, ctx: RequestContext, action: string, reportId: string, childId: string, basis: string): Promise<void> {
    return this.audit.recordFor(em, ctx, {
      subjectChildId: childId,
      action,
      recordType: 'child_welfare_report',
      recordId: reportId,
      category: 'child_welfare',
      basis,
    });
  }
}

/** The reporter's user id stays on the server; the name and unit are what readers need. */
function toResponse(row: ReportRow): ReportResponseDto {
  return {
    id: row.id,
    child: row.child,
    reporterDisplayName: row.reporterDisplayName,
    reporterUnitName: row.reporterUnitName,
    concernId: row.concernId,
    content: row.content,
    urgent: row.urgent,
    submittedOn: row.submittedOn,
    reviewDueOn: row.reviewDueOn,
    receiptDueOn: row.receiptDueOn,
    reviewedAt: row.reviewedAt,
    receiptConfirmedAt: row.receiptConfirmedAt,
    reviewOverdue: row.reviewOverdue,
    receiptOverdue: row.receiptOverdue,
    version: row.version,
  };
}
