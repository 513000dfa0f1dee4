import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  caseLevelFor,
  checkGuardianStep,
  concernForReader,
  decideConcern,
  decisionDueOn,
  memberUnitsOf,
  seesConcernOutcome,
} from '@stafett/domain';
import type { ConcernState, MunicipalitySettings } from '@stafett/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ActingTransactions } from '../database/acting-transactions';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { fieldError } from '../problem/validation';
import { today } from '../database/today';
import { assertVersion } from '../http/if-match';
import { Keyset, Page, PageQuery, SortKey } from '../http/paging';
import { concernBasis, concernScope } from './concern-scope';
import { ConcernDecisionDto, ConcernResponseDto, ConcernStepsDto, CreateConcernDto } from './dto/concern.dto';

/** Open before decided, the nearest decision deadline first. */
const CONCERN_ORDER: SortKey[] = [
  // 'open' after 'decided' in the alphabet: descending puts the open ones first.
  { sql: 'c.status', type: 'text', desc: true },
  { sql: 'c.decision_due_on', type: 'date' },
  { sql: 'c.created_at', type: 'timestamptz' },
  { sql: 'c.id', type: 'uuid' },
];

const COLUMNS = `
  SELECT c.id, c.unit_id AS "unitId", u.name AS "unitName", c.author_user_id AS "authorUserId", a.display_name AS "authorDisplayName",
         json_build_object('id', ch.id, 'givenName', ch.given_name, 'familyName', ch.family_name, 'birthDate', to_char(ch.birth_date, 'YYYY-MM-DD')) AS child,
         to_char(c.arose_on, 'YYYY-MM-DD') AS "aroseOn", c.observed_by AS "observedBy", c.description, c.child_words AS "childWords", c.categories,
         to_char(c.talked_with_child_on, 'YYYY-MM-DD') AS "talkedWithChildOn", to_char(c.talked_with_guardians_on, 'YYYY-MM-DD') AS "talkedWithGuardiansOn",
         c.guardians_not_talked_reason AS "guardiansNotTalkedReason", to_char(c.shared_with_colleague_on, 'YYYY-MM-DD') AS "sharedWithColleagueOn",
         c.shared_with_unit AS "sharedWithUnit", to_char(c.decision_due_on, 'YYYY-MM-DD') AS "decisionDueOn",
         (c.status = 'open' AND c.decision_due_on < current_date) AS overdue, c.status, c.decision, c.decision_reason AS "decisionReason",
         c.requested_case_level AS "requestedCaseLevel", c.version,
         (SELECT k.id FROM coordinated_case k WHERE k.municipality_id = c.municipality_id AND k.concern_id = c.id) AS "caseId"`;

const FROM = `
    FROM concern c
    JOIN unit u ON u.id = c.unit_id AND u.municipality_id = c.municipality_id
    JOIN child ch ON ch.id = c.child_id AND ch.municipality_id = c.municipality_id
    JOIN app_user a ON a.id = c.author_user_id AND a.municipality_id = c.municipality_id`;

const SELECT = `${COLUMNS}${FROM}`;

/** The select of a list, with the sort columns its pages need. */
const selectWith = (extra: string) => `${COLUMNS}${extra}${FROM}`;

type ConcernRow = Omit<ConcernResponseDto, 'isAuthor'> & { authorUserId: string; child: ConcernResponseDto['child'] & { id: string } };

/** Level 0: registering a concern, recording its steps, and deciding what happens next. */
@Injectable()
export class ConcernsService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  create(ctx: RequestContext, input: CreateConcernDto): Promise<ConcernResponseDto> {
    const memberOf = memberUnitsOf(ctx.principal);
    if (!memberOf.includes(input.unitId)) throw fieldError('unitId', 'unitId must be a unit you work in');
    return this.tx.run(ctx, async (em) => {
      if (input.aroseOn > (await today(em))) throw fieldError('aroseOn', 'aroseOn cannot be in the future');
      const childId = input.childId
        ? await this.childOfUnit(em, ctx, input.unitId, input.childId)
        : await this.registerChild(em, ctx, input);
      const [{ settings }]: Array<{ settings: MunicipalitySettings }> = await em.query('SELECT settings FROM municipality WHERE id = $1', [
        ctx.principal.municipalityId,
      ]);
      const [created]: Array<{ id: string }> = await em.query(
        `INSERT INTO concern (municipality_id, unit_id, child_id, author_user_id, arose_on, observed_by, description, child_words, categories, decision_due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          ctx.principal.municipalityId,
          input.unitId,
          childId,
          ctx.principal.userId,
          input.aroseOn,
          input.observedBy,
          input.description,
          input.childWords ?? null,
          input.categories,
          decisionDueOn(input.aroseOn, settings),
        ],
      );
      await this.record(em, ctx, 'create', created.id, childId, 'ownership');
      return this.load(em, ctx, created.id, 'read');
    });
  }

  /** The concerns the caller may see, a page at a time: open first, the nearest decision deadline first. */
  list(ctx: RequestContext, query: PageQuery, onlyOpen = false): Promise<Page<ConcernResponseDto>> {
    return this.tx.run(ctx, async (em) => {
      const scope = concernScope(ctx.principal, onlyOpen ? 'update' : 'read', 1);
      const keyset = new Keyset(CONCERN_ORDER, query, scope.params.length + 1);
      const rows: ConcernRow[] = await em.query(
        `${selectWith(keyset.select)} WHERE ${scope.sql} ${onlyOpen ? `AND c.status = 'open'` : ''} AND ${keyset.where} ${keyset.orderBy}`,
        [...scope.params, ...keyset.params],
      );
      const page = keyset.page(rows);
      for (const row of page.items) await this.record(em, ctx, 'read', row.id, row.child.id, concernBasis(ctx.principal, row.authorUserId));
      return { items: page.items.map((r) => this.toResponse(ctx, r)), next: page.next };
    });
  }

  get(ctx: RequestContext, id: string): Promise<ConcernResponseDto> {
    return this.tx.run(ctx, (em) => this.load(em, ctx, id, 'read', true));
  }

  updateSteps(ctx: RequestContext, id: string, input: ConcernStepsDto, ifMatch: number): Promise<ConcernResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const current = await this.lockForUpdate(em, ctx, id, ifMatch);
      const talkedOn = input.talkedWithGuardiansOn !== undefined ? input.talkedWithGuardiansOn : current.talkedWithGuardiansOn;
      const whyNot = input.guardiansNotTalkedReason !== undefined ? input.guardiansNotTalkedReason : current.guardiansNotTalkedReason;
      checkGuardianStep(talkedOn, whyNot);
      const now = await today(em);
      for (const [field, value] of Object.entries(input)) {
        if (typeof value === 'string' && field.endsWith('On') && value > now) throw fieldError(field, `${field} cannot be in the future`);
      }
      await em.query(
        `UPDATE concern SET talked_with_child_on = $2, talked_with_guardians_on = $3, guardians_not_talked_reason = $4,
                shared_with_colleague_on = $5, shared_with_unit = $6, version = version + 1 WHERE id = $1`,
        [
          id,
          input.talkedWithChildOn !== undefined ? input.talkedWithChildOn : current.talkedWithChildOn,
          talkedOn,
          whyNot,
          input.sharedWithColleagueOn !== undefined ? input.sharedWithColleagueOn : current.sharedWithColleagueOn,
          input.sharedWithUnit ?? current.sharedWithUnit,
        ],
      );
      await this.record(em, ctx, 'update', id, current.child.id, concernBasis(ctx.principal, current.authorUserId));
      return this.load(em, ctx, id, 'read');
    });
  }

  decide(ctx: RequestContext, id: string, input: ConcernDecisionDto, ifMatch: number): Promise<ConcernResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const current = await this.lockForUpdate(em, ctx, id, ifMatch);
      if (input.decision === 'report_to_child_welfare') {
        // The decision records a report that was made, so the report must exist first (it goes "without delay").
        // Asked of the database: the author decides even when a leader filed the report, which only they may read.
        const [{ reported }]: Array<{ reported: boolean }> = await em.query('SELECT stafett_concern_reported($1) AS reported', [id]);
        if (!reported) throw fieldError('decision', 'File the report to child welfare from this concern first, then record the decision');
      }
      const next = decideConcern({ status: current.status, decision: current.decision } as ConcernState, {
        decision: input.decision,
        reason: input.reason ?? null,
        level: input.level ?? null,
      });
      // The seam for the coordinated case (next issue): requested_case_level says which level to open at.
      await em.query(
        `UPDATE concern SET status = $2, decision = $3, decision_reason = $4, requested_case_level = $5, decided_by_user_id = $6,
                decided_at = now(), version = version + 1 WHERE id = $1`,
        [
          id,
          next.status,
          next.decision,
          input.reason ?? null,
          caseLevelFor({ decision: input.decision, reason: null, level: input.level }),
          ctx.principal.userId,
        ],
      );
      await this.record(em, ctx, 'decide', id, current.child.id, concernBasis(ctx.principal, current.authorUserId));
      return this.load(em, ctx, id, 'read');
    });
  }

  private async lockForUpdate(em: EntityManager, ctx: RequestContext, id: string, ifMatch: number): Promise<ConcernRow> {
    const scope = concernScope(ctx.principal, 'update', 2);
    const [row]: ConcernRow[] = await em.query(`${SELECT} WHERE c.id = $1 AND ${scope.sql} FOR UPDATE OF c`, [id, ...scope.params]);
    if (!row) {
      // Readable but not workable (a colleague of a shared concern) is a function not allowed; otherwise not found.
      const readable = concernScope(ctx.principal, 'read', 2);
      const [visible] = await em.query(`SELECT 1 FROM concern c WHERE c.id = $1 AND ${readable.sql}`, [id, ...readable.params]);
      if (visible) throw new ForbiddenException('Only the author and the unit’s leaders work on a concern');
      throw new NotFoundException();
    }
    assertVersion(row.version, ifMatch, 'concern');
    if (row.status !== 'open') throw new ConflictException('The concern has been decided and can no longer be changed');
    return row;
  }

  private async load(em: EntityManager, ctx: RequestContext, id: string, mode: 'read', audit = false): Promise<ConcernResponseDto> {
    const scope = concernScope(ctx.principal, mode, 2);
    const [row]: ConcernRow[] = await em.query(`${SELECT} WHERE c.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
    if (!row) throw new NotFoundException();
    if (audit) await this.record(em, ctx, 'read', row.id, row.child.id, concernBasis(ctx.principal, row.authorUserId));
    return this.toResponse(ctx, row);
  }

  /** The one mapper of a concern: who may know how it was decided is a domain rule (`seesConcernOutcome`). */
  private toResponse(ctx: RequestContext, row: ConcernRow): ConcernResponseDto {
    const { authorUserId, ...rest } = row;
    const response = { ...rest, isAuthor: authorUserId === ctx.principal.userId };
    return concernForReader(response, seesConcernOutcome(ctx.principal, { authorUserId, unitId: row.unitId }));
  }

  /** A child must be enrolled in the unit now; another child is "not one of the unit's". */
  private async childOfUnit(em: EntityManager, ctx: RequestContext, unitId: string, childId: string): Promise<string> {
    const [row] = await em.query(
      `SELECT 1 FROM enrolment e WHERE e.municipality_id = $1 AND e.unit_id = $2 AND e.child_id = $3
          AND e.valid_from <= current_date AND (e.valid_to IS NULL OR e.valid_to >= current_date)`,
      [ctx.principal.municipalityId, unitId, childId],
    );
    if (!row) throw fieldError('childId', 'childId must be a child of the unit');
    return childId;
  }

  /** Registers a child by name and birth date (identity number optional) and enrols it in the unit. */
  private async registerChild(em: EntityManager, ctx: RequestContext, input: CreateConcernDto): Promise<string> {
    const child = input.newChild;
    if (!child) throw fieldError('childId', 'Give childId or newChild');
    if (child.birthDate > (await today(em))) throw fieldError('newChild.birthDate', 'birthDate cannot be in the future');
    let childId: string | null = null;
    if (child.nationalId) {
      // The register's child may be enrolled elsewhere, hidden from this unit by row-level security: the database finds it.
      const [existing]: Array<{ id: string | null }> = await em.query('SELECT stafett_child_by_national_id($1) AS id', [child.nationalId]);
      childId = existing.id;
    }
    if (!childId) {
      // The id is chosen here: the new child is visible only once enrolled below, so no RETURNING.
      childId = randomUUID();
      await em.query(
        `INSERT INTO child (id, municipality_id, given_name, family_name, birth_date, national_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [childId, ctx.principal.municipalityId, child.givenName, child.familyName, child.birthDate, child.nationalId ?? null],
      );
    }
    await em.query(
      `INSERT INTO enrolment (municipality_id, child_id, unit_id, valid_from)
       SELECT $1, $2, $3, current_date WHERE NOT EXISTS (
         SELECT 1 FROM enrolment WHERE municipality_id = $1 AND child_id = $2 AND unit_id = $3 AND (valid_to IS NULL OR valid_to >= current_date))`,
      [ctx.principal.municipalityId, childId, input.unitId],
    );
    return childId;
  }

  private record(em: EntityManager, ctx: RequestContext, action: string, concernId: string, childId: string, basis: string): Promise<void> {
    return this.audit.recordFor(em, ctx, {
      subjectChildId: childId,
      action,
      recordType: 'concern',
      recordId: concernId,
      category: 'concern',
      basis,
    });
  }
}
