import { ForbiddenException, Injectable } from '@nestjs/common';
import { acceptTransfer, cancelTransfer, declineTransfer, requestTransfer, subject, takeOverBaton } from '@stafett/domain';
import type { CaseResponse } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess, CaseRecord, ruleError } from '../cases/case-access.service';
import { fieldError } from '../problem/validation';
import { CaseCommands } from '../cases/case-commands';
import { CoordinatorWishDto, ReassignDto, RequestTransferDto } from './dto/coordination.dto';
import { ROLE_VALID_NOW } from '../users/users.queries';

/**
 * The baton: exactly one coordinator from level 1. A handover waits until the person asked
 * accepts — the old holder stays responsible until then — and can be declined or cancelled.
 */
@Injectable()
export class CoordinationService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly access: CaseAccess,
  ) {}

  request(ctx: RequestContext, caseId: string, input: RequestTransferDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, { ifMatch }, async (em, record) => {
      this.access.assertMay(ctx, record, 'update', 'Case', 'Only the coordinator hands over the baton');
      await this.askToTakeOver(em, ctx, record, input.toUserId, input.note ?? null, 'toUserId');
      await this.access.record(em, ctx, record, 'request_transfer', 'case', record.id, 'coordination');
    });
  }

  accept(ctx: RequestContext, caseId: string, transferId: string, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, { ifMatch }, async (em, record) => {
      const pending = this.answerableOrFail(ctx, record, transferId);
      const consent = await this.access.consentCheck(em, {
        caseId: record.id,
        ownerServiceId: await this.access.ownerServiceOf(em, record),
      });
      try {
        acceptTransfer(this.access.state(record), ctx.principal.userId, consent);
      } catch (error) {
        ruleError(error);
      }
      await em.query(`UPDATE baton_transfer SET status = 'accepted', answered_at = now() WHERE id = $1`, [pending.id]);
      await em.query(
        `UPDATE coordinated_case SET coordinator_user_id = $2, coordinator_unit_id = $3, coordinator_since = now() WHERE id = $1`,
        [record.id, pending.toUserId, pending.toUnitId],
      );
      await this.access.touch(em, record.id);
      await this.access.log(em, ctx, record.id, 'baton_passed', ctx.principal.displayName);
      await this.access.record(em, ctx, record, 'accept_transfer', 'baton_transfer', pending.id, 'coordination');
    });
  }

  decline(ctx: RequestContext, caseId: string, transferId: string, reason: string, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, { ifMatch }, async (em, record) => {
      const pending = this.answerableOrFail(ctx, record, transferId);
      try {
        declineTransfer(this.access.state(record), ctx.principal.userId, reason);
      } catch (error) {
        ruleError(error);
      }
      await em.query(`UPDATE baton_transfer SET status = 'declined', decline_reason = $2, answered_at = now() WHERE id = $1`, [
        pending.id,
        reason,
      ]);
      await this.access.touch(em, record.id);
      await this.access.log(em, ctx, record.id, 'transfer_declined', reason);
      await this.access.record(em, ctx, record, 'decline_transfer', 'baton_transfer', pending.id, 'coordination');
    });
  }

  cancel(ctx: RequestContext, caseId: string, transferId: string, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, { ifMatch }, async (em, record) => {
      const pending = this.pendingOrFail(record, transferId);
      this.access.assertMay(ctx, record, 'update', 'Case', 'Only the coordinator cancels a handover');
      try {
        cancelTransfer(this.access.state(record), ctx.principal.userId);
      } catch (error) {
        ruleError(error);
      }
      await em.query(`UPDATE baton_transfer SET status = 'cancelled', answered_at = now() WHERE id = $1`, [pending.id]);
      await this.access.touch(em, record.id);
      await this.access.log(em, ctx, record.id, 'transfer_cancelled', '');
      await this.access.record(em, ctx, record, 'cancel_transfer', 'baton_transfer', pending.id, 'coordination');
    });
  }

  /**
   * Someone takes the baton at once from a coordinator who can no longer hold it (nobody is
   * responsible otherwise) and may ask someone else to take it on: a leader of the coordinator's
   * unit when the coordinator is disabled or has left; a leader of the owning unit when the
   * coordinator's service lost its consent.
   */
  reassign(ctx: RequestContext, caseId: string, input: ReassignDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, { ifMatch }, async (em, record) => {
      this.access.assertMay(ctx, record, 'update', 'CaseCoordinator', 'Only a leader of the coordinator’s unit re-assigns');
      const takerUnitId = record.coordinatorStanding === 'no_access' ? record.ownerUnitId : record.coordinatorUnitId;
      const [unit]: Array<{ serviceId: string }> = await em.query(
        'SELECT service_id AS "serviceId" FROM unit WHERE id = $1 AND municipality_id = $2',
        [takerUnitId, record.municipalityId],
      );
      try {
        takeOverBaton(
          this.access.state(record),
          { userId: ctx.principal.userId, unitId: takerUnitId, serviceId: unit.serviceId },
          { standing: record.coordinatorStanding, ownerUnitId: record.ownerUnitId },
        );
      } catch (error) {
        ruleError(error);
      }
      await em.query(`UPDATE baton_transfer SET status = 'cancelled', answered_at = now() WHERE case_id = $1 AND status = 'pending'`, [
        record.id,
      ]);
      await em.query(
        `UPDATE coordinated_case SET coordinator_user_id = $2, coordinator_unit_id = $3, coordinator_since = now() WHERE id = $1`,
        [record.id, ctx.principal.userId, takerUnitId],
      );
      await this.access.touch(em, record.id);
      await this.access.log(em, ctx, record.id, 'baton_passed', `${ctx.principal.displayName}: ${input.reason}`);
      if (input.toUserId && input.toUserId !== ctx.principal.userId) {
        const now = await this.access.load(em, ctx, record.id);
        await this.askToTakeOver(em, ctx, now, input.toUserId, input.reason, 'toUserId');
      }
      await this.access.record(em, ctx, record, 'reassign', 'case', record.id, 'coordination');
    });
  }

  /** What the guardians or the child wish about the coordinator: recorded by a member of the team. */
  wish(ctx: RequestContext, caseId: string, input: CoordinatorWishDto): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.access.assertMay(ctx, record, 'create', 'CaseContribution', 'Only members of the team record wishes');
      if (record.status !== 'open') throw fieldError('status', 'The case is closed; reopen it first');
      if (input.proposedUserId) {
        const [known] = await em.query('SELECT 1 FROM app_user WHERE municipality_id = $1 AND id = $2', [
          record.municipalityId,
          input.proposedUserId,
        ]);
        if (!known) throw fieldError('proposedUserId', 'proposedUserId must be a staff member of your municipality');
      }
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO coordinator_wish (municipality_id, case_id, source, wish, proposed_user_id, recorded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [record.municipalityId, record.id, input.source, input.wish, input.proposedUserId ?? null, ctx.principal.userId],
      );
      await this.access.record(em, ctx, record, 'create', 'coordinator_wish', row.id, 'coordination');
    });
  }

  private pendingOrFail(record: CaseRecord, transferId: string) {
    const pending = record.pendingTransfer;
    if (!pending || pending.id !== transferId) throw fieldError('transferId', 'No such transfer is waiting for an answer');
    return pending;
  }

  /** Only the person asked answers a transfer (403 for anyone else who can see the case). */
  private answerableOrFail(ctx: RequestContext, record: CaseRecord, transferId: string) {
    const pending = this.pendingOrFail(record, transferId);
    if (!ctx.ability.can('update', subject('BatonTransfer', { municipalityId: record.municipalityId, toUserId: pending.toUserId })))
      throw new ForbiddenException('Only the person asked answers a handover of the baton');
    return pending;
  }

  private async askToTakeOver(
    em: EntityManager,
    ctx: RequestContext,
    record: CaseRecord,
    toUserId: string,
    note: string | null,
    field: string,
  ): Promise<void> {
    // The person must work, active, in a unit that takes part (a participating unit with a valid grant).
    const [target]: Array<{ unitId: string; serviceId: string; displayName: string }> = await em.query(
      `SELECT ra.unit_id AS "unitId", un.service_id AS "serviceId", u.display_name AS "displayName"
         FROM app_user u
         JOIN role_assignment ra ON ra.user_id = u.id AND ra.municipality_id = u.municipality_id AND ra.role IN ('staff', 'unit_leader') AND ${ROLE_VALID_NOW('ra')}
         JOIN unit un ON un.id = ra.unit_id AND un.municipality_id = ra.municipality_id
        WHERE u.municipality_id = $1 AND u.id = $2 AND u.active AND ra.unit_id = ANY($3::uuid[])
        ORDER BY (ra.unit_id = $4) DESC LIMIT 1`,
      [record.municipalityId, toUserId, record.participants.map((p) => p.unitId), record.coordinatorUnitId],
    );
    if (!target) throw fieldError(field, 'The new coordinator must be active staff of a unit taking part');
    const consent = await this.access.consentCheck(em, { caseId: record.id, ownerServiceId: await this.access.ownerServiceOf(em, record) });
    try {
      requestTransfer(this.access.state(record), { toUserId, toUnitId: target.unitId, toServiceId: target.serviceId }, consent);
    } catch (error) {
      ruleError(error);
    }
    await em.query(
      `INSERT INTO baton_transfer (municipality_id, case_id, from_user_id, to_user_id, to_unit_id, note) VALUES ($1, $2, $3, $4, $5, $6)`,
      [record.municipalityId, record.id, ctx.principal.userId, toUserId, target.unitId, note],
    );
    await this.access.touch(em, record.id);
    await this.access.log(em, ctx, record.id, 'transfer_requested', target.displayName);
  }
}
