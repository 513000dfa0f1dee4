import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { endOfAssignment, roleScopeError } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ActingTransactions } from '../database/acting-transactions';
import { assertVersion } from '../http/if-match';
import { fieldError } from '../problem/validation';
import { CreateRoleAssignmentDto, CreateStaffUserDto, RoleAssignmentResponseDto, UserResponseDto } from './dto/user-response.dto';
import * as sql from './users.queries';

/**
 * User administration for municipal administrators: always within their own municipality. Staff users are
 * invited by e-mail and/or UPN and bound to the identity provider at first sign-in (AuthService); their roles
 * hold from–to, and only a role valid today gives access (users.queries.ts, ROLE_VALID_NOW).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<UserResponseDto[]> {
    return this.tx.run(ctx, async (em) => {
      const rows: UserResponseDto[] = await em.query(`${sql.USERS} ORDER BY u.kind DESC, u.display_name LIMIT 1000`, [
        ctx.principal.municipalityId,
        null,
      ]);
      await this.record(em, ctx, 'read', 'user', null);
      return rows;
    });
  }

  user(ctx: RequestContext, id: string): Promise<UserResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const user = await this.userIn(em, ctx, id);
      await this.record(em, ctx, 'read', 'user', id);
      return user;
    });
  }

  /** Invites a staff member: no subject yet; their first sign-in with a token naming the e-mail or UPN binds them. */
  create(ctx: RequestContext, input: CreateStaffUserDto): Promise<UserResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const wanted = [input.email, input.upn].filter((v): v is string => !!v);
      const taken: Array<{ email: string | null; upn: string | null }> = await em.query(sql.TAKEN_IDENTIFIERS, [
        ctx.principal.municipalityId,
        wanted,
      ]);
      const clash = (value: string | undefined) => !!value && taken.some((t) => t.email === value || t.upn === value);
      if (clash(input.email)) throw new ConflictException('Another user of the municipality has this e-mail or UPN (email)');
      if (clash(input.upn)) throw new ConflictException('Another user of the municipality has this e-mail or UPN (upn)');
      const [row]: Array<{ id: string }> = await em.query(sql.INSERT_STAFF_USER, [
        ctx.principal.municipalityId,
        input.displayName,
        input.email ?? null,
        input.upn ?? null,
      ]);
      await this.record(em, ctx, 'create', 'user', row.id);
      return this.userIn(em, ctx, row.id);
    });
  }

  /** Enables or disables a user of the municipality, at the version the administrator read (412 otherwise). */
  setActive(ctx: RequestContext, id: string, active: boolean, ifMatch: number): Promise<UserResponseDto> {
    return this.tx.run(ctx, async (em) => {
      await this.lockUser(em, ctx, id, ifMatch);
      await em.query('UPDATE app_user SET active = $2, version = version + 1 WHERE id = $1', [id, active]);
      await this.record(em, ctx, 'update', 'user', id, active ? 'activate' : 'deactivate');
      return this.userIn(em, ctx, id);
    });
  }

  roles(ctx: RequestContext, userId: string): Promise<RoleAssignmentResponseDto[]> {
    return this.tx.run(ctx, async (em) => {
      await this.userIn(em, ctx, userId);
      const roles: RoleAssignmentResponseDto[] = await em.query(sql.ROLES_OF, [ctx.principal.municipalityId, userId]);
      await this.record(em, ctx, 'read', 'user', userId, 'roles');
      return roles;
    });
  }

  role(ctx: RequestContext, id: string): Promise<RoleAssignmentResponseDto> {
    return this.tx.run(ctx, (em) => this.roleIn(em, ctx, id));
  }

  /**
   * Gives a staff user a role from a day (today by default, never in the past: what they could see yesterday
   * stays what the audit trail says) to an optional last day. A unit role needs an open unit of the municipality;
   * the same role in the same unit may not overlap another assignment of it (409).
   */
  addRole(ctx: RequestContext, userId: string, input: CreateRoleAssignmentDto): Promise<RoleAssignmentResponseDto> {
    const scope = roleScopeError(input.role, input.unitId);
    if (scope) throw fieldError('unitId', scope);
    return this.tx.run(ctx, async (em) => {
      const [user]: Array<{ kind: string }> = await em.query(sql.LOCK_USER, [ctx.principal.municipalityId, userId]);
      if (!user) throw new NotFoundException();
      if (user.kind !== 'staff') throw fieldError('role', 'Only staff users hold roles');
      const [{ today }]: Array<{ today: string }> = await em.query(sql.TODAY);
      const from = input.validFrom ?? today;
      if (from < today) throw fieldError('validFrom', 'validFrom cannot be in the past');
      if (input.validTo && input.validTo < from) throw fieldError('validTo', 'validTo cannot be before validFrom');
      if (input.unitId) {
        const [unit]: Array<{ closedOn: string | null }> = await em.query(sql.OPEN_UNIT, [ctx.principal.municipalityId, input.unitId]);
        if (!unit) throw fieldError('unitId', 'unitId must be a unit of your municipality');
        if (unit.closedOn) throw fieldError('unitId', 'The unit is closed');
      }
      const [{ overlaps }]: Array<{ overlaps: boolean }> = await em.query(
        `SELECT EXISTS (SELECT 1 FROM role_assignment WHERE municipality_id = $1 AND user_id = $2 AND role = $3
                          AND unit_id IS NOT DISTINCT FROM $4::uuid
                          AND valid_from <= COALESCE($6::date, 'infinity') AND COALESCE(valid_to, 'infinity') >= $5::date) AS overlaps`,
        [ctx.principal.municipalityId, userId, input.role, input.unitId ?? null, from, input.validTo ?? null],
      );
      if (overlaps) throw new ConflictException('The user holds this role in this unit for some of these days already');
      const [row]: Array<{ id: string }> = await em.query(sql.INSERT_ROLE, [
        ctx.principal.municipalityId,
        userId,
        input.unitId ?? null,
        input.role,
        from,
        input.validTo ?? null,
      ]);
      await this.record(em, ctx, 'create', 'role_assignment', row.id, input.role);
      return this.roleIn(em, ctx, row.id);
    });
  }

  /** Ends a role (now, or on a later last day): it stops giving access on the first request after its last day. */
  endRole(
    ctx: RequestContext,
    userId: string,
    id: string,
    validTo: string | undefined,
    ifMatch: number,
  ): Promise<RoleAssignmentResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [role]: Array<{ role: string; validFrom: string; validTo: string | null; version: number; today: string }> = await em.query(
        sql.LOCK_ROLE,
        [ctx.principal.municipalityId, id, userId],
      );
      if (!role) throw new NotFoundException();
      assertVersion(role.version, ifMatch, 'role assignment');
      const end = endOfAssignment(role, role.today, validTo ?? null);
      if ('error' in end) {
        if (end.error === 'The role assignment has already ended') throw new ConflictException(end.error);
        throw fieldError('validTo', end.error);
      }
      // Nobody could give the role back: the municipality keeps at least one administrator today.
      if (role.role === 'admin' && end.validTo < role.today) {
        const [{ others }]: Array<{ others: number }> = await em.query(sql.OTHER_ADMINS_NOW, [ctx.principal.municipalityId, id]);
        if (others === 0)
          throw new ConflictException('This is the municipality’s last administrator role; give the role to someone else first');
      }
      await em.query(sql.END_ROLE, [ctx.principal.municipalityId, id, end.validTo]);
      await this.record(em, ctx, 'end', 'role_assignment', id);
      return this.roleIn(em, ctx, id);
    });
  }

  private async lockUser(em: EntityManager, ctx: RequestContext, id: string, ifMatch: number): Promise<void> {
    const [user]: Array<{ version: number }> = await em.query(sql.LOCK_USER, [ctx.principal.municipalityId, id]);
    if (!user) throw new NotFoundException();
    assertVersion(user.version, ifMatch, 'user');
  }

  private async userIn(em: EntityManager, ctx: RequestContext, id: string): Promise<UserResponseDto> {
    const [user]: UserResponseDto[] = await em.query(sql.USERS, [ctx.principal.municipalityId, id]);
    if (!user) throw new NotFoundException();
    return user;
  }

  private async roleIn(em: EntityManager, ctx: RequestContext, id: string): Promise<RoleAssignmentResponseDto> {
    const [role]: RoleAssignmentResponseDto[] = await em.query(sql.ROLE_BY_ID, [ctx.principal.municipalityId, id]);
    if (!role) throw new NotFoundException();
    return role;
  }

  private record(em: EntityManager, ctx: RequestContext, action: string, recordType: string, id: string | null, detail?: string) {
    return this.audit.recordFor(em, ctx, { action, recordType, recordId: id, category: detail ?? 'user_admin', basis: 'role' });
  }
}
