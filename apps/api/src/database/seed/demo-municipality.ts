import type { ServiceKind } from '@stafett/domain';
import type { StaffRole } from '../../users/role-assignment.entity';

/**
 * The demo municipality: invented place, invented people. National identity numbers are
 * synthetic (month + 80) and are generated from the birth dates, so they pass the checksum but
 * can never belong to a real person.
 */
export const DEMO_MUNICIPALITY = { code: '9999', name: 'Fjordvik kommune' };

export const DEMO_SERVICES: Array<{ key: string; kind: ServiceKind; name: string; units: Array<{ key: string; name: string }> }> = [
  {
    key: 'kindergarten',
    kind: 'kindergarten',
    name: 'Barnehagetjenesten',
    units: [
      { key: 'sentrum-bhg', name: 'Sentrum barnehage' },
      { key: 'nordli-bhg', name: 'Nordli barnehage' },
    ],
  },
  { key: 'school', kind: 'school', name: 'Skoletjenesten', units: [{ key: 'fjordvik-skole', name: 'Fjordvik skole' }] },
  {
    key: 'health',
    kind: 'health_station',
    name: 'Helsestasjon og skolehelsetjeneste',
    units: [{ key: 'helsestasjon', name: 'Fjordvik helsestasjon' }],
  },
  { key: 'ppt', kind: 'ppt', name: 'PPT', units: [{ key: 'ppt', name: 'PPT Fjordvik' }] },
  {
    key: 'child-welfare',
    kind: 'child_welfare',
    name: 'Barneverntjenesten',
    units: [{ key: 'barnevern', name: 'Fjordvik barneverntjeneste' }],
  },
];

export interface DemoStaff {
  key: string;
  displayName: string;
  roles: Array<{ role: StaffRole; unit?: string }>;
}

/** One staff user per role, in units of several services. */
export const DEMO_STAFF: DemoStaff[] = [
  { key: 'kari.larsen', displayName: 'Kari Larsen (pedagogisk leder)', roles: [{ role: 'staff', unit: 'sentrum-bhg' }] },
  { key: 'siri.nilsen', displayName: 'Siri Nilsen (barnehagelærer)', roles: [{ role: 'staff', unit: 'sentrum-bhg' }] },
  { key: 'ola.berg', displayName: 'Ola Berg (styrer)', roles: [{ role: 'unit_leader', unit: 'sentrum-bhg' }] },
  { key: 'nina.dahl', displayName: 'Nina Dahl (lærer)', roles: [{ role: 'staff', unit: 'fjordvik-skole' }] },
  { key: 'per.lund', displayName: 'Per Lund (rektor)', roles: [{ role: 'unit_leader', unit: 'fjordvik-skole' }] },
  { key: 'hanne.moe', displayName: 'Hanne Moe (helsesykepleier)', roles: [{ role: 'staff', unit: 'helsestasjon' }] },
  { key: 'eva.strand', displayName: 'Eva Strand (PPT-rådgiver)', roles: [{ role: 'staff', unit: 'ppt' }] },
  { key: 'jon.vik', displayName: 'Jon Vik (barnevernskonsulent)', roles: [{ role: 'staff', unit: 'barnevern' }] },
  { key: 'lise.aas', displayName: 'Lise Aas (kommunal administrator)', roles: [{ role: 'admin' }] },
  { key: 'tor.holm', displayName: 'Tor Holm (personvernombud)', roles: [{ role: 'privacy_officer' }] },
];

export interface DemoChild {
  key: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  unit: string;
  group: string;
  guardians: Array<{ key: string; displayName: string; birthDate: string; parentalResponsibility: boolean }>;
}

export const DEMO_CHILDREN: DemoChild[] = [
  {
    key: 'emma',
    givenName: 'Emma',
    familyName: 'Nordmann',
    birthDate: '2021-04-12',
    unit: 'sentrum-bhg',
    group: 'Blåklokka',
    guardians: [
      { key: 'anne.nordmann', displayName: 'Anne Nordmann', birthDate: '1988-09-03', parentalResponsibility: true },
      { key: 'erik.nordmann', displayName: 'Erik Nordmann', birthDate: '1986-02-21', parentalResponsibility: true },
    ],
  },
  {
    key: 'lucas',
    givenName: 'Lucas',
    familyName: 'Hansen',
    birthDate: '2016-08-30',
    unit: 'fjordvik-skole',
    group: '4B',
    guardians: [
      { key: 'maria.hansen', displayName: 'Maria Hansen', birthDate: '1990-06-17', parentalResponsibility: true },
      { key: 'geir.hansen', displayName: 'Geir Hansen', birthDate: '1984-11-05', parentalResponsibility: false },
    ],
  },
  {
    key: 'sofie',
    givenName: 'Sofie',
    familyName: 'Johansen',
    birthDate: '2009-01-19',
    unit: 'fjordvik-skole',
    group: '10A',
    guardians: [{ key: 'linda.johansen', displayName: 'Linda Johansen', birthDate: '1979-03-08', parentalResponsibility: true }],
  },
];
