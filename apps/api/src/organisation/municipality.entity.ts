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

  /** Bumped by every change of the settings; sent as their ETag, required back as If-Match. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
