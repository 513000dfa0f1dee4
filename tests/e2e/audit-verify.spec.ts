import { createTestDatabase, queryOnce, superuserUrl, TestDatabase } from '@stafett/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditSealer } from '../../apps/api/src/audit/audit-sealer';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { AppConfig, loadConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';

const KEY = 'cli-audit-key-'.padEnd(48, 'c');
const M = '44444444-4444-4444-8444-444444444444';

describe('the audit:verify command (main.js --audit-verify)', () => {
  let db: TestDatabase;
  // Never the checkout's .data: the checkpoints of this trail live in a folder of their own.
  const dir = mkdtempSync(join(tmpdir(), 'stafett-audit-verify-'));
  const file = join(dir, 'audit-checkpoints.jsonl');
  const env = () => ({
    PATH: process.env['PATH'] ?? '',
    DATABASE_URL: db.appUrl,
    DATABASE_MIGRATION_URL: db.ownerUrl,
    AUDIT_HMAC_KEY: KEY,
    AUDIT_CHECKPOINT_FILE: file,
    LOG_LEVEL: 'silent',
  });
  const verify = () =>
    spawnSync(process.execPath, [join(__dirname, '../../dist/apps/api/main.js'), '--audit-verify'], { env: env(), encoding: 'utf8' });

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = await new DataSource(dataSourceOptions(db.appUrl)).initialize();
    const audit = new AuditService({ auditHmacKey: KEY } as AppConfig);
    for (let i = 0; i < 4; i++) {
      await ds.transaction((em) =>
        audit.record(em, { municipalityId: M, action: 'read', recordType: 'child', recordId: `c${i}`, outcome: 'success' }),
      );
    }
    await ds.destroy();
    const sealer = new AuditSealer(loadConfig(env()));
    expect(await sealer.sealOnce()).toBe('sealed');
    await sealer.onApplicationShutdown();
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports an intact trail and the checkpoints it was held against, and exits 0', () => {
    const result = verify();
    const [{ sealedAt }] = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(result.stdout).toBe(
      `audit trail intact: 4 event(s) in 1 chain(s)\ncheckpoints: 1 in ${file}, the latest sealed at ${sealedAt}; every sealed event is present\n`,
    );
    expect(result.status).toBe(0);
  });

  it('names the first broken row and exits 1', async () => {
    const url = superuserUrl(db.name);
    const [row] = await queryOnce<{ id: string }>(url, `SELECT id FROM audit_event WHERE seq = 3`);
    await queryOnce(url, 'ALTER TABLE audit_event DISABLE TRIGGER USER');
    await queryOnce(url, `UPDATE audit_event SET actor_role = 'unit_leader' WHERE id = $1`, [row.id]);
    await queryOnce(url, 'ALTER TABLE audit_event ENABLE TRIGGER USER');
    const result = verify();
    expect(result.stdout).toBe(`audit trail BROKEN: chain ${M}, seq 3, id ${row.id}: its content does not match its HMAC\n`);
    expect(result.status).toBe(1);
  });
});
