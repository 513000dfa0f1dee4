import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Service } from './service.entity';

/** A unit of a service, e.g. "Sentrum barnehage" of the kindergarten service. */
@Entity()
@Unique(['municipalityId', 'id'])
// A key an administration system's file can name the unit by; unique within a municipality only.
@Index('UQ_unit_municipality_code', ['municipalityId', 'code'], { unique: true, where: 'code IS NOT NULL' })
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Index()
  @Column({ type: 'uuid' })
  serviceId!: string;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'service_id', referencedColumnName: 'id' },
  ])
  service?: Service;

  @Column({ type: 'text' })
  name!: string;

  /** Optional stable key (e.g. the organisation number or the administration system's id) that enrolment files name. */
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  /** Bumped by every change an administrator makes; sent as the ETag, required back as If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** The day the unit closed: from then it takes no new concerns, enrolments or roles (a trigger refuses them). */
  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;
}
