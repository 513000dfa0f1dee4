import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { estimatedMatchingChildren, identifiabilityWarning, subject } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { Keyset, Page, PageQuery, SortKey } from '../http/paging';
import { concernScope } from '../concerns/concern-scope';
import { ActingTransactions } from '../database/acting-transactions';
import { assertVersion } from '../http/if-match';
import { RequestValidationException } from '../problem/validation';
import { DiscussionAccess, discussionAccess, discussionScope } from './discussion-scope';
import { DiscussionRow, toDiscussionResponse, toDiscussionSummary } from './discussion.mapper';
import {
  CreateDiscussionDto,
  DiscussionAdviceDto,
  DiscussionAdviceInputDto,
  DiscussionResponseDto,
  DiscussionSummaryDto,
  DiscussionUnitDto,
} from './dto/discussion.dto';

/** Open first, newest first. */
const DISCUSSION_ORDER: SortKey[] = [
  { sql: 'd.status', type: 'text', desc: true },
  { sql: 'd.created_at', type: 'timestamptz', desc: true },
  { sql: 'd.id', type: 'uuid', desc: true },
];

const COLUMNS = `
  SELECT d.id, d.author_user_id AS "authorUserId", d.author_unit_id AS "authorUnitId", u.name AS "authorUnitName",
         a.display_name AS "authorDisplayName", d.linked_concern_id AS "linkedConcernId",
         ARRAY(SELECT i.unit_id::text FROM discussion_invitation i WHERE i.municipality_id = d.municipality_id AND i.discussion_id = d.id) AS "invitedUnitIds",
         d.topic, d.description, d.age_band AS "ageBand", d.categories, d.identifiability_warning AS "identifiabilityWarning", d.status,
         (SELECT count(*)::int FROM discussion_advice x WHERE x.municipality_id = d.municipality_id AND x.discussion_id = d.id) AS "adviceCount",
         d.created_at AS "createdAt", d.version`;

const FROM = `
    FROM anonymous_discussion d
    JOIN unit u ON u.id = d.author_unit_id AND u.municipality_id = d.municipality_id
    JOIN app_user a ON a.id = d.author_user_id AND a.municipality_id = d.municipality_id`;

const SELECT = `${COLUMNS}${FROM}`;

/** The select of a list, with the sort columns its pages need. */
const selectWith = (extra: string) => `${COLUMNS}${extra}${FROM}`;

type FieldError = { field: string; messages: string[] };

/**
 * Anonymous discussion: staff describe a worry without identifying the child and ask units of other
 * services for advice. Nothing identifying is stored, and nothing links the discussion to a child
 * for anyone outside the author's unit.
 */
@Injectable()
export class DiscussionsService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  create(ctx: RequestContext, input: CreateDiscussionDto): Promise<DiscussionResponseDto> {
    const { principal } = ctx;
    return this.tx.run(ctx, async (em) => {
      const errors: FieldError[] = [];
      const facts = {
        municipalityId: principal.municipalityId,
        authorUserId: principal.userId,
        authorUnitId: input.authorUnitId,
        invitedUnitIds: input.invitedUnitIds,
      };
      if (!ctx.ability.can('create', subject('AnonymousDiscussion', facts)))
        errors.push({ field: 'authorUnitId', messages: ['authorUnitId must be a unit you work in'] });
      const invitable: Array<{ id: string }> = await em.query(
        `SELECT u.id FROM unit u
          WHERE u.municipality_id = $1 AND u.id = ANY($2::uuid[])
            AND u.service_id IS DISTINCT FROM (SELECT a.service_id FROM unit a WHERE a.municipality_id = $1 AND a.id = $3)`,
        [principal.municipalityId, input.invitedUnitIds, input.authorUnitId],
      );
      if (invitable.length !== input.invitedUnitIds.length)
        errors.push({
          field: 'invitedUnitIds',
          messages: ['invitedUnitIds must be units of your municipality in other services than your unit’s'],
        });
      if (input.linkedConcernId) {
        const scope = concernScope(principal, 'update', 3);
        const [concern] = await em.query(`SELECT 1 FROM concern c WHERE c.id = $1 AND c.unit_id = $2 AND ${scope.sql}`, [
          input.linkedConcernId,
          input.authorUnitId,
          ...scope.params,
        ]);
        if (!concern)
          errors.push({ field: 'linkedConcernId', messages: ['linkedConcernId must be a concern of your unit that you work on'] });
      }
      if (errors.length > 0) throw new RequestValidationException(errors);

      const [{ enrolled }]: Array<{ enrolled: number }> = await em.query(
        `SELECT count(DISTINCT e.child_id)::int AS enrolled FROM enrolment e
          WHERE e.municipality_id = $1 AND e.unit_id = $2 AND e.valid_from <= current_date AND (e.valid_to IS NULL OR e.valid_to >= current_date)`,
        [principal.municipalityId, input.authorUnitId],
      );
      const details = {
        unitSize: enrolled,
        namesGroup: input.namesGroup,
        namesDiagnosis: input.namesDiagnosis,
        ageBand: input.ageBand ?? null,
      };
      const [created]: Array<{ id: string }> = await em.query(
        `INSERT INTO anonymous_discussion (municipality_id, author_user_id, author_unit_id, linked_concern_id, topic, description, age_band,
                                           categories, identifiability_warning)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          principal.municipalityId,
          principal.userId,
          input.authorUnitId,
          input.linkedConcernId ?? null,
          input.topic,
          input.description,
          input.ageBand ?? null,
          input.categories,
          identifiabilityWarning(details),
        ],
      );
      await em.query(`INSERT INTO discussion_invitation (municipality_id, discussion_id, unit_id) SELECT $1, $2, unnest($3::uuid[])`, [
        principal.municipalityId,
        created.id,
        input.invitedUnitIds,
      ]);
      await this.record(em, ctx, 'create', created.id, { basis: 'ownership', unitId: input.authorUnitId });
      const row = await this.find(em, ctx, created.id);
      return this.withDetails(em, ctx, row as DiscussionRow, estimatedMatchingChildren(details));
    });
  }

  /** The discussions the caller may see, a page at a time: open first, newest first. */
  list(ctx: RequestContext, query: PageQuery): Promise<Page<DiscussionSummaryDto>> {
    return this.tx.run(ctx, async (em) => {
      const scope = discussionScope(ctx.principal, 1, 'read');
      const keyset = new Keyset(DISCUSSION_ORDER, query, scope.params.length + 1);
      const rows: DiscussionRow[] = await em.query(
        `${selectWith(keyset.select)} WHERE ${scope.sql} AND ${keyset.where} ${keyset.orderBy}`,
        [...scope.params, ...keyset.params],
      );
      const page = keyset.page(rows);
      for (const row of page.items) await this.record(em, ctx, 'read', row.id, discussionAccess(ctx.principal, row));
      return { items: page.items.map((row) => toDiscussionSummary(ctx.principal, row)), next: page.next };
    });
  }

  get(ctx: RequestContext, id: string): Promise<DiscussionResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const row = await this.find(em, ctx, id);
      if (!row) throw new NotFoundException();
      await this.record(em, ctx, 'read', row.id, discussionAccess(ctx.principal, row));
      return this.withDetails(em, ctx, row);
    });
  }

  addAdvice(ctx: RequestContext, id: string, input: DiscussionAdviceInputDto): Promise<DiscussionResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const row = await this.lockOpen(em, ctx, id);
      const access = discussionAccess(ctx.principal, row);
      await em.query(
        `INSERT INTO discussion_advice (municipality_id, discussion_id, author_user_id, author_unit_id, text) VALUES ($1, $2, $3, $4, $5)`,
        [ctx.principal.municipalityId, id, ctx.principal.userId, access.unitId, input.text],
      );
      await this.record(em, ctx, 'advise', id, access);
      return this.withDetails(em, ctx, (await this.find(em, ctx, id)) as DiscussionRow);
    });
  }

  close(ctx: RequestContext, id: string, ifMatch: number): Promise<DiscussionResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const row = await this.lockOpen(em, ctx, id, { authorOnly: true, ifMatch });
      await em.query(`UPDATE anonymous_discussion SET status = 'closed', version = version + 1 WHERE id = $1`, [id]);
      await this.record(em, ctx, 'close', id, discussionAccess(ctx.principal, row));
      return this.withDetails(em, ctx, (await this.find(em, ctx, id)) as DiscussionRow);
    });
  }

  private async find(em: EntityManager, ctx: RequestContext, id: string, forUpdate = false): Promise<DiscussionRow | undefined> {
    const scope = discussionScope(ctx.principal, 2, forUpdate ? 'update' : 'read');
    const [row]: DiscussionRow[] = await em.query(`${SELECT} WHERE d.id = $1 AND ${scope.sql}${forUpdate ? ' FOR UPDATE OF d' : ''}`, [
      id,
      ...scope.params,
    ]);
    return row;
  }

  /**
   * In scope (else 404), by the author when only the author may act (else 403), at the version the
   * caller read when the command changes the discussion (else 412), and still open (else 409).
   */
  private async lockOpen(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    { authorOnly = false, ifMatch }: { authorOnly?: boolean; ifMatch?: number } = {},
  ): Promise<DiscussionRow> {
    const row = await this.find(em, ctx, id, true);
    if (!row) {
      // A colleague in the author's unit reads the discussion but does not take part in it.
      if (await this.find(em, ctx, id)) throw new ForbiddenException('Only the author and invited units take part in a discussion');
      throw new NotFoundException();
    }
    if (authorOnly && row.authorUserId !== ctx.principal.userId) throw new ForbiddenException('Only the author closes a discussion');
    if (ifMatch !== undefined) assertVersion(row.version, ifMatch, 'discussion');
    if (row.status !== 'open') throw new ConflictException('The discussion is closed');
    return row;
  }

  private async withDetails(
    em: EntityManager,
    ctx: RequestContext,
    row: DiscussionRow,
    estimatedMatchingChildren?: number,
  ): Promise<DiscussionResponseDto> {
    const invitedUnits: DiscussionUnitDto[] = await em.query(
      `SELECT u.id, u.name FROM discussion_invitation i JOIN unit u ON u.id = i.unit_id AND u.municipality_id = i.municipality_id
        WHERE i.municipality_id = $1 AND i.discussion_id = $2 ORDER BY u.name`,
      [ctx.principal.municipalityId, row.id],
    );
    const advice: DiscussionAdviceDto[] = await em.query(
      `SELECT x.id, a.display_name AS "authorDisplayName", u.name AS "unitName", x.text, x.created_at AS "createdAt"
         FROM discussion_advice x
         JOIN app_user a ON a.id = x.author_user_id AND a.municipality_id = x.municipality_id
         JOIN unit u ON u.id = x.author_unit_id AND u.municipality_id = x.municipality_id
        WHERE x.municipality_id = $1 AND x.discussion_id = $2 ORDER BY x.created_at, x.id`,
      [ctx.principal.municipalityId, row.id],
    );
    return toDiscussionResponse(ctx.principal, row, { invitedUnits, advice, estimatedMatchingChildren });
  }

  /** The discussion is anonymous: the audit trail names no child. */
  private record(em: EntityManager, ctx: RequestContext, action: string, discussionId: string, access: DiscussionAccess): Promise<void> {
    const role = ctx.principal.roles.find((r) => access.unitId && r.unitId === access.unitId) ?? ctx.principal.roles[0];
    return this.audit.record(em, {
      municipalityId: ctx.principal.municipalityId,
      actorUserId: ctx.principal.userId,
      actorRole: role?.role ?? 'staff',
      actorUnitId: access.unitId,
      subjectChildId: null,
      action,
      recordType: 'anonymous_discussion',
      recordId: discussionId,
      category: 'anonymous_discussion',
      basis: access.basis,
      outcome: 'success',
      requestId: ctx.requestId,
    });
  }
}
