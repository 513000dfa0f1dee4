import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AppUser } from '../users/app-user.entity';
import { Child } from './child.entity';

/** A guardian of a child; only those with parental responsibility give consent. */
@Entity()
@Unique(['childId', 'guardianUserId'])
export class Guardianship {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  municipalityId!: string;

  @Column({ type: 'uuid' })
  childId!: string;

  @ManyToOne(() => Child, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'child_id', referencedColumnName: 'id' },
  ])
  child?: Child;

  @Index()
  @Column({ type: 'uuid' })
  guardianUserId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'municipality_id', referencedColumnName: 'municipalityId' },
    { name: 'guardian_user_id', referencedColumnName: 'id' },
  ])
  guardian?: AppUser;

  @Column({ type: 'boolean' })
  hasParentalResponsibility!: boolean;
}
