import { Injectable, NotFoundException } from '@nestjs/common';
import type { MunicipalitySettings } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ActingTransactions } from '../database/acting-transactions';
import { CreateUnitDto, UnitResponseDto, UpdateSettingsDto } from './dto/admin.dto';

const UNIT = `SELECT id, service_id AS "serviceId", name, version FROM unit`;

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

  settings(ctx: RequestContext): Promise<MunicipalitySettings> {
    return this.tx.run(ctx, async (em) => {
      const [row] = await em.query('SELECT settings FROM municipality WHERE id = $1', [ctx.principal.municipalityId]);
      return row.settings;
    });
  }

  updateSettings(ctx: RequestContext, change: UpdateSettingsDto): Promise<MunicipalitySettings> {
    return this.tx.run(ctx, async (em) => {
      // jsonb || merges only the fields sent; the row lock keeps two admins from losing each other's edits.
      const [rows] = await em.query('UPDATE municipality SET settings = settings || $2::jsonb WHERE id = $1 RETURNING settings', [
        ctx.principal.municipalityId,
        JSON.stringify(change),
      ]);
      await this.record(em, ctx, 'update', 'municipality_settings', ctx.principal.municipalityId);
      return rows[0].settings;
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

  renameUnit(ctx: RequestContext, id: string, name: string): Promise<UnitResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [rows] = await em.query(
        `UPDATE unit SET name = $3 WHERE id = $1 AND municipality_id = $2 RETURNING id, service_id AS "serviceId", name`,
        [id, ctx.principal.municipalityId, name],
      );
      if (rows.length === 0) throw new NotFoundException();
      await this.record(em, ctx, 'update', 'unit', id);
      return rows[0];
    });
  }

  private record(em: EntityManager, ctx: RequestContext, action: 'create' | 'update', recordType: string, recordId: string): Promise<void> {
    return this.audit.recordFor(em, ctx, { action, recordType, recordId, category: 'administration', basis: 'role' });
  }
}
