import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MunicipalitySettings } from '@stafett/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CreateUnitDto, UnitResponseDto, UpdateSettingsDto } from './dto/admin.dto';

/** What a municipal administrator changes: settings and units of their own municipality only. */
@Injectable()
export class OrganisationAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async settings(ctx: RequestContext): Promise<MunicipalitySettings> {
    const [row] = await this.dataSource.query('SELECT settings FROM municipality WHERE id = $1', [ctx.principal.municipalityId]);
    return row.settings;
  }

  updateSettings(ctx: RequestContext, change: UpdateSettingsDto): Promise<MunicipalitySettings> {
    return this.dataSource.transaction(async (em) => {
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
    return this.dataSource.transaction(async (em) => {
      // The service must be one of this municipality's; another tenant's id is "not found".
      const [unit] = await em.query(
        `INSERT INTO unit (municipality_id, service_id, name)
         SELECT s.municipality_id, s.id, $3 FROM service s WHERE s.id = $2 AND s.municipality_id = $1
         RETURNING id, service_id AS "serviceId", name`,
        [ctx.principal.municipalityId, input.serviceId, input.name],
      );
      if (!unit) throw new NotFoundException('No such service in your municipality');
      await this.record(em, ctx, 'create', 'unit', unit.id);
      return unit;
    });
  }

  renameUnit(ctx: RequestContext, id: string, name: string): Promise<UnitResponseDto> {
    return this.dataSource.transaction(async (em) => {
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
