import type { MinutesStatus } from '@stafett/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CoordinatedCase } from '../cases/coordinated-case.entity';
import { tenantJoin } from '../database/tenant-join';

/** A meeting of the team around the child; its minutes go from draft to final. */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'caseId', 'meetingAt'])
export class CaseMeeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CoordinatedCase, { onDelete: 'RESTRICT' })
  @JoinColumn(tenantJoin('case_id'))
  case?: CoordinatedCase;

  @Column({ type: 'timestamptz' })
  meetingAt!: Date;

  /** Participants (case_participant ids) who attended. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  attendeeParticipantIds!: string[];

  @Column({ type: 'text', nullable: true })
  otherAttendees!: string | null;

  @Column({ type: 'text' })
  agenda!: string;

  @Column({ type: 'text', nullable: true })
  decisions!: string | null;

  @Column({ type: 'date', nullable: true })
  nextMeetingOn!: string | null;

  @Column({ type: 'text', default: 'draft' })
  minutesStatus!: MinutesStatus;

  /** The category of information, which a consent must cover for another service to read it. */
  @Column({ type: 'text', default: 'other' })
  category!: string;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
