import { AuditCheckpoint, checkpointKey, readCheckpoints, sealCheckpoint } from './audit-checkpoint';

const KEY = checkpointKey('k'.repeat(32));
const hash = (i: number) => i.toString(16).padStart(64, '0');

function file(n: number, key = KEY): AuditCheckpoint[] {
  const checkpoints: AuditCheckpoint[] = [];
  for (let i = 1; i <= n; i++) {
    const prev = checkpoints.at(-1) ?? null;
    checkpoints.push(
      sealCheckpoint(
        {
          n: i,
          sealer: 's1',
          sealedAt: `2026-12-03T10:00:0${i}.000000Z`,
          chains: [{ chain: 'm1', seq: String(i * 10), hash: hash(i) }],
          prev: prev?.hmac ?? null,
        },
        key,
      ),
    );
  }
  return checkpoints;
}
const text = (checkpoints: Array<AuditCheckpoint | string>) =>
  checkpoints.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join('\n') + '\n';

describe('audit checkpoints', () => {
  it('accepts an intact file as one segment', () => {
    const report = readCheckpoints(text(file(4)), KEY);
    expect(report.problems).toEqual([]);
    expect(report.authentic.map((c) => [c.line, c.checkpoint.n])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(report.segments).toBe(1);
  });

  it('is domain-separated from the row HMAC: another key gives another checkpoint HMAC', () => {
    expect(checkpointKey('k'.repeat(32)).equals(Buffer.from('k'.repeat(32)))).toBe(false);
    const [a] = file(1);
    const [b] = file(1, checkpointKey('j'.repeat(32)));
    expect(a.hmac).not.toBe(b.hmac);
    expect(readCheckpoints(text([b]), KEY).problems).toEqual([
      { line: 1, message: 'checkpoint #1 does not match its HMAC (edited, or sealed with another key)' },
    ]);
  });

  it('names an edited checkpoint, and keeps trusting only the authentic ones', () => {
    const checkpoints = file(3);
    checkpoints[1] = { ...checkpoints[1], chains: [{ chain: 'm1', seq: '5', hash: hash(2) }] };
    const report = readCheckpoints(text(checkpoints), KEY);
    expect(report.problems).toEqual([{ line: 2, message: 'checkpoint #2 does not match its HMAC (edited, or sealed with another key)' }]);
    expect(report.authentic.map((c) => c.checkpoint.n)).toEqual([1, 3]);
  });

  it('names a checkpoint removed from the middle, and two swapped', () => {
    const checkpoints = file(4);
    expect(readCheckpoints(text([checkpoints[0], checkpoints[2], checkpoints[3]]), KEY).problems).toEqual([
      { line: 2, message: 'checkpoint #3 does not follow checkpoint #1 on line 1: checkpoints were removed, reordered or inserted' },
    ]);
    expect(readCheckpoints(text([checkpoints[0], checkpoints[2], checkpoints[1], checkpoints[3]]), KEY).problems).toEqual([
      { line: 2, message: 'checkpoint #3 does not follow checkpoint #1 on line 1: checkpoints were removed, reordered or inserted' },
      { line: 3, message: 'checkpoint #2 does not follow checkpoint #3 on line 2: checkpoints were removed, reordered or inserted' },
      { line: 4, message: 'checkpoint #4 does not follow checkpoint #2 on line 3: checkpoints were removed, reordered or inserted' },
    ]);
  });

  it('names a file whose beginning was removed, and a line cut short', () => {
    const checkpoints = file(3);
    expect(readCheckpoints(text(checkpoints.slice(1)), KEY).problems).toEqual([
      { line: 1, message: 'checkpoint #2 follows checkpoints that are not in the file: its beginning was removed' },
    ]);
    const cut = text(checkpoints).slice(0, -40);
    expect(readCheckpoints(cut, KEY).problems).toEqual([{ line: 3, message: 'is not a checkpoint (damaged, or cut short)' }]);
  });

  it('reads checkpoints out of a collected JSON log, skipping other log lines', () => {
    const checkpoints = file(2);
    const log = [
      '{"level":30,"msg":"Stafett listening on http://localhost:3000"}',
      ...checkpoints.map((c) => JSON.stringify({ level: 30, context: 'AuditSealer', msg: 'audit checkpoint', auditCheckpoint: c })),
      '{"level":30,"req":{"method":"GET"},"msg":"request completed"}',
    ];
    const report = readCheckpoints(log.join('\n'), KEY);
    expect(report.problems).toEqual([]);
    expect(report.authentic.map((c) => c.line)).toEqual([2, 3]);
  });

  it('accepts a new segment (a new sealer on the log) after the first', () => {
    const first = file(2);
    const second = file(1).map((c) => sealCheckpoint({ ...c, sealer: 's2' }, KEY));
    const report = readCheckpoints(text([...first, ...second]), KEY);
    expect(report.problems).toEqual([]);
    expect(report.segments).toBe(2);
  });
});
