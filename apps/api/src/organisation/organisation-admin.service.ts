import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DEFAULT_MUNICIPALITY_SETTINGS, DEFAULT_REGIME, settingsProblems } from '@stafett/domain';
import type { MunicipalitySettings } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ActingTransactions } from '../database/acting-transactions';
import { assertVersion } from '../http/if-match';
import { fieldError, RequestValidationException } from '../problem/validation';
import {
  CreateServiceDto,
  CreateUnitDto,
  ServiceResponseDto,
  UnitResponseDto,
  UpdateServiceDto,
  UpdateSettingsDto,
  UpdateUnitDto,
} from './dto/admin.dto';
import * as sql from './organisation-admin.queries';

/** The settings are part of the municipality's row: its version is theirs. */
export interface VersionedSettings {
  settings: MunicipalitySettings;
  version: number;
}

/**
 * What a municipal administrator changes: settings, services and units of their own municipality only. One
 * transaction per command with the administrator acting (ActingTransactions), as every other module. The
 * organisation is public facts (GET /api/municipalities/{code}/organisation), so reading it writes no audit
 * event; every change does.
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
      return { settings: { ...DEFAULT_MUNICIPALITY_SETTINGS, ...row.settings }, version: row.version };
    });
  }

  updateSettings(ctx: RequestContext, change: UpdateSettingsDto, ifMatch: number): Promise<VersionedSettings> {
    const sent = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    if (Object.keys(sent).length === 0) throw new RequestValidationException([{ field: 'body', messages: ['Send at least one setting'] }]);
    return this.tx.run(ctx, async (em) => {
      const [current]: Array<{ version: number; settings: MunicipalitySettings }> = await em.query(
        'SELECT version, settings FROM municipality WHERE id = $1 FOR UPDATE',
        [ctx.principal.municipalityId],
      );
      assertVersion(current.version, ifMatch, 'settings');
      // The fields are valid one by one (the DTO); here the settings they make together.
      const problems = settingsProblems({ ...DEFAULT_MUNICIPALITY_SETTINGS, ...current.settings, ...sent });
      if (Object.keys(problems).length)
        throw new RequestValidationException(Object.entries(problems).map(([field, message]) => ({ field, messages: [message] })));
      // jsonb || merges only the fields sent.
      const [rows]: [VersionedSettings[]] = await em.query(
        'UPDATE municipality SET settings = settings || $2::jsonb, version = version + 1 WHERE id = $1 RETURNING settings, version',
        [ctx.principal.municipalityId, JSON.stringify(sent)],
      );
      await this.record(em, ctx, 'update', 'municipality_settings', ctx.principal.municipalityId);
      return { settings: { ...DEFAULT_MUNICIPALITY_SETTINGS, ...rows[0].settings }, version: rows[0].version };
    });
  }

  /** The municipality's services, each with its units (open and closed). */
  services(ctx: RequestContext): Promise<ServiceResponseDto[]> {
    return this.tx.run(ctx, (em) => em.query(sql.SERVICE_LIST, [ctx.principal.municipalityId]));
  }

  service(ctx: RequestContext, id: string): Promise<ServiceResponseDto> {
    return this.tx.run(ctx, (em) => this.serviceIn(em, ctx, id));
  }

  /** A new service; its regime is the one its kind falls under unless the administrator names another. */
  createService(ctx: RequestContext, input: CreateServiceDto): Promise<ServiceResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [row]: Array<{ id: string }> = await em.query(sql.INSERT_SERVICE, [
        ctx.principal.municipalityId,
        input.kind,
        input.name,
        input.regime ?? DEFAULT_REGIME[input.kind],
      ]);
      await this.record(em, ctx, 'create', 'service', row.id);
      return this.serviceIn(em, ctx, row.id);
    });
  }

  /**
   * Renames a service or changes its regime. The regime decides how what its units write is shared and
   * protected (a health note is the nurse's to share, child welfare's involvement is itself confidential), so
   * re-labelling records already written would change who may read them after the fact: a regime changes only
   * while none of its units holds a concern, report, discussion or case (409 otherwise; make a new service).
   */
  updateService(ctx: RequestContext, id: string, change: UpdateServiceDto, ifMatch: number): Promise<ServiceResponseDto> {
    if (change.name === undefined && change.regime === undefined)
      throw new RequestValidationException([{ field: 'body', messages: ['Send name, regime or both'] }]);
    return this.tx.run(ctx, async (em) => {
      const [current]: Array<{ regime: string; version: number }> = await em.query(sql.LOCK_SERVICE, [ctx.principal.municipalityId, id]);
      if (!current) throw new NotFoundException();
      assertVersion(current.version, ifMatch, 'service');
      if (change.regime !== undefined && change.regime !== current.regime) {
        const [{ inUse }]: Array<{ inUse: boolean }> = await em.query(sql.SERVICE_IN_USE, [ctx.principal.municipalityId, id]);
        if (inUse)
          throw new ConflictException(
            'The regime of a service whose units hold concerns, reports, discussions or cases cannot change; create a new service instead',
          );
      }
      await em.query(sql.UPDATE_SERVICE, [ctx.principal.municipalityId, id, change.name ?? null, change.regime ?? null]);
      await this.record(
        em,
        ctx,
        'update',
        'service',
        id,
        change.regime !== undefined && change.regime !== current.regime ? 'regime' : null,
      );
      return this.serviceIn(em, ctx, id);
    });
  }

  createUnit(ctx: RequestContext, input: CreateUnitDto): Promise<UnitResponseDto> {
    return this.tx.run(ctx, async (em) => {
      // The service must be one of this municipality's; another tenant's id is "not found".
      await this.assertCodeFree(em, ctx, input.code ?? null, null);
      const [unit]: UnitResponseDto[] = await em.query(sql.INSERT_UNIT, [
        ctx.principal.municipalityId,
        input.serviceId,
        input.name,
        input.code ?? null,
      ]);
      if (!unit) throw new NotFoundException('No such service in your municipality');
      await this.record(em, ctx, 'create', 'unit', unit.id);
      return unit;
    });
  }

  /** One unit of the municipality, with its version (sent back as If-Match to rename or close it). */
  unit(ctx: RequestContext, id: string): Promise<UnitResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [unit]: UnitResponseDto[] = await em.query(sql.UNIT_BY_ID, [id, ctx.principal.municipalityId]);
      if (!unit) throw new NotFoundException();
      return unit;
    });
  }

  /** Renames a unit, or sets or clears its code (the fields sent); 409 when another unit has the code. */
  updateUnit(ctx: RequestContext, id: string, change: UpdateUnitDto, ifMatch: number): Promise<UnitResponseDto> {
    if (change.name === undefined && change.code === undefined) throw fieldError('name', 'Send a new name or code');
    return this.tx.run(ctx, async (em) => {
      await this.lockUnit(em, ctx, id, ifMatch);
      if (change.code !== undefined) await this.assertCodeFree(em, ctx, change.code, id);
      const [rows]: [UnitResponseDto[]] = await em.query(sql.UPDATE_UNIT, [
        id,
        change.name ?? null,
        change.code ?? null,
        change.code !== undefined,
      ]);
      await this.record(em, ctx, 'update', 'unit', id);
      return rows[0];
    });
  }

  /**
   * Closes a unit today: it takes no new concerns, enrolments or roles from now on (the database refuses them)
   * and the roles held in it end, so its staff no longer act through it from their next request. What it wrote
   * stays where it is: cases it took part in keep their records and are read by the others as before; a case it
   * coordinated shows its coordinator as gone, for a leader to re-assign. A closed unit stays closed (409).
   */
  closeUnit(ctx: RequestContext, id: string, ifMatch: number): Promise<UnitResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const unit = await this.lockUnit(em, ctx, id, ifMatch);
      if (unit.closedOn) throw new ConflictException('The unit is closed already');
      const [rows]: [UnitResponseDto[]] = await em.query(sql.CLOSE_UNIT, [id]);
      const [ended]: [Array<{ id: string }>] = await em.query(sql.END_UNIT_ROLES, [id, ctx.principal.municipalityId]);
      await this.record(em, ctx, 'close', 'unit', id);
      for (const role of ended) await this.record(em, ctx, 'end', 'role_assignment', role.id, 'unit_closed');
      return rows[0];
    });
  }

  /** The register files name a unit by its code, so two units of a municipality never share one (409 names the field). */
  private async assertCodeFree(em: EntityManager, ctx: RequestContext, code: string | null, unitId: string | null): Promise<void> {
    if (code === null) return;
    const [{ taken }]: Array<{ taken: boolean }> = await em.query(sql.UNIT_CODE_TAKEN, [ctx.principal.municipalityId, code, unitId]);
    if (taken) throw new ConflictException('Another unit of the municipality has this code (code)');
  }

  private async lockUnit(em: EntityManager, ctx: RequestContext, id: string, ifMatch: number): Promise<UnitResponseDto> {
    const [unit]: UnitResponseDto[] = await em.query(sql.LOCK_UNIT, [id, ctx.principal.municipalityId]);
    if (!unit) throw new NotFoundException();
    assertVersion(unit.version, ifMatch, 'unit');
    return unit;
  }

  private async serviceIn(em: EntityManager, ctx: RequestContext, id: string): Promise<ServiceResponseDto> {
    const [service]: ServiceResponseDto[] = await em.query(sql.SERVICE_BY_ID, [ctx.principal.municipalityId, id]);
    if (!service) throw new NotFoundException();
    return service;
  }

  private record(
    em: EntityManager,
    ctx: RequestContext,
    action: string,
    recordType: string,
    recordId: string,
    detail: string | null = null,
  ) {
    return this.audit.recordFor(em, ctx, { action, recordType, recordId, category: detail ?? 'administration', basis: 'role' });
  }
}
