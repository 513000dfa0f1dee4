import { auditHash, AuditChainFields, findChainBreak, GENESIS_HASH } from './audit-chain';

const KEY = 'k'.repeat(32);

function chainOf(n: number, key = KEY) {
  const rows: Array<AuditChainFields & { id: string; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: AuditChainFields = {
      chain: 'm1',
      seq: String(i),
      occurredAt: `2026-11-22T10:00:0${i}.000000Z`,
      municipalityId: 'm1',
      actorUserId: 'u1',
      actorRole: 'staff',
      actorUnitId: 'unit1',
      subjectChildId: 'c1',
      action: 'read',
      recordType: 'concern',
      recordId: `r${i}`,
      category: 'concern',
      basis: 'ownership',
      basisRef: null,
      outcome: 'success',
      requestId: `req${i}`,
      prevHash: prev,
    };
    const hash = auditHash(fields, key);
    rows.push({ ...fields, id: `id${i}`, hash });
    prev = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('accepts an intact chain', () => {
    expect(findChainBreak(chainOf(5), KEY)).toBeNull();
  });

  it('finds an edited row', () => {
    const rows = chainOf(5);
    rows[2] = { ...rows[2], basis: 'emergency' };
    expect(findChainBreak(rows, KEY)).toEqual({ chain: 'm1', seq: '3', id: 'id3', problem: 'hash' });
  });

  it('finds a deleted row by the gap it leaves', () => {
    const rows = chainOf(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows, KEY)).toMatchObject({ seq: '3', problem: 'gap' });
  });

  it('finds a row re-hashed without the key', () => {
    const rows = chainOf(5);
    const forged = { ...rows[1], actorUserId: 'someone-else' };
    rows[1] = { ...forged, hash: auditHash(forged, 'a guessed key that is not the real one') };
    expect(findChainBreak(rows, KEY)).toMatchObject({ seq: '2', problem: 'hash' });
  });

  it('finds a chain re-linked after removing a row and renumbering', () => {
    const rows = chainOf(4);
    const renumbered = [rows[0], { ...rows[2], seq: '2' }, { ...rows[3], seq: '3' }];
    expect(findChainBreak(renumbered, KEY)).toMatchObject({ seq: '2', problem: 'link' });
  });
});
