import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthorizationGuard } from './authorization/authorization.guard';
import { AuditModule } from './audit/audit.module';
import { ChildrenModule } from './children/children.module';
import { RegistersModule } from './registers/registers.module';
import { ConcernsModule } from './concerns/concerns.module';
import { DiscussionsModule } from './discussions/discussions.module';
import { ReportsModule } from './reports/reports.module';
import { CasesModule } from './cases/cases.module';
import { ConsentsModule } from './consents/consents.module';
import { CoordinationModule } from './coordination/coordination.module';
import { FamilyModule } from './family/family.module';
import { MeetingsModule } from './meetings/meetings.module';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';
import { TeamsModule } from './teams/teams.module';
import { UsersModule } from './users/users.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { OrganisationModule } from './organisation/organisation.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { RateLimitGuard } from './rate-limits/rate-limit.guard';
import { RateLimitsModule } from './rate-limits/rate-limits.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        AuditModule,
        AuthModule,
        HealthModule,
        OrganisationModule,
        ChildrenModule,
        RegistersModule,
        UsersModule,
        ConcernsModule,
        ReportsModule,
        DiscussionsModule,
        CasesModule,
        TeamsModule,
        CoordinationModule,
        PlansModule,
        MeetingsModule,
        ConsentsModule,
        FamilyModule,
        TasksModule,
        RateLimitsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthorizationGuard },
        // After the authorization guard: per-user limits need the principal it resolves.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
