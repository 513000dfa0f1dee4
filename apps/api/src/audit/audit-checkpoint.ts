import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a chain ended when it was sealed. `seq` "0" records a chain the sealer no longer found. */
export interface SealedHead {
  chain: string;
  seq: string;
  hash: string;
}

/**
 * One line of the checkpoint file (or of the log): the heads of the chains that changed since the
 * previous checkpoint — every chain at the start of a segment — HMAC'd and chained to the previous
 * checkpoint, so that the file cannot be edited, reordered or cut in the middle unnoticed. Holds
 * chain ids, seqs and hashes only: no personal data.
 */
export interface AuditCheckpoint {
  v: 1;
  /** Position in its segment, from 1. */
  n: number;
  /** Random id of the process that sealed it. */
  sealer: string;
  /** The database's clock when the heads were read (UTC, microseconds). */
  sealedAt: string;
  chains: SealedHead[];
  /** HMAC of the checkpoint before it; null starts a segment (a new file, or a new sealer on the log). */
  prev: string | null;
  hmac: string;
}

const DOMAIN = 'stafett audit checkpoint v1';
const HEX64 = /^[0-9a-f]{64}$/;

/** Derived from AUDIT_HMAC_KEY, so a checkpoint's HMAC can never be mistaken for a row's. */
export function checkpointKey(auditHmacKey: string): Buffer {
  return createHmac('sha256', auditHmacKey).update(DOMAIN).digest();
}

function checkpointHmac(c: Omit<AuditCheckpoint, 'hmac'>, key: Buffer): string {
  const chains = c.chains.map((h) => [h.chain, h.seq, h.hash]);
  return createHmac('sha256', key)
    .update(JSON.stringify([c.v, c.n, c.sealer, c.sealedAt, chains, c.prev]))
    .digest('hex');
}

export function sealCheckpoint(fields: Omit<AuditCheckpoint, 'v' | 'hmac'>, key: Buffer): AuditCheckpoint {
  const unsigned = { v: 1 as const, ...fields };
  return { ...unsigned, hmac: checkpointHmac(unsigned, key) };
}

function wellFormed(value: unknown): value is AuditCheckpoint {
  const c = value as AuditCheckpoint;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.v === 1 &&
    Number.isSafeInteger(c.n) &&
    c.n >= 1 &&
    typeof c.sealer === 'string' &&
    typeof c.sealedAt === 'string' &&
    Array.isArray(c.chains) &&
    c.chains.every((h) => typeof h?.chain === 'string' && /^\d+$/.test(h?.seq) && HEX64.test(h?.hash)) &&
    (c.prev === null || HEX64.test(c.prev)) &&
    typeof c.hmac === 'string' &&
    HEX64.test(c.hmac)
  );
}

export function isAuthentic(c: AuditCheckpoint, key: Buffer): boolean {
  return timingSafeEqual(Buffer.from(checkpointHmac(c, key), 'hex'), Buffer.from(c.hmac, 'hex'));
}

/**
 * One line as the file sink writes it (the checkpoint itself) or as the log sink does (a log line
 * whose `auditCheckpoint` holds it). `other` is another log line; `damaged` anything else.
 */
export function parseCheckpointLine(line: string): { checkpoint: AuditCheckpoint } | 'other' | 'damaged' {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line);
  } catch {
    return 'damaged';
  }
  if (typeof value !== 'object' || value === null) return 'damaged';
  const candidate = 'auditCheckpoint' in value ? value['auditCheckpoint'] : 'hmac' in value ? value : undefined;
  if (candidate === undefined) return 'msg' in value ? 'other' : 'damaged';
  return wellFormed(candidate) ? { checkpoint: candidate } : 'damaged';
}

export interface CheckpointAtLine {
  line: number;
  checkpoint: AuditCheckpoint;
}

/** Where a line stands: the file (or collected log) and its line number, from 1. */
export interface LinePlace {
  source: string;
  line: number;
}

/**
 * Reads checkpoint lines one at a time, from one file or several (rotated files, oldest first),
 * and checks each checkpoint's HMAC and its link to the one before it. A cut at the end leaves no
 * broken link: the verifier finds it by the events the missing checkpoints had sealed. Holds
 * nothing per line but the problems; authentic checkpoints go to `onAuthentic`.
 */
export class CheckpointReader {
  readonly problems: Array<LinePlace & { message: string }> = [];
  segments = 0;
  authentic = 0;
  latest: AuditCheckpoint | null = null;
  // undefined: nothing before this line yet; null: the line before could not be read.
  private before: (LinePlace & { n: number; hmac: string }) | null | undefined = undefined;

  constructor(
    private readonly key: Buffer,
    private readonly onAuthentic: (checkpoint: AuditCheckpoint, at: LinePlace) => void = () => undefined,
  ) {}

  read(text: string, at: LinePlace): void {
    if (text.trim() === '') return;
    const parsed = parseCheckpointLine(text);
    if (parsed === 'other') return;
    if (parsed === 'damaged') {
      this.problems.push({ ...at, message: 'is not a checkpoint (damaged, or cut short)' });
      this.before = null;
      return;
    }
    const c = parsed.checkpoint;
    if (!isAuthentic(c, this.key)) {
      this.problems.push({ ...at, message: `checkpoint #${c.n} does not match its HMAC (edited, or sealed with another key)` });
    } else {
      this.authentic++;
      this.latest = c;
      this.onAuthentic(c, at);
    }
    const before = this.before;
    if (c.prev === null) {
      if (c.n !== 1) this.problems.push({ ...at, message: `checkpoint #${c.n} has no predecessor, yet is not the first of a segment` });
      this.segments++;
    } else if (before === undefined) {
      this.problems.push({ ...at, message: `checkpoint #${c.n} follows checkpoints that are not in the file: its beginning was removed` });
    } else if (before !== null && (c.prev !== before.hmac || c.n !== before.n + 1)) {
      const where = before.source === at.source ? `line ${before.line}` : `${before.source} line ${before.line}`;
      this.problems.push({
        ...at,
        message: `checkpoint #${c.n} does not follow checkpoint #${before.n} on ${where}: checkpoints were removed, reordered or inserted`,
      });
    }
    this.before = { ...at, n: c.n, hmac: c.hmac };
  }
}

export interface CheckpointFileReport {
  /** Checkpoints whose HMAC holds: what they say about the chains is true, wherever they stand. */
  authentic: CheckpointAtLine[];
  /** One line each: a damaged or edited checkpoint, or one that does not follow the one before it. */
  problems: Array<{ line: number; message: string }>;
  segments: number;
}

/** One file's text at once (small files, tests); the verifier streams through CheckpointReader. */
export function readCheckpoints(text: string, key: Buffer): CheckpointFileReport {
  const authentic: CheckpointAtLine[] = [];
  const reader = new CheckpointReader(key, (checkpoint, at) => authentic.push({ line: at.line, checkpoint }));
  text.split('\n').forEach((line, i) => reader.read(line, { source: '', line: i + 1 }));
  return { authentic, problems: reader.problems.map(({ line, message }) => ({ line, message })), segments: reader.segments };
}
