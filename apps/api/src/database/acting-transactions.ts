import { familyChildrenOf, isChildWelfareStaff, leaderUnitsOf, memberUnitsOf } from '@stafett/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@stafett/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { IdempotencyClaim } from '../http/idempotency';
import { claimIdempotencyKey, rememberIdempotencyKey } from '../http/idempotency-keys';

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Tells PostgreSQL who is acting, for this transaction only (`set_config(..., true)`), so the
 * row-level security policies on case content and level 0 apply the same rules as the
 * application's scopes: municipality, user, the units they work in and lead, whether they are
 * child welfare staff, and the children of their family (and which of them is the youth themself). The settings end with the transaction —
 * committed or rolled back — so a pooled connection never carries one request's user into the next.
 */
export async function actAs(em: EntityManager, principal: Principal): Promise<void> {
  await em.query(
    `SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true),
            set_config('stafett.unit_ids', $3, true), set_config('stafett.leader_unit_ids', $4, true),
            set_config('stafett.child_ids', $5, true), set_config('stafett.youth_child_ids', $6, true),
            set_config('stafett.child_welfare', $7, true)`,
    [
      principal.municipalityId,
      principal.userId,
      uuidArray(memberUnitsOf(principal)),
      uuidArray(leaderUnitsOf(principal)),
      uuidArray(familyChildrenOf(principal)),
      uuidArray(principal.youthOf),
      isChildWelfareStaff(principal) ? 'on' : '',
    ],
  );
}

/**
 * One transaction per command, with the acting user set for row-level security. The audit events
 * the command records are appended together as its last statement (AuditService.defer/flush): one
 * append per request however many rows it read, and the chain's lock held only until the commit.
 * A create sent with an Idempotency-Key claims it here, in the create's own transaction, and records
 * what it made before the commit (http/idempotency.ts): the record and its key commit together or not at all.
 */
@Injectable()
export class ActingTransactions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  run<T>(ctx: { principal: Principal; idempotency?: IdempotencyClaim | null }, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.audited((em) => actAs(em, ctx.principal), work, ctx);
  }

  private audited<T>(
    act: (em: EntityManager) => Promise<void>,
    work: (em: EntityManager) => Promise<T>,
    ctx?: { principal: Principal; idempotency?: IdempotencyClaim | null },
  ): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await act(em);
      this.audit.defer(em);
      // The request's first transaction takes the key; a replay or a refusal throws before the create runs.
      const key = ctx?.idempotency?.take() ?? null;
      if (key && ctx) await claimIdempotencyKey(em, ctx.principal, key);
      const result = await work(em);
      if (key && ctx) await rememberIdempotencyKey(em, ctx.principal, key, result);
      await this.audit.flush(em);
      return result;
    });
  }
}
