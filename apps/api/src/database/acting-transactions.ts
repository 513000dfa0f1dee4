import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@stafett/domain';
import { DataSource, EntityManager } from 'typeorm';
import { familyChildrenOf, memberUnitsOf } from '../authorization/principal-units';

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Tells PostgreSQL who is acting, for this transaction only (`set_config(..., true)`), so the
 * row-level security policies on case content apply the same rule as the application's scopes.
 * The settings end with the transaction — committed or rolled back — so a pooled connection
 * never carries one request's user into the next.
 */
export async function actAs(em: EntityManager, principal: Principal): Promise<void> {
  await em.query(
    `SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true),
            set_config('stafett.unit_ids', $3, true), set_config('stafett.child_ids', $4, true),
            set_config('stafett.youth_child_ids', $5, true)`,
    [
      principal.municipalityId,
      principal.userId,
      uuidArray(memberUnitsOf(principal)),
      uuidArray(familyChildrenOf(principal)),
      uuidArray(principal.youthOf),
    ],
  );
}

/** One transaction per command, with the acting user set for row-level security. */
@Injectable()
export class ActingTransactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(ctx: { principal: Principal }, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await actAs(em, ctx.principal);
      return work(em);
    });
  }
}
