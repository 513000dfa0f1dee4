import { Injectable } from '@nestjs/common';
import type { CaseResponse } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { ActingTransactions } from '../database/acting-transactions';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess, CaseRecord } from './case-access.service';
import { CaseDetails } from './case-details';

/**
 * One transaction per command on a case: load it in scope and locked (404 outside, 412 on a
 * stale If-Match), run the command, and answer the case as it now stands. A failure anywhere —
 * a rule, a constraint, the audit insert — rolls back everything the command wrote.
 */
@Injectable()
export class CaseCommands {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly access: CaseAccess,
    private readonly details: CaseDetails,
  ) {}

  run(
    ctx: RequestContext,
    caseId: string,
    options: { ifMatch?: number },
    command: (em: EntityManager, record: CaseRecord) => Promise<void>,
  ): Promise<CaseResponse> {
    return this.tx.run(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId, { lock: true, ifMatch: options.ifMatch });
      await command(em, record);
      return this.details.read(em, ctx, await this.access.load(em, ctx, caseId));
    });
  }

  /** A read of the whole case, audited in the same transaction (no audit row, no data). */
  read(ctx: RequestContext, caseId: string): Promise<CaseResponse> {
    return this.tx.run(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId);
      const response = await this.details.read(em, ctx, record);
      await this.access.record(em, ctx, record, 'read', 'case', record.id, 'case');
      return response;
    });
  }

  transaction<T>(ctx: RequestContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(ctx, work);
  }
}
