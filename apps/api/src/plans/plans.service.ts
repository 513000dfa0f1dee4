import { ForbiddenException, Injectable, NotFoundException, PreconditionFailedException } from '@nestjs/common';
import { addMeasure, assertCaseOpen, assertNoteSharedDeliberately, evaluateMeasure, subject, updateMeasure } from '@stafett/domain';
import type { CaseResponse, LogEntryResponse } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess, CaseRecord, ruleError } from '../cases/case-access.service';
import { assertVersion } from '../http/if-match';
import { fieldError } from '../problem/validation';
import { CaseCommands } from '../cases/case-commands';
import { CaseDetails } from '../cases/case-details';
import { ActingTransactions } from '../database/acting-transactions';
import { today } from '../database/today';
import { EvaluationDto, GoalChangeDto, GoalDto, LogEntryDto, MeasureChangeDto, MeasureDto, PrivateNoteDto } from './dto/plan.dto';

interface MeasureRow {
  id: string;
  status: 'active' | 'stopped';
  version: number;
  responsibleParticipantId: string;
  responsibleUnitId: string;
}

/**
 * The plan (stafettlogg): goals, measures with a responsible participant and an evaluation due
 * date, evaluations with the child's view, the shared log, and each unit's private notes.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly access: CaseAccess,
    private readonly details: CaseDetails,
    private readonly tx: ActingTransactions,
  ) {}

  addGoal(ctx: RequestContext, caseId: string, input: GoalDto): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.assertCoordinatesOpen(ctx, record, 'Only the coordinator changes the plan');
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO case_goal (municipality_id, case_id, text, achieved, category, created_by_user_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          record.municipalityId,
          record.id,
          input.text,
          input.achieved ?? false,
          this.access.categoryOf(record, input.category),
          ctx.principal.userId,
        ],
      );
      await this.access.record(em, ctx, record, 'create', 'case_goal', row.id, 'plan');
    });
  }

  updateGoal(ctx: RequestContext, caseId: string, goalId: string, input: GoalChangeDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.assertCoordinatesOpen(ctx, record, 'Only the coordinator changes the plan');
      const [goal]: Array<{ version: number }> = await em.query(
        'SELECT version FROM case_goal WHERE id = $1 AND case_id = $2 AND municipality_id = $3 FOR UPDATE',
        [goalId, record.id, record.municipalityId],
      );
      if (!goal) throw new NotFoundException();
      await this.updateVersioned(
        em,
        `UPDATE case_goal SET text = COALESCE($3, text), achieved = COALESCE($4, achieved), category = COALESCE($5, category), version = version + 1
          WHERE id = $1 AND version = $2`,
        [goalId, ifMatch, input.text ?? null, input.achieved ?? null, this.access.changedCategory(record, input.category)],
        'goal',
      );
      await this.access.record(em, ctx, record, 'update', 'case_goal', goalId, 'plan');
    });
  }

  addMeasure(ctx: RequestContext, caseId: string, input: MeasureDto): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.assertCoordinatesOpen(ctx, record, 'Only the coordinator changes the plan');
      if (input.goalId) await this.assertGoalOf(em, record, input.goalId);
      if (input.evaluationDueOn < (await today(em))) throw fieldError('evaluationDueOn', 'evaluationDueOn cannot be in the past');
      const responsible = this.participantOrFail(record, input.responsibleParticipantId);
      try {
        addMeasure(this.access.state(record), {
          id: 'new',
          responsibleUnitId: responsible.unitId,
          evaluationDueOn: input.evaluationDueOn,
        });
      } catch (error) {
        ruleError(error);
      }
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO case_measure (municipality_id, case_id, goal_id, description, responsible_participant_id, evaluation_due_on, created_by_user_id, category)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          record.municipalityId,
          record.id,
          input.goalId ?? null,
          input.description,
          input.responsibleParticipantId,
          input.evaluationDueOn,
          ctx.principal.userId,
          this.access.categoryOf(record, input.category),
        ],
      );
      await this.access.record(em, ctx, record, 'create', 'case_measure', row.id, 'plan');
    });
  }

  /** The coordinator and the responsible unit edit a measure; a stale version gets 412, never a silent overwrite. */
  updateMeasure(ctx: RequestContext, caseId: string, measureId: string, input: MeasureChangeDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      const measure = await this.measureFor(em, ctx, record, measureId);
      if (measure.status !== 'active') throw fieldError('measureId', 'The measure has been stopped and can no longer be changed');
      if (input.goalId) await this.assertGoalOf(em, record, input.goalId);
      const responsible = input.responsibleParticipantId
        ? this.participantOrFail(record, input.responsibleParticipantId)
        : { unitId: measure.responsibleUnitId };
      if (input.evaluationDueOn && input.evaluationDueOn < (await today(em)))
        throw fieldError('evaluationDueOn', 'evaluationDueOn cannot be in the past');
      try {
        updateMeasure(this.access.state(record), measureId, {
          responsibleUnitId: responsible.unitId,
          evaluationDueOn: input.evaluationDueOn,
        });
      } catch (error) {
        ruleError(error);
      }
      await this.updateVersioned(
        em,
        `UPDATE case_measure SET description = COALESCE($3, description), responsible_participant_id = COALESCE($4, responsible_participant_id),
                evaluation_due_on = COALESCE($5::date, evaluation_due_on),
                goal_id = CASE WHEN $6::boolean THEN $7::uuid ELSE goal_id END, category = COALESCE($8, category), version = version + 1
          WHERE id = $1 AND version = $2`,
        [
          measureId,
          ifMatch,
          input.description ?? null,
          input.responsibleParticipantId ?? null,
          input.evaluationDueOn ?? null,
          input.goalId !== undefined,
          input.goalId ?? null,
          this.access.changedCategory(record, input.category),
        ],
        'measure',
      );
      await this.access.record(em, ctx, record, 'update', 'case_measure', measureId, 'plan');
    });
  }

  /** An evaluation: effect, the child's own view, and continue (next date), change (next date) or stop. */
  evaluate(ctx: RequestContext, caseId: string, measureId: string, input: EvaluationDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      const measure = await this.measureFor(em, ctx, record, measureId);
      // An evaluation decides the measure's next date or its end: on the measure as the evaluator read it.
      assertVersion(measure.version, ifMatch, 'measure');
      if (measure.status !== 'active') throw fieldError('measureId', 'The measure has been stopped; it is not evaluated again');
      if (input.evaluatedOn > (await today(em))) throw fieldError('evaluatedOn', 'evaluatedOn cannot be in the future');
      try {
        evaluateMeasure(this.access.state(record), measureId, {
          decision: input.decision,
          evaluatedOn: input.evaluatedOn,
          nextEvaluationDueOn: input.nextEvaluationDueOn,
        });
      } catch (error) {
        ruleError(error);
      }
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO measure_evaluation (municipality_id, case_id, measure_id, evaluated_on, effect, child_view, decision, note, next_evaluation_due_on, evaluated_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          record.municipalityId,
          record.id,
          measureId,
          input.evaluatedOn,
          input.effect,
          input.childView,
          input.decision,
          input.note ?? null,
          input.decision === 'stop' ? null : input.nextEvaluationDueOn,
          ctx.principal.userId,
        ],
      );
      await em.query(
        input.decision === 'stop'
          ? `UPDATE case_measure SET status = 'stopped', version = version + 1 WHERE id = $1`
          : `UPDATE case_measure SET evaluation_due_on = $2, version = version + 1 WHERE id = $1`,
        input.decision === 'stop' ? [measureId] : [measureId, input.nextEvaluationDueOn],
      );
      await this.access.record(em, ctx, record, 'create', 'measure_evaluation', row.id, 'plan');
    });
  }

  /** The shared log alone, as the caller may read it (notes of the categories a consent covers). */
  log(ctx: RequestContext, caseId: string): Promise<LogEntryResponse[]> {
    return this.tx.run(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId);
      const entries = await this.details.log(em, record);
      await this.access.record(em, ctx, record, 'read', 'case_log_entry', record.id, 'log');
      return entries;
    });
  }

  /** One entry of the log: outside the categories a consent covers it answers 404, like one that does not exist. */
  logEntry(ctx: RequestContext, caseId: string, entryId: string): Promise<LogEntryResponse> {
    return this.tx.run(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId);
      const entry = (await this.details.log(em, record, entryId))[0];
      if (!entry) throw new NotFoundException();
      await this.access.record(em, ctx, record, 'read', 'case_log_entry', entry.id, 'log');
      return entry;
    });
  }

  addLogEntry(ctx: RequestContext, caseId: string, input: LogEntryDto): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.access.assertMay(ctx, record, 'create', 'CaseContribution', 'Only members of the team write in the log');
      this.assertOpen(record);
      try {
        assertNoteSharedDeliberately(await this.access.ownUnitRegimes(em, record), input.shareHealthInformation);
      } catch (error) {
        ruleError(error);
      }
      const id = await this.access.log(em, ctx, record.id, 'note', input.text, {
        category: this.access.categoryOf(record, input.category),
      });
      await this.access.record(em, ctx, record, 'create', 'case_log_entry', id, 'log');
    });
  }

  /** A note for the own unit only: never in the shared log, never seen by another unit. */
  addPrivateNote(ctx: RequestContext, caseId: string, input: PrivateNoteDto): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.assertOpen(record);
      const allowed =
        this.access.ownUnits(record).includes(input.unitId) &&
        ctx.ability.can('create', subject('CasePrivateNote', { municipalityId: record.municipalityId, unitId: input.unitId }));
      if (!allowed) throw fieldError('unitId', 'unitId must be a unit of yours that takes part in the case');
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO case_private_note (municipality_id, case_id, unit_id, text, author_user_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [record.municipalityId, record.id, input.unitId, input.text, ctx.principal.userId],
      );
      await this.access.record(em, ctx, record, 'create', 'case_private_note', row.id, 'private_note');
    });
  }

  private assertOpen(record: CaseRecord): void {
    try {
      assertCaseOpen(record);
    } catch (error) {
      ruleError(error);
    }
  }

  private assertCoordinatesOpen(ctx: RequestContext, record: CaseRecord, message: string): void {
    this.access.assertMay(ctx, record, 'update', 'Case', message);
    this.assertOpen(record);
  }

  /** The measure, locked; worked on by the coordinator and by staff of the unit responsible for it. */
  private async measureFor(em: EntityManager, ctx: RequestContext, record: CaseRecord, measureId: string): Promise<MeasureRow> {
    const [measure]: MeasureRow[] = await em.query(
      `SELECT m.id, m.status, m.version, m.responsible_participant_id AS "responsibleParticipantId", p.unit_id AS "responsibleUnitId"
         FROM case_measure m JOIN case_participant p ON p.id = m.responsible_participant_id AND p.municipality_id = m.municipality_id
        WHERE m.id = $1 AND m.case_id = $2 AND m.municipality_id = $3 FOR UPDATE OF m`,
      [measureId, record.id, record.municipalityId],
    );
    if (!measure) throw new NotFoundException();
    const facts = this.access.facts(record);
    const coordinates = ctx.ability.can('update', subject('Case', facts));
    const responsible =
      ctx.ability.can('create', subject('CaseContribution', facts)) && this.access.ownUnits(record).includes(measure.responsibleUnitId);
    if (!coordinates && !responsible) throw new ForbiddenException('Only the coordinator and the responsible unit work on a measure');
    this.assertOpen(record);
    return measure;
  }

  private participantOrFail(record: CaseRecord, participantId: string) {
    const participant = record.participants.find((p) => p.id === participantId);
    if (!participant) throw fieldError('responsibleParticipantId', 'The responsible must be a participant taking part in the case');
    return participant;
  }

  private async assertGoalOf(em: EntityManager, record: CaseRecord, goalId: string): Promise<void> {
    const [goal] = await em.query('SELECT 1 FROM case_goal WHERE id = $1 AND case_id = $2 AND municipality_id = $3', [
      goalId,
      record.id,
      record.municipalityId,
    ]);
    if (!goal) throw fieldError('goalId', 'goalId must be a goal of this case');
  }

  /** An UPDATE with a version predicate (SECURITY.md S22): no row changed means the version was stale. */
  private async updateVersioned(em: EntityManager, sql: string, params: unknown[], what: string): Promise<void> {
    const [, affected] = (await em.query(sql, params)) as [unknown, number];
    if (affected !== 1) throw new PreconditionFailedException(`The ${what} was changed by someone else; reload it and try again`);
  }
}
