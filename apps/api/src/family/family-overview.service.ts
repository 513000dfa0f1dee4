import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { defineAbilityFor, familyRoleOf } from '@stafett/domain';
import type { CaseSummaryResponse, FamilyMunicipalityOverview, Principal } from '@stafett/domain';
import { DataSource } from 'typeorm';
import { SessionsService } from '../auth/sessions.service';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CasesService } from '../cases/cases.service';

/** Cases listed per municipality in the overview; the current municipality's own page lists the rest. */
const OVERVIEW_CASES = 50;

/**
 * The family portal's overview for a person who is a citizen of more than one municipality: the cases
 * of each municipality as that municipality's user sees them. Each list runs as its own principal
 * (row-level security acts as one municipality's user at a time) and is audited in its municipality.
 */
@Injectable()
export class FamilyOverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly cases: CasesService,
  ) {}

  async overview(ctx: RequestContext): Promise<FamilyMunicipalityOverview[]> {
    const users = await this.sessions.citizenUsersOf(this.dataSource, ctx.principal);
    const out: FamilyMunicipalityOverview[] = [];
    for (const user of users) {
      const principal: Principal | null = user.current
        ? ctx.principal
        : await this.sessions.citizenPrincipal(user.userId, user.municipalityId);
      if (!principal) continue;
      const ability = user.current ? ctx.ability : defineAbilityFor(principal);
      let cases: CaseSummaryResponse[] = [];
      let more = false;
      // A guardian without parental responsibility there (and no youth of their own) reads no case in that municipality.
      if (ability.can('read', 'Case')) {
        const page = await this.cases.list({ principal, ability, requestId: ctx.requestId }, { limit: OVERVIEW_CASES });
        cases = page.items;
        more = page.next !== null;
      }
      out.push({ ...user, familyRole: familyRoleOf(principal) ?? 'guardian', cases, more });
    }
    return out;
  }
}
