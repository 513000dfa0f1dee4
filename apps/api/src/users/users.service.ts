import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ActingTransactions } from '../database/acting-transactions';
import { assertVersion } from '../http/if-match';
import { UserResponseDto } from './dto/user-response.dto';

const USERS_SQL = `
  SELECT u.id, u.display_name AS "displayName", u.kind, u.active, u.version,
         COALESCE((SELECT json_agg(json_build_object('role', r.role, 'unitName', un.name) ORDER BY r.role, un.name)
                     FROM role_assignment r LEFT JOIN unit un ON un.id = r.unit_id AND un.municipality_id = r.municipality_id
                    WHERE r.user_id = u.id AND r.municipality_id = u.municipality_id), '[]') AS roles
    FROM app_user u
   WHERE u.municipality_id = $1 AND ($2::uuid IS NULL OR u.id = $2)`;

/** User administration for municipal administrators: always within their own municipality. */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<UserResponseDto[]> {
    return this.tx.run(ctx, async (em) => {
      const rows: UserResponseDto[] = await em.query(`${USERS_SQL} ORDER BY u.kind DESC, u.display_name LIMIT 1000`, [
        ctx.principal.municipalityId,
        null,
      ]);
      await this.record(em, ctx, 'read', null);
      return rows;
    });
  }

  /** Enables or disables a user of the municipality, at the version the administrator read (412 otherwise). */
  setActive(ctx: RequestContext, id: string, active: boolean, ifMatch: number): Promise<UserResponseDto> {
    return this.tx.run(ctx, async (em) => {
      const [user]: Array<{ version: number }> = await em.query(
        'SELECT version FROM app_user WHERE id = $1 AND municipality_id = $2 FOR UPDATE',
        [id, ctx.principal.municipalityId],
      );
      if (!user) throw new NotFoundException();
      assertVersion(user.version, ifMatch, 'user');
      await em.query('UPDATE app_user SET active = $2, version = version + 1 WHERE id = $1', [id, active]);
      await this.record(em, ctx, 'update', id);
      const [row] = await em.query(USERS_SQL, [ctx.principal.municipalityId, id]);
      return row;
    });
  }

  private record(em: EntityManager, ctx: RequestContext, action: 'read' | 'update', userId: string | null): Promise<void> {
    return this.audit.recordFor(em, ctx, { action, recordType: 'user', recordId: userId, category: 'user_admin', basis: 'role' });
  }
}
