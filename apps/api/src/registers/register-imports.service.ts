import { ForbiddenException, Injectable } from '@nestjs/common';
import { RegisterFileError } from '@stafett/domain';
import type {
  EnrolmentImportResponse,
  EnrolmentPlan,
  PlannedEnrolment,
  PlannedGuardianship,
  PopulationImportResponse,
  RegisterLineError,
} from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ActingTransactions } from '../database/acting-transactions';
import { UnprocessableFieldException } from '../problem/validation';
import { readEnrolmentFile, readPopulationFile } from './register-files';
import type { RegisterFileType } from './register-files';
import { importEnrolments, importPopulation } from './register-import';
import type { PopulationResult } from './register-import';

/** Carries a dry run's answer out of the transaction it rolls back. */
class DryRun<T> extends Error {
  constructor(readonly answer: T) {
    super('dry run');
  }
}

const guardianshipEntry = (s: PlannedGuardianship) => ({
  line: s.line,
  child: s.childName,
  guardian: s.guardianName,
  parentalResponsibility: s.hasParentalResponsibility,
  ...(s.fields.length ? { fields: s.fields } : {}),
});

const enrolmentEntry = (e: PlannedEnrolment & { removed?: boolean }) => ({
  line: e.line,
  child: e.childName,
  unit: e.unitName,
  group: e.groupName,
  from: e.validFrom,
  to: e.validTo,
  ...(e.fields.length ? { fields: e.fields } : {}),
  ...(e.removed !== undefined ? { removed: e.removed } : {}),
});

export function populationResponse({ plan, consentsNoLongerWaiting }: PopulationResult, dryRun: boolean): PopulationImportResponse {
  const person = (p: { line: number; fields: string[] }, name: string) => ({
    line: p.line,
    name,
    ...(p.fields.length ? { fields: p.fields } : {}),
  });
  return {
    dryRun,
    counts: {
      children: { created: plan.children.create.length, changed: plan.children.change.length },
      guardians: { created: plan.guardians.create.length, changed: plan.guardians.change.length },
      guardianships: {
        created: plan.guardianships.create.length,
        changed: plan.guardianships.change.length,
        ended: plan.guardianships.end.length,
        unconfirmed: plan.guardianships.unconfirmed.length,
      },
      consentsNoLongerWaiting,
    },
    children: {
      created: plan.children.create.map((c) => person(c, `${c.givenName} ${c.familyName}`)),
      changed: plan.children.change.map((c) => person(c, `${c.givenName} ${c.familyName}`)),
    },
    guardians: {
      created: plan.guardians.create.map((g) => person(g, g.displayName)),
      changed: plan.guardians.change.map((g) => person(g, g.displayName)),
    },
    guardianships: {
      created: plan.guardianships.create.map(guardianshipEntry),
      changed: plan.guardianships.change.map(guardianshipEntry),
      ended: plan.guardianships.end.map(guardianshipEntry),
      unconfirmed: plan.guardianships.unconfirmed.map(guardianshipEntry),
    },
  };
}

export function enrolmentResponse(plan: EnrolmentPlan, dryRun: boolean): EnrolmentImportResponse {
  return {
    dryRun,
    counts: { created: plan.create.length, changed: plan.change.length, ended: plan.end.length },
    created: plan.create.map(enrolmentEntry),
    changed: plan.change.map(enrolmentEntry),
    ended: plan.end.map(enrolmentEntry),
  };
}

/** A file with bad lines: 422 naming every line and field, and nothing written. */
function lineErrors(errors: RegisterLineError[]): UnprocessableFieldException {
  return new UnprocessableFieldException(
    errors.map((e) => ({ line: e.line, field: e.field, messages: [e.message] })),
    'The file has invalid lines; nothing was imported',
  );
}

/**
 * Register imports for the municipal administrator (issue 12, point 2). All or nothing, in one
 * transaction; a dry run runs the very same statements and rolls them back, so what it answers is
 * what the import would do. One audit event per import names its counts, never a person.
 */
@Injectable()
export class RegisterImportsService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  population(ctx: RequestContext, type: RegisterFileType, body: string | object, dryRun: boolean): Promise<PopulationImportResponse> {
    return this.run(ctx, dryRun, 'population_register', async (em) => {
      const result = await importPopulation(em, ctx.principal.municipalityId, readPopulationFile(type, body));
      const answer = populationResponse(result, dryRun);
      const c = answer.counts;
      return {
        answer,
        counts:
          `children +${c.children.created} ~${c.children.changed}; guardians +${c.guardians.created} ~${c.guardians.changed}; ` +
          `guardianships +${c.guardianships.created} ~${c.guardianships.changed} -${c.guardianships.ended} ?${c.guardianships.unconfirmed}; ` +
          `consents ~${c.consentsNoLongerWaiting}`,
      };
    });
  }

  enrolments(ctx: RequestContext, type: RegisterFileType, body: string | object, dryRun: boolean): Promise<EnrolmentImportResponse> {
    return this.run(ctx, dryRun, 'enrolment_register', async (em) => {
      const answer = enrolmentResponse(await importEnrolments(em, ctx.principal.municipalityId, readEnrolmentFile(type, body)), dryRun);
      return { answer, counts: `enrolments +${answer.counts.created} ~${answer.counts.changed} -${answer.counts.ended}` };
    });
  }

  private async run<T>(
    ctx: RequestContext,
    dryRun: boolean,
    recordType: string,
    work: (em: EntityManager) => Promise<{ answer: T; counts: string }>,
  ): Promise<T> {
    if (ctx.principal.kind !== 'staff' || !ctx.ability.can('create', 'RegisterImport'))
      throw new ForbiddenException('Only a municipal administrator imports register files');
    try {
      return await this.tx.run(ctx, async (em) => {
        // Row-level security admits the import's reads and writes of children, guardianships and enrolments only with
        // this flag on and the acting user an administrator (checked by the database: migration 1796610000000).
        await em.query(`SELECT set_config('stafett.register_import', 'on', true)`);
        const { answer, counts } = await work(em);
        if (dryRun) throw new DryRun({ answer, counts });
        await this.record(em, ctx, 'import', recordType, counts);
        return answer;
      });
    } catch (error) {
      if (error instanceof RegisterFileError) throw lineErrors(error.errors);
      if (!(error instanceof DryRun)) throw error;
      const { answer, counts } = error.answer as { answer: T; counts: string };
      // The dry run read the register's people: that read is audited, in a transaction of its own (the first was rolled back).
      await this.tx.run(ctx, (em) => this.record(em, ctx, 'dry_run', recordType, counts));
      return answer;
    }
  }

  private record(em: EntityManager, ctx: RequestContext, action: string, recordType: string, counts: string): Promise<void> {
    // The counts stand in the record id: the trail has no free-text field, and counts name nobody.
    return this.audit.recordFor(em, ctx, { action, recordType, recordId: counts, category: 'administration', basis: 'role' });
  }
}
