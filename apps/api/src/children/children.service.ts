import { Injectable, NotFoundException } from '@nestjs/common';
import type { AddressProtection, Principal } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { AuditService } from '../audit/audit.service';
import { Keyset, Page, PageQuery, SortKey } from '../http/paging';
import { ActingTransactions } from '../database/acting-transactions';
import { childReadBasis, childReadScope, ENROLLED_NOW } from './child-scope';
import { ChildResponseDto } from './dto/child-response.dto';

interface ChildRow {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  units: Array<{ id: string; name: string; groupName: string | null }>;
  address_protection: AddressProtection | null;
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
});

@Injectable()
export class ChildrenService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  /** The children the caller may read, each read audited in the same transaction. */
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

  private query(em: EntityManager, ctx: RequestContext, id: string | null, keyset?: Keyset): Promise<ChildRow[]> {
    const scope = childReadScope(ctx.principal, 2);
    return em.query(
      `SELECT c.id, c.given_name, c.family_name, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
              -- A guardian who does not share the child's address protection learns none of its units or groups (S32).
              COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'groupName', e.group_name) ORDER BY u.name)
                          FROM enrolment e JOIN unit u ON u.id = e.unit_id AND u.municipality_id = e.municipality_id
                         WHERE e.child_id = c.id AND e.municipality_id = c.municipality_id AND ${ENROLLED_NOW}
                           AND NOT stafett_whereabouts_hidden(c.municipality_id, c.id)), '[]') AS units,
              c.address_protection
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
