import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Concern } from '../concerns/concern.entity';
import { Unit } from '../organisation/unit.entity';

/**
 * A concern discussed without identifying the child: no name, birth date, identity number or
 * address, and no link to a child record. The optional link to the author's own concern is
 * shown only inside the author's unit.
 */
@Entity()
@Unique(['municipalityId', 'id'])
@Index(['municipalityId', 'authorUserId'])
@Index(['municipalityId', 'authorUnitId'])
export class AnonymousDiscussion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @Column({ type: 'uuid' })
  authorUnitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'author_unit_id', referencedColumnName: 'id' },
  ])
  authorUnit?: Unit;

  @Column({ type: 'uuid', nullable: true })
  linkedConcernId!: string | null;

  @ManyToOne(() => Concern, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'linked_concern_id', referencedColumnName: 'id' },
  ])
  linkedConcern?: Concern;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  description!: string;

  /** An age band such as "6-9", never an exact age or birth date. */
  @Column({ type: 'text', nullable: true })
  ageBand!: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  categories!: string[];

  /** The details given could narrow the group below five children; the author was warned. */
  @Column({ type: 'boolean', default: false })
  identifiabilityWarning!: boolean;

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'closed';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Bumped by every change (closing); sent as the ETag, required back as If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** A unit (of another service) invited to give advice on a discussion. */
@Entity()
@Unique(['discussionId', 'unitId'])
@Index(['municipalityId', 'unitId'])
export class DiscussionInvitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  discussionId!: string;

  @ManyToOne(() => AnonymousDiscussion, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'discussion_id', referencedColumnName: 'id' },
  ])
  discussion?: AnonymousDiscussion;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: Unit;
}

/** Advice given in a discussion. */
@Entity()
@Index(['discussionId', 'createdAt'])
export class DiscussionAdvice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  discussionId!: string;

  @ManyToOne(() => AnonymousDiscussion, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'discussion_id', referencedColumnName: 'id' },
  ])
  discussion?: AnonymousDiscussion;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @Column({ type: 'uuid' })
  authorUnitId!: string;

  @Column({ type: 'text' })
  text!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
