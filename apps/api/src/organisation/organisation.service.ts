import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_MUNICIPALITY_SETTINGS } from '@stafett/domain';
import type { OrganisationOverview } from '@stafett/domain';
import { Repository } from 'typeorm';
import { Municipality } from './municipality.entity';
import { Service } from './service.entity';
import { Unit } from './unit.entity';

@Injectable()
export class OrganisationService {
  constructor(
    @InjectRepository(Municipality) private readonly municipalities: Repository<Municipality>,
    @InjectRepository(Service) private readonly services: Repository<Service>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
  ) {}

  async listMunicipalities(): Promise<Array<{ id: string; code: string; name: string }>> {
    const rows = await this.municipalities.find({ order: { name: 'ASC' } });
    return rows.map(({ id, code, name }) => ({ id, code, name }));
  }

  /** The municipality's services and units: public facts, no personal data. */
  async overview(code: string): Promise<OrganisationOverview> {
    const municipality = await this.municipalities.findOne({ where: { code } });
    if (!municipality) throw new NotFoundException();
    const [services, units] = await Promise.all([
      this.services.find({ where: { municipalityId: municipality.id }, order: { name: 'ASC' } }),
      this.units.find({ where: { municipalityId: municipality.id }, order: { name: 'ASC' } }),
    ]);
    const settings = { ...DEFAULT_MUNICIPALITY_SETTINGS, ...municipality.settings };
    return {
      municipality: { id: municipality.id, code: municipality.code, name: municipality.name },
      consentPolicy: {
        consentDefaultMonths: settings.consentDefaultMonths,
        youthConsentAge: settings.youthConsentAge,
        guardiansSignForYouth: settings.guardiansSignForYouth,
      },
      services: services.map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name,
        regime: s.regime,
        units: units.filter((u) => u.serviceId === s.id).map((u) => ({ id: u.id, name: u.name })),
      })),
    };
  }
}
