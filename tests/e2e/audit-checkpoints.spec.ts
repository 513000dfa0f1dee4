import { Logger } from '@nestjs/common';
import { createTestDatabase, queryOnce, superuserUrl, TestDatabase } from '@stafett/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { auditHash, AuditChainFields, GENESIS_HASH } from '../../apps/api/src/audit/audit-chain';
import { AuditCheckpoint } from '../../apps/api/src/audit/audit-checkpoint';
import { AuditSealer } from '../../apps/api/src/audit/audit-sealer';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { AppConfig, loadConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';

const KEY = 'checkpoint-audit-key-'.padEnd(48, 'p');
const M1 = '66666666-6666-4666-8666-666666666666';
const M2 = '77777777-7777-4777-8777-777777777777';
const main = join(__dirname, '../../dist/apps/api/main.js');

/**
 * A trail to attack: two chains (M1, M2) written minutes ago, so older than the verifier's grace,
 * sealed into a checkpoint file by the real sealer; `audit:verify` runs as the built main.js.
 */
interface Trail {
  db: TestDatabase;
  file: string;
  config: AppConfig;
  sealer: AuditSealer;
  /** Appends events as the application's login would, dated `minutesAgo`. */
  append(chain: string, count: number, minutesAgo?: number): Promise<void>;
  verify(args?: string[], env?: Record<string, string>): { status: number | null; lines: string[] };
  checkpoints(): AuditCheckpoint[];
  /** Deletes as an attacker with superuser rights: the triggers out of the way, then back. */
  deleteAsSuperuser(where: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function trail(sink: 'file' | 'log' = 'file'): Promise<Trail> {
  const db = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'stafett-audit-cp-'));
  const file = join(dir, 'audit-checkpoints.jsonl');
  const env = {
    DATABASE_URL: db.appUrl,
    DATABASE_MIGRATION_URL: db.ownerUrl,
    AUDIT_HMAC_KEY: KEY,
    AUDIT_CHECKPOINT_FILE: file,
    AUDIT_CHECKPOINT_SINK: sink,
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig(env);
  const sealer = new AuditSealer(config);
  const app = new Client({ connectionString: db.appUrl });
  await app.connect();
  return {
    db,
    file,
    config,
    sealer,
    async append(chain, count, minutesAgo = 10) {
      const [last] = (
        await app.query('SELECT seq::text AS seq, hash FROM audit_event WHERE chain = $1 ORDER BY audit_event.seq DESC LIMIT 1', [chain])
      ).rows;
      let seq = BigInt(last?.seq ?? 0);
      let prevHash: string = last?.hash ?? GENESIS_HASH;
      const start = Date.now() - minutesAgo * 60_000;
      for (let i = 0; i < count; i++) {
        seq++;
        const fields: AuditChainFields = {
          chain,
          seq: String(seq),
          // Microseconds, as the verifier renders occurred_at.
          occurredAt: new Date(start + i).toISOString().replace('Z', '000Z'),
          municipalityId: chain,
          actorUserId: null,
          actorRole: 'staff',
          actorUnitId: null,
          subjectChildId: null,
          action: 'read',
          recordType: 'child',
          recordId: `r${seq}`,
          category: null,
          basis: 'ownership',
          basisRef: null,
          outcome: 'success',
          requestId: null,
          prevHash,
        };
        const hash = auditHash(fields, KEY);
        await app.query(
          `INSERT INTO audit_event (chain, seq, occurred_at, municipality_id, actor_role, action, record_type, record_id, basis, outcome, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [chain, fields.seq, fields.occurredAt, chain, 'staff', 'read', 'child', fields.recordId, 'ownership', 'success', prevHash, hash],
        );
        prevHash = hash;
      }
    },
    verify(args = [], extraEnv = {}) {
      const result = spawnSync(process.execPath, [main, '--audit-verify', ...args], {
        env: { PATH: process.env['PATH'] ?? '', ...env, ...extraEnv },
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (result.stderr) throw new Error(result.stderr);
      return { status: result.status, lines: result.stdout.split('\n').filter(Boolean) };
    },
    checkpoints() {
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditCheckpoint);
    },
    async deleteAsSuperuser(where, params = []) {
      const url = superuserUrl(db.name);
      await queryOnce(url, 'ALTER TABLE audit_event DISABLE TRIGGER USER');
      try {
        await queryOnce(url, `DELETE FROM audit_event WHERE ${where}`, params);
      } finally {
        await queryOnce(url, 'ALTER TABLE audit_event ENABLE TRIGGER USER');
      }
    },
    async close() {
      // The sealer seals once more at shutdown; on the log sink that line is of no use here.
      const quiet = sink === 'log' ? jest.spyOn(process.stdout, 'write').mockImplementation(() => true) : null;
      try {
        await sealer.onApplicationShutdown();
      } finally {
        quiet?.mockRestore();
      }
      await app.end();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('audit:verify holds the chains against sealed checkpoints (SECURITY.md S28)', () => {
  let t: Trail;
  // The sealer logs what it sees lost; the tests assert that through a spy, not on the console.
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => t?.close());

  /** Two chains, sealed once: M1 up to seq 60, M2 up to seq 5. */
  async function sealedTrail(): Promise<string> {
    t = await trail();
    await t.append(M1, 60);
    await t.append(M2, 5);
    expect(await t.sealer.sealOnce()).toBe('sealed');
    const [checkpoint] = t.checkpoints();
    expect(checkpoint).toMatchObject({
      n: 1,
      prev: null,
      chains: [expect.objectContaining({ chain: M1, seq: '60' }), expect.objectContaining({ chain: M2, seq: '5' })],
    });
    return checkpoint.sealedAt;
  }

  it('says intact and exits 0 on an untouched trail, naming the checkpoints it was held against', async () => {
    const sealedAt = await sealedTrail();
    expect(t.verify()).toEqual({
      status: 0,
      lines: [
        'audit trail intact: 65 event(s) in 2 chain(s)',
        `checkpoints: 1 in ${t.file}, the latest sealed at ${sealedAt}; every sealed event is present`,
      ],
    });
  });

  it('names the chain and the missing seq when the last event of a chain is deleted, also after the sealer saw the shorter chain', async () => {
    const sealedAt = await sealedTrail();
    await t.deleteAsSuperuser('chain = $1 AND seq = 60', [M1]);
    const missing = `audit trail BROKEN: chain ${M1}: missing tail: the events after seq 59 up to seq 60 are gone (1 event(s); sealed at ${sealedAt}, checkpoint line 1)`;
    expect(t.verify()).toEqual({ status: 1, lines: [missing] });

    // The sealer keeps running: it says so in the log and seals the shorter head, which hides nothing.
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      expect(await t.sealer.sealOnce()).toBe('sealed');
      expect(errors).toHaveBeenCalledWith(`audit chain ${M1} lost its sealed event at seq 60: it now ends at seq 59`);
    } finally {
      errors.mockRestore();
    }
    expect(t.checkpoints().map((c) => c.chains)).toEqual([expect.any(Array), [{ chain: M1, seq: '59', hash: expect.any(String) }]]);
    expect(t.verify()).toEqual({ status: 1, lines: [missing] });
  });

  it('names the chain and the 50 missing seqs when the last 50 events are deleted', async () => {
    const sealedAt = await sealedTrail();
    await t.deleteAsSuperuser('chain = $1 AND seq > 10', [M1]);
    expect(t.verify()).toEqual({
      status: 1,
      lines: [
        `audit trail BROKEN: chain ${M1}: missing tail: the events after seq 10 up to seq 60 are gone (50 event(s); sealed at ${sealedAt}, checkpoint line 1)`,
      ],
    });
  });

  it('names a whole chain that was deleted', async () => {
    const sealedAt = await sealedTrail();
    await t.deleteAsSuperuser('chain = $1', [M2]);
    expect(t.verify()).toEqual({
      status: 1,
      lines: [`audit trail BROKEN: chain ${M2} is missing: its events seq 1 up to 5 were sealed at ${sealedAt} (checkpoint line 1)`],
    });
  });

  it('names a chain cut and written anew past its sealed head by the application', async () => {
    const sealedAt = await sealedTrail();
    await t.deleteAsSuperuser('chain = $1 AND seq > 10', [M1]);
    const ds = await new DataSource(dataSourceOptions(t.db.appUrl, { extra: { max: 1 } })).initialize();
    try {
      const audit = new AuditService(t.config);
      for (let i = 0; i < 55; i++) {
        await ds.transaction((em) => audit.record(em, { municipalityId: M1, action: 'read', recordType: 'child', outcome: 'success' }));
      }
    } finally {
      await ds.destroy();
    }
    expect(t.verify()).toEqual({
      status: 1,
      lines: [
        `audit trail BROKEN: chain ${M1}: rewritten: seq 60 is not the event sealed at ${sealedAt} (checkpoint line 1): the chain was cut and written anew`,
      ],
    });
  });

  describe('the checkpoint file itself', () => {
    /** Three checkpoints: M1 sealed at 60, 65 and 70, M2 at 5. */
    async function threeCheckpoints(): Promise<string[]> {
      await sealedTrail();
      for (const minutesAgo of [8, 6]) {
        await t.append(M1, 5, minutesAgo);
        expect(await t.sealer.sealOnce()).toBe('sealed');
      }
      const lines = readFileSync(t.file, 'utf8').split('\n').filter(Boolean);
      expect(lines).toHaveLength(3);
      expect(t.verify().status).toBe(0);
      return lines;
    }
    const write = (lines: string[]) => writeFileSync(t.file, lines.map((l) => `${l}\n`).join(''));

    it('names an edited checkpoint', async () => {
      const lines = await threeCheckpoints();
      write([lines[0], lines[1].replace(/"seq":"65"/, '"seq":"64"'), lines[2]]);
      expect(t.verify()).toEqual({
        status: 1,
        lines: [
          `audit trail BROKEN: checkpoints ${t.file} line 2: checkpoint #2 does not match its HMAC (edited, or sealed with another key)`,
        ],
      });
    });

    it('names reordered checkpoints', async () => {
      const lines = await threeCheckpoints();
      write([lines[0], lines[2], lines[1]]);
      expect(t.verify()).toEqual({
        status: 1,
        lines: [
          `audit trail BROKEN: checkpoints ${t.file} line 2: checkpoint #3 does not follow checkpoint #1 on line 1: checkpoints were removed, reordered or inserted`,
          `audit trail BROKEN: checkpoints ${t.file} line 3: checkpoint #2 does not follow checkpoint #3 on line 2: checkpoints were removed, reordered or inserted`,
        ],
      });
    });

    it('names a checkpoint removed from the middle', async () => {
      const lines = await threeCheckpoints();
      write([lines[0], lines[2]]);
      expect(t.verify()).toEqual({
        status: 1,
        lines: [
          `audit trail BROKEN: checkpoints ${t.file} line 2: checkpoint #3 does not follow checkpoint #1 on line 1: checkpoints were removed, reordered or inserted`,
        ],
      });
    });

    it('shows a file cut short by the events its lost checkpoints had sealed', async () => {
      const lines = await threeCheckpoints();
      const since = (seq: number) => `chain ${M1}: seq ${seq} up to 70`;
      write(lines.slice(0, 2));
      expect(t.verify()).toEqual({
        status: 1,
        lines: [
          expect.stringMatching(
            new RegExp(
              `^audit trail BROKEN: ${since(66)} \\(from .+\\) are sealed by no checkpoint: the checkpoints were cut short or removed, or no sealer ran$`,
            ),
          ),
        ],
      });
      // Cut in the middle of its last line.
      write(lines);
      truncateSync(t.file, lines[0].length + lines[1].length + 2 + 40);
      expect(t.verify()).toEqual({
        status: 1,
        lines: [
          expect.stringContaining(`audit trail BROKEN: ${since(66)} (from `),
          `audit trail BROKEN: checkpoints ${t.file} line 3: is not a checkpoint (damaged, or cut short)`,
        ],
      });
      // Emptied.
      truncateSync(t.file, 0);
      expect(t.verify()).toEqual({
        status: 1,
        lines: [
          expect.stringContaining(`audit trail BROKEN: chain ${M1}: seq 1 up to 70 (from `),
          expect.stringContaining(`audit trail BROKEN: chain ${M2}: seq 1 up to 5 (from `),
        ],
      });
    });

    it('exits non-zero when the file is missing but the chains hold events older than the seal interval', async () => {
      await sealedTrail();
      unlinkSync(t.file);
      expect(t.verify()).toEqual({
        status: 1,
        lines: [
          expect.stringMatching(new RegExp(`^audit trail BROKEN: chain ${M1}: seq 1 up to 60 \\(from .+\\) are sealed by no checkpoint`)),
          expect.stringMatching(new RegExp(`^audit trail BROKEN: chain ${M2}: seq 1 up to 5 \\(from .+\\) are sealed by no checkpoint`)),
          `audit trail WARNING: there is no checkpoint file at ${t.file}: a deleted tail or chain shows only once it is sealed`,
        ],
      });
    });
  });

  it('reads rotated checkpoint files in order as one chain, and names a rotated file read alone', async () => {
    await sealedTrail();
    const rotated = join(t.file, '..', 'audit-checkpoints.1.jsonl');
    renameSync(t.file, rotated);
    await t.append(M1, 5, 5);
    expect(await t.sealer.sealOnce()).toBe('sealed');
    // The first checkpoint of the new file follows the last of the rotated one.
    expect(t.checkpoints()).toEqual([expect.objectContaining({ n: 2, prev: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(t.verify(['--checkpoints', rotated, '--checkpoints', t.file])).toMatchObject({
      status: 0,
      lines: [
        'audit trail intact: 70 event(s) in 2 chain(s)',
        expect.stringContaining(`checkpoints: 2 in ${rotated}, ${t.file}, the latest sealed at`),
      ],
    });
    expect(t.verify()).toEqual({
      status: 1,
      lines: [
        expect.stringMatching(new RegExp(`^audit trail BROKEN: chain ${M2}: seq 1 up to 5 \\(from .+\\) are sealed by no checkpoint`)),
        `audit trail BROKEN: checkpoints ${t.file} line 1: checkpoint #2 follows checkpoints that are not in the file: its beginning was removed`,
      ],
    });
  });

  describe('without a checkpoint file', () => {
    it('passes fresh events with a warning while nothing should have been sealed yet', async () => {
      t = await trail();
      await t.append(M1, 3, 0);
      expect(t.verify()).toEqual({
        status: 0,
        lines: [
          'audit trail intact: 3 event(s) in 1 chain(s)',
          `audit trail WARNING: there is no checkpoint file at ${t.file}: a deleted tail or chain shows only once it is sealed`,
        ],
      });
      expect(t.verify(['--require-checkpoints']).status).toBe(1);
    });

    it('with AUDIT_CHECKPOINT_SINK=off warns that truncation cannot be seen, and --require-checkpoints makes that a failure', async () => {
      t = await trail();
      await t.append(M1, 3);
      const warning = 'no checkpoints are sealed (AUDIT_CHECKPOINT_SINK=off); a deleted tail or chain cannot be detected';
      expect(t.verify([], { AUDIT_CHECKPOINT_SINK: 'off' })).toEqual({
        status: 0,
        lines: ['audit trail intact: 3 event(s) in 1 chain(s)', `audit trail WARNING: ${warning}`],
      });
      expect(t.verify(['--require-checkpoints'], { AUDIT_CHECKPOINT_SINK: 'off' })).toEqual({
        status: 1,
        lines: ['audit trail intact: 3 event(s) in 1 chain(s)', `audit trail NOT VERIFIED: ${warning}`],
      });
    });
  });

  it('reads checkpoints collected from the log sink with --checkpoints <file>', async () => {
    t = await trail('log');
    await t.append(M1, 20);
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      if (String(chunk).includes('"auditCheckpoint"')) written.push(String(chunk));
      else write(chunk);
      return true;
    });
    try {
      expect(await t.sealer.sealOnce()).toBe('sealed');
      await t.append(M1, 5, 5);
      expect(await t.sealer.sealOnce()).toBe('sealed');
    } finally {
      stdout.mockRestore();
    }
    expect(written).toHaveLength(2);
    const collected = join(t.file, '..', 'collected.log');
    writeFileSync(collected, ['{"level":30,"msg":"Stafett listening on http://localhost:3000"}\n', ...written].join(''));
    const logSink = { AUDIT_CHECKPOINT_SINK: 'log' };
    expect(t.verify([], logSink)).toEqual({
      status: 0,
      lines: [
        'audit trail intact: 25 event(s) in 1 chain(s)',
        'audit trail WARNING: checkpoints go to the log (AUDIT_CHECKPOINT_SINK=log): pass the collected lines with --checkpoints <file>; a deleted tail or chain cannot be detected',
      ],
    });
    expect(t.verify(['--checkpoints', collected], logSink)).toMatchObject({
      status: 0,
      lines: ['audit trail intact: 25 event(s) in 1 chain(s)', expect.stringMatching(/^checkpoints: 2 in /)],
    });
    await t.deleteAsSuperuser('chain = $1 AND seq > 23', [M1]);
    expect(t.verify(['--checkpoints', collected], logSink)).toEqual({
      status: 1,
      lines: [
        expect.stringMatching(
          new RegExp(
            `^audit trail BROKEN: chain ${M1}: missing tail: the events after seq 23 up to seq 25 are gone \\(2 event\\(s\\); sealed at .+, checkpoint line 3\\)$`,
          ),
        ),
      ],
    });
  });
});
