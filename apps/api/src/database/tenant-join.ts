/**
 * The join columns of a foreign key between tenant tables: always `(municipality_id, <column>)`
 * against the target's `UNIQUE (municipality_id, id)`, so a row of one municipality can never
 * point at another's.
 */
export const tenantJoin = (column: string) => [
  { name: 'municipality_id', referencedColumnName: 'municipalityId' },
  { name: column, referencedColumnName: 'id' },
];
