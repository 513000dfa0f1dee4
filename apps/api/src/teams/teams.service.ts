import { Injectable } from '@nestjs/common';
import { addParticipant, removeParticipant } from '@stafett/domain';
import type { CaseResponse, CoordinatorCandidateResponse } from '@stafett/domain';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess, ruleError } from '../cases/case-access.service';
import { CASE_CONTENT, caseView } from '../cases/case-projection';
import { fieldError } from '../problem/validation';
import { CaseCommands } from '../cases/case-commands';
import { JoiningParticipantDto } from '../cases/dto/case-requests.dto';
import { ROLE_VALID_NOW } from '../users/users.queries';

/** The team around the child: units join and leave; each change is logged and moves the unit's access in the same transaction. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly access: CaseAccess,
  ) {}

  add(ctx: RequestContext, caseId: string, input: JoiningParticipantDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, { ifMatch }, async (em, record) => {
      this.access.assertMay(ctx, record, 'update', 'Case', 'Only the coordinator changes the team');
      const [joining] = await this.access.resolveJoining(em, ctx, [input], 'participant');
      const consent = await this.access.consentCheck(em, {
        caseId: record.id,
        ownerServiceId: await this.access.ownerServiceOf(em, record),
      });
      try {
        addParticipant(this.access.state(record), { unitId: joining.unitId, serviceId: joining.serviceId }, consent);
      } catch (error) {
        ruleError(error);
      }
      const participantId = await this.access.join(em, ctx, record.id, joining);
      await this.access.touch(em, record.id);
      await this.access.record(em, ctx, record, 'add_participant', 'case_participant', participantId, 'team');
    });
  }

  leave(ctx: RequestContext, caseId: string, participantId: string, reason: string, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, { ifMatch }, async (em, record) => {
      this.access.assertMay(ctx, record, 'update', 'Case', 'Only the coordinator changes the team');
      const participant = record.participants.find((p) => p.id === participantId);
      if (!participant) throw fieldError('participantId', 'The unit does not take part in this case');
      try {
        removeParticipant(this.access.state(record), participant.unitId);
      } catch (error) {
        ruleError(error);
      }
      await this.access.leave(em, ctx, record.id, participantId, reason);
      await this.access.touch(em, record.id);
      await this.access.record(em, ctx, record, 'remove_participant', 'case_participant', participantId, 'team');
    });
  }

  /**
   * Who could take the baton: active staff of the units taking part (the team, not only the
   * caller's units), the holder excepted — of the services the caller's view of the case knows of.
   */
  candidates(ctx: RequestContext, caseId: string): Promise<CoordinatorCandidateResponse[]> {
    return this.commands.transaction(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId);
      const rows: CoordinatorCandidateResponse[] = await em.query(
        `SELECT DISTINCT u.id AS "userId", u.display_name AS "displayName", un.id AS "unitId", un.name AS "unitName"
           FROM coordinated_case k ${caseView('k')}
           JOIN case_participant p ON p.case_id = k.id AND p.municipality_id = k.municipality_id AND p.left_at IS NULL
           JOIN unit un ON un.id = p.unit_id AND un.municipality_id = p.municipality_id
           JOIN role_assignment ra ON ra.unit_id = un.id AND ra.municipality_id = un.municipality_id AND ra.role IN ('staff', 'unit_leader') AND ${ROLE_VALID_NOW('ra')}
           JOIN app_user u ON u.id = ra.user_id AND u.municipality_id = ra.municipality_id
          WHERE k.id = $1 AND k.municipality_id = $2 AND u.active AND u.id <> k.coordinator_user_id AND ${CASE_CONTENT.participantUnit('un')}
          ORDER BY un.name, u.display_name`,
        [record.id, record.municipalityId],
      );
      return rows;
    });
  }
}
