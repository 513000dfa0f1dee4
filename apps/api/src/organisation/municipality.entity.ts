import type { MunicipalitySettings } from '@stafett/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant: owns every other row; no data crosses municipalities. */
@Entity()
export class Municipality {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Four-digit municipality number (kommunenummer). */
  @Column({ type: 'varchar', length: 4, unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  settings!: MunicipalitySettings;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
