import { Injectable, NotFoundException } from '@nestjs/common';
import type { MunicipalitySettings } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ActingTransactions } from '../database/acting-transactions';
import { assertVersion } from '../http/if-match';
import { CreateUnitDto, UnitResponseDto, UpdateSettingsDto } from './dto/admin.dto';

const UNIT = `SELECT id, service_id AS "serviceId", name, version FROM unit`;

/** The settings are part of the municipality's row: its version is theirs. */
export interface VersionedSettings {
  settings: MunicipalitySettings;
  version: number;
}

/**
 * What a municipal administrator changes: settings and units of their own municipality only. One
 * transaction per command with the administrator acting (ActingTransactions), as every other module.
 */
@Injectable()
export class OrganisationAdminService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  /** The settings with the municipality's version (their ETag). */
  settings(ctx: RequestContext): Promise<VersionedSettings> {
    return this.tx.run(ctx, async (em) => {
      const [row]: VersionedSettings[] = await em.query('SELECT settings, version FROM municipality WHERE id = $1', [
        ctx.principal.municipalityId,
      ]);
      return row;
    });
  }

  updateSettings(ctx: RequestContext, change: UpdateSettingsDto, ifMatch: number): Promise<VersionedSettings> {
    return this.tx.run(ctx, async (em) => {
      const [current]: Array<{ version: number }> = await em.query('SELECT version FROM municipality WHERE id = $1 FOR UPDATE', [
        ctx.principal.municipalityId,
      ]);
      assertVersion(current.version, ifMatch, 'settings');
      // jsonb || merges only the fields sent.
      const [rows]: [VersionedSettings[]] = await em.query(
        'UPDATE municipality SET settings = settings || $2::jsonb, version = version + 1 WHERE id = $1 RETURNING settings, version',
        [ctx.principal.municipalityId, JSON.stringify(change)],
      );
      await this.record(em, ctx, 'update', 'municipality_settings', ctx.principal.municipalityId);
      return rows[0];
    });
  }

  createUnit(ctx: RequestContext, input: CreateUnitDto): Promise<UnitResponseDto> {
    return this.tx.run(ctx, async (em) => {
      // The service must be one of this municipality's; another tenant's id is "not found".
      const [unit] = await em.query(
        `INSERT INTO unit (municipality_id, service_id, name)
         SELECT s.municipality_id, s.id, $3 FROM service s WHERE s.id = $2 AND s.municipality_id = $1
         RETURNING id, service_id AS "serviceId", name, version`,
        [ctx.principal.municipalityId, input.serviceId, input.name],
      );
      if (!unit) throw new NotFoundException('No such service in your municipality');
      await this.record(em, ctx, 'create', 'unit', unit.id);
      return unit;
    });
  }

  /** One unit of the municipality, with its version (sent back as If-Match to rename it). */
  unit(ctx: RequestContext, id: string): Promise<UnitResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [unit]: UnitResponseDto[] = await em.query(`${UNIT} WHERE id = $1 AND municipality_id = $2`, [
        id,
        ctx.principal.municipalityId,
      ]);
      if (!unit) throw new NotFoundException();
      return unit;
    });
  }

  renameUnit(ctx: RequestContext, id: string, name: string, ifMatch: number): Promise<UnitResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [unit]: UnitResponseDto[] = await em.query(`${UNIT} WHERE id = $1 AND municipality_id = $2 FOR UPDATE`, [
        id,
        ctx.principal.municipalityId,
      ]);
      if (!unit) throw new NotFoundException();
      assertVersion(unit.version, ifMatch, 'unit');
      const [rows]: [UnitResponseDto[]] = await em.query(
        `UPDATE unit SET name = $2, version = version + 1 WHERE id = $1 RETURNING id, service_id AS "serviceId", name, version`,
        [id, name],
      );
      await this.record(em, ctx, 'update', 'unit', id);
      return rows[0];
    });
  }

  private record(em: EntityManager, ctx: RequestContext, action: 'create' | 'update', recordType: string, recordId: string): Promise<void> {
    return this.audit.recordFor(em, ctx, { action, recordType, recordId, category: 'administration', basis: 'role' });
  }
}
