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

export interface CheckpointFileReport {
  /** Checkpoints whose HMAC holds: what they say about the chains is true, wherever they stand. */
  authentic: CheckpointAtLine[];
  /** One line each: a damaged or edited checkpoint, or one that does not follow the one before it. */
  problems: Array<{ line: number; message: string }>;
  segments: number;
}

/**
 * Reads a checkpoint file (or a log holding checkpoint lines) and checks each checkpoint's HMAC
 * and its link to the one before it. A cut at the end leaves no broken link: the verifier finds
 * it by the events the missing checkpoints had sealed.
 */
export function readCheckpoints(text: string, key: Buffer): CheckpointFileReport {
  const report: CheckpointFileReport = { authentic: [], problems: [], segments: 0 };
  // undefined: nothing before this line yet; null: the line before could not be read.
  let before: { n: number; hmac: string; line: number } | null | undefined = undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    const parsed = parseCheckpointLine(lines[i]);
    if (parsed === 'other') continue;
    if (parsed === 'damaged') {
      report.problems.push({ line, message: 'is not a checkpoint (damaged, or cut short)' });
      before = null;
      continue;
    }
    const c = parsed.checkpoint;
    if (!isAuthentic(c, key)) {
      report.problems.push({ line, message: `checkpoint #${c.n} does not match its HMAC (edited, or sealed with another key)` });
    } else {
      report.authentic.push({ line, checkpoint: c });
    }
    if (c.prev === null) {
      if (c.n !== 1) report.problems.push({ line, message: `checkpoint #${c.n} has no predecessor, yet is not the first of a segment` });
      report.segments++;
    } else if (before === undefined) {
      report.problems.push({ line, message: `checkpoint #${c.n} follows checkpoints that are not in the file: its beginning was removed` });
    } else if (before !== null && (c.prev !== before.hmac || c.n !== before.n + 1)) {
      report.problems.push({
        line,
        message: `checkpoint #${c.n} does not follow checkpoint #${before.n} on line ${before.line}: checkpoints were removed, reordered or inserted`,
      });
    }
    before = { n: c.n, hmac: c.hmac, line };
  }
  return report;
}
