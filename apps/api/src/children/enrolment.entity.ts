import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from '../organisation/unit.entity';
import { Child } from './child.entity';

/** A child attends a unit (kindergarten department, school class, health station list). */
@Entity()
@Index(['municipalityId', 'unitId'])
export class Enrolment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Index()
  @Column({ type: 'uuid' })
  childId!: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'child_id', referencedColumnName: 'id' },
  ])
  child?: Child;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'unit_id', referencedColumnName: 'id' },
  ])
  unit?: Unit;

  /** Class or department, e.g. "4B" or "Blåklokka". */
  @Column({ type: 'text', nullable: true })
  groupName!: string | null;

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;
}
