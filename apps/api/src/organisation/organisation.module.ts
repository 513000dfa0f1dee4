import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Municipality } from './municipality.entity';
import { OrganisationAdminController } from './organisation-admin.controller';
import { OrganisationAdminService } from './organisation-admin.service';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';
import { Service } from './service.entity';
import { Unit } from './unit.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Municipality, Service, Unit])],
  controllers: [OrganisationController, OrganisationAdminController],
  providers: [OrganisationService, OrganisationAdminService],
  exports: [OrganisationService],
})
export class OrganisationModule {}
