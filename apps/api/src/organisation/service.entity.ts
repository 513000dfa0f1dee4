import type { ConfidentialityRegime, ServiceKind } from '@stafett/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Municipality } from './municipality.entity';

@Entity()
// (municipality_id, id) is the target of every composite foreign key, so a row of one
// municipality can never point at a row of another.
@Unique(['municipalityId', 'id'])
export class Service {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Municipality, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column({ type: 'text' })
  kind!: ServiceKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  regime!: ConfidentialityRegime;

  /** Bumped by every change an administrator makes; sent as the ETag, required back as If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
