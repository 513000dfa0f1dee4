import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { subject } from '@stafett/domain';
import type { AddressProtection, Principal } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { AuditService } from '../audit/audit.service';
import { Keyset, Page, PageQuery, SortKey } from '../http/paging';
import { ActingTransactions } from '../database/acting-transactions';
import { childReadBasis, childReadScope, ENROLLED_NOW } from './child-scope';
import { ChildGuardianDto, ChildResponseDto } from './dto/child-response.dto';
import { AddGuardianDto } from './dto/add-guardian.dto';

interface ChildRow {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  units: Array<{ id: string; name: string; groupName: string | null }>;
  address_protection: AddressProtection | null;
  guardians: ChildGuardianDto[] | null;
}

/** Children by name. */
const CHILD_ORDER: SortKey[] = [
  { sql: 'c.family_name', type: 'text' },
  { sql: 'c.given_name', type: 'text' },
  { sql: 'c.id', type: 'uuid' },
];

/** Staff see the register's address protection as a marking; the family is not told it. */
const toChildResponse = (row: ChildRow, principal: Principal): ChildResponseDto => ({
  id: row.id,
  givenName: row.given_name,
  familyName: row.family_name,
  birthDate: row.birth_date,
  units: row.units,
  addressProtection: principal.kind === 'staff' ? row.address_protection : null,
  ...(row.guardians ? { guardians: row.guardians } : {}),
});

/**
 * The child's current guardians, for staff: who they are, whether they have parental responsibility,
 * and whether a register confirmed them (a guardian typed in by hand is unverified until then).
 */
const GUARDIANS = `COALESCE((SELECT json_agg(json_build_object('id', g.id, 'displayName', u.display_name, 'relation', g.relation,
                       'parentalResponsibility', g.has_parental_responsibility, 'verified', g.verified_at IS NOT NULL,
                       'source', g.source) ORDER BY u.display_name, g.id)
                     FROM guardianship g JOIN app_user u ON u.id = g.guardian_user_id AND u.municipality_id = g.municipality_id
                    WHERE g.child_id = c.id AND g.municipality_id = c.municipality_id AND g.ended_at IS NULL), '[]')`;

@Injectable()
export class ChildrenService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  /** The children the caller may read, a page at a time by name, each read audited in the same transaction. */
  list(ctx: RequestContext, query: PageQuery): Promise<Page<ChildResponseDto>> {
    return this.tx.run(ctx, async (em) => {
      const keyset = new Keyset(CHILD_ORDER, query, 2 + childReadScope(ctx.principal, 2).params.length);
      const page = keyset.page(await this.query(em, ctx, null, keyset));
      for (const row of page.items) await this.recordRead(em, ctx, row.id);
      return { items: page.items.map((row) => toChildResponse(row, ctx.principal)), next: page.next };
    });
  }

  /** One child, or 404 — the same answer whether it does not exist or is out of scope. */
  get(ctx: RequestContext, id: string): Promise<ChildResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [row] = await this.query(em, ctx, id);
      if (!row) throw new NotFoundException();
      await this.recordRead(em, ctx, row.id);
      return toChildResponse(row, ctx.principal);
    });
  }

  /**
   * A guardian the registers lack, typed in by a member of staff on a child they can see (issue 12,
   * point 4): unverified (`source` manual, no `verified_at`) until a register import confirms them,
   * and then the register's word on parental responsibility wins. An existing citizen with that
   * identity number is reused as they are: a name typed by hand never overwrites the register's.
   */
  addGuardian(ctx: RequestContext, childId: string, input: AddGuardianDto): Promise<ChildResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [child] = await this.query(em, ctx, childId);
      if (!child) throw new NotFoundException();
      if (
        ctx.principal.kind !== 'staff' ||
        !ctx.ability.can(
          'create',
          subject('Guardianship', { municipalityId: ctx.principal.municipalityId, id: child.id, unitIds: child.units.map((u) => u.id) }),
        )
      )
        throw new ForbiddenException('Only staff of a unit the child attends register a guardian');
      const municipalityId = ctx.principal.municipalityId;
      const [existing]: Array<{ id: string }> = await em.query(
        `SELECT id FROM app_user WHERE municipality_id = $1 AND kind = 'citizen' AND national_id = $2`,
        [municipalityId, input.nationalId],
      );
      const guardianId =
        existing?.id ??
        (
          await em.query(
            `INSERT INTO app_user (municipality_id, kind, display_name, national_id, active) VALUES ($1, 'citizen', $2, $3, true) RETURNING id`,
            [municipalityId, `${input.givenName.trim()} ${input.familyName.trim()}`, input.nationalId],
          )
        )[0].id;
      const [taken]: Array<{ id: string }> = await em.query(
        'SELECT id FROM guardianship WHERE municipality_id = $1 AND child_id = $2 AND guardian_user_id = $3',
        [municipalityId, child.id, guardianId],
      );
      if (taken) throw new ConflictException('This person is already registered as a guardian of the child');
      const id = randomUUID();
      // No RETURNING: the row is written under the insert policy alone (migration 1796610000000).
      await em.query(
        `INSERT INTO guardianship (id, municipality_id, child_id, guardian_user_id, has_parental_responsibility, source, relation, verified_at)
         VALUES ($1, $2, $3, $4, $5, 'manual', $6, NULL)`,
        [id, municipalityId, child.id, guardianId, input.parentalResponsibility, input.relation],
      );
      await this.audit.recordFor(em, ctx, {
        subjectChildId: child.id,
        action: 'create',
        recordType: 'guardianship',
        recordId: id,
        category: 'basic',
        basis: 'ownership',
      });
      const [after] = await this.query(em, ctx, child.id);
      return toChildResponse(after, ctx.principal);
    });
  }

  private query(em: EntityManager, ctx: RequestContext, id: string | null, keyset?: Keyset): Promise<ChildRow[]> {
    const scope = childReadScope(ctx.principal, 2);
    return em.query(
      `SELECT c.id, c.given_name, c.family_name, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
              -- A guardian who does not share the child's address protection learns none of its units or groups (S32).
              COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'groupName', e.group_name) ORDER BY u.name)
                          FROM enrolment e JOIN unit u ON u.id = e.unit_id AND u.municipality_id = e.municipality_id
                         WHERE e.child_id = c.id AND e.municipality_id = c.municipality_id AND ${ENROLLED_NOW}
                           AND NOT stafett_whereabouts_hidden(c.municipality_id, c.id)), '[]') AS units,
              c.address_protection,
              ${ctx.principal.kind === 'staff' ? GUARDIANS : 'NULL'} AS guardians
              ${keyset?.select ?? ''}
         FROM child c
        WHERE ($1::uuid IS NULL OR c.id = $1) AND ${scope.sql} AND ${keyset?.where ?? 'TRUE'}
        ${keyset?.orderBy ?? 'LIMIT 1'}`,
      [id, ...scope.params, ...(keyset?.params ?? [])],
    );
  }

  private recordRead(em: EntityManager, ctx: RequestContext, childId: string): Promise<void> {
    return this.audit.recordFor(em, ctx, {
      subjectChildId: childId,
      action: 'read',
      recordType: 'child',
      recordId: childId,
      category: 'basic',
      basis: childReadBasis(ctx.principal, childId),
    });
  }
}
