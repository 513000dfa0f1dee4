import { Injectable, NotFoundException } from '@nestjs/common';
import { assertVersion } from '../http/if-match';
import { assertCaseOpen, assertMinutesEditable, finalizeMinutes } from '@stafett/domain';
import type { CaseResponse, MinutesStatus } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess, CaseRecord, ruleError } from '../cases/case-access.service';
import { fieldError } from '../problem/validation';
import { CaseCommands } from '../cases/case-commands';
import { MeetingChangeDto, MeetingDto } from './dto/meeting.dto';

interface MeetingRow {
  version: number;
  minutesStatus: MinutesStatus;
  decisions: string | null;
}

/** Meetings of the team around the child: date, who attended, agenda, decisions and next meeting; minutes draft → final. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly access: CaseAccess,
  ) {}

  add(ctx: RequestContext, caseId: string, input: MeetingDto): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.assertCoordinates(ctx, record);
      this.assertAttendees(record, input.attendeeParticipantIds ?? []);
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO case_meeting (municipality_id, case_id, meeting_at, attendee_participant_ids, other_attendees, agenda, decisions, next_meeting_on, created_by_user_id, category)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          record.municipalityId,
          record.id,
          input.meetingAt,
          [...new Set(input.attendeeParticipantIds ?? [])],
          input.otherAttendees ?? null,
          input.agenda,
          input.decisions ?? null,
          input.nextMeetingOn ?? null,
          ctx.principal.userId,
          this.access.categoryOf(record, input.category),
        ],
      );
      await this.access.record(em, ctx, record, 'create', 'case_meeting', row.id, 'meeting');
    });
  }

  update(ctx: RequestContext, caseId: string, meetingId: string, input: MeetingChangeDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.assertCoordinates(ctx, record);
      const meeting = await this.meetingOf(em, record, meetingId, ifMatch);
      try {
        assertMinutesEditable(meeting.minutesStatus);
      } catch (error) {
        ruleError(error);
      }
      if (input.attendeeParticipantIds) this.assertAttendees(record, input.attendeeParticipantIds);
      const has = (field: keyof MeetingChangeDto) => input[field] !== undefined;
      await em.query(
        `UPDATE case_meeting SET meeting_at = COALESCE($2, meeting_at), attendee_participant_ids = COALESCE($3, attendee_participant_ids),
                other_attendees = CASE WHEN $4::boolean THEN $5 ELSE other_attendees END, agenda = COALESCE($6, agenda),
                decisions = CASE WHEN $7::boolean THEN $8 ELSE decisions END,
                next_meeting_on = CASE WHEN $9::boolean THEN $10::date ELSE next_meeting_on END, category = COALESCE($11, category),
                version = version + 1
          WHERE id = $1`,
        [
          meetingId,
          input.meetingAt ?? null,
          input.attendeeParticipantIds ? [...new Set(input.attendeeParticipantIds)] : null,
          has('otherAttendees'),
          input.otherAttendees ?? null,
          input.agenda ?? null,
          has('decisions'),
          input.decisions ?? null,
          has('nextMeetingOn'),
          input.nextMeetingOn ?? null,
          this.access.changedCategory(record, input.category),
        ],
      );
      await this.access.record(em, ctx, record, 'update', 'case_meeting', meetingId, 'meeting');
    });
  }

  finalize(ctx: RequestContext, caseId: string, meetingId: string, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, caseId, {}, async (em, record) => {
      this.assertCoordinates(ctx, record);
      const meeting = await this.meetingOf(em, record, meetingId, ifMatch);
      try {
        finalizeMinutes(meeting);
      } catch (error) {
        ruleError(error);
      }
      await em.query(`UPDATE case_meeting SET minutes_status = 'final', version = version + 1 WHERE id = $1`, [meetingId]);
      await this.access.record(em, ctx, record, 'finalize', 'case_meeting', meetingId, 'meeting');
    });
  }

  private assertCoordinates(ctx: RequestContext, record: CaseRecord): void {
    this.access.assertMay(ctx, record, 'update', 'Case', 'Only the coordinator keeps the meetings');
    try {
      assertCaseOpen(record);
    } catch (error) {
      ruleError(error);
    }
  }

  private assertAttendees(record: CaseRecord, ids: string[]): void {
    const participants = new Set(record.participants.map((p) => p.id));
    const unknown = ids.findIndex((id) => !participants.has(id));
    if (unknown >= 0) throw fieldError(`attendeeParticipantIds[${unknown}]`, 'Attendees must be participants taking part in the case');
  }

  /** The meeting, locked, at the version the caller read (412 otherwise: two editors never overwrite each other). */
  private async meetingOf(em: EntityManager, record: CaseRecord, meetingId: string, ifMatch: number): Promise<MeetingRow> {
    const [meeting]: MeetingRow[] = await em.query(
      `SELECT version, minutes_status AS "minutesStatus", decisions FROM case_meeting WHERE id = $1 AND case_id = $2 AND municipality_id = $3 FOR UPDATE`,
      [meetingId, record.id, record.municipalityId],
    );
    if (!meeting) throw new NotFoundException();
    assertVersion(meeting.version, ifMatch, 'meeting');
    return meeting;
  }
}
