import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { VerifyOptions, verifyAuditTrail } from './audit-verifier';

const WHY = {
  hash: 'its content does not match its HMAC',
  link: 'it does not point to the row before it',
  gap: 'the row before it is missing',
};

/** At most this many lines of one kind: a file sealed with another key would otherwise print thousands. */
const MAX_LINES = 20;

/**
 * `main.js --audit-verify [--checkpoints <file>]... [--require-checkpoints]`: walks every chain and
 * holds it against the checkpoints (the configured file, or files given: collected from the log, or
 * rotated files oldest first), then
 * prints one line per finding. Exit code 0 intact, 1 broken (or, with --require-checkpoints, when
 * there are no checkpoints to hold the chains against), 2 bad arguments.
 */
export async function verifyAuditCommand(config: AppConfig, args: string[] = []): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const given: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--checkpoints') continue;
    if (!args[i + 1] || args[i + 1].startsWith('--')) {
      process.stderr.write('stafett: --checkpoints needs a file: --checkpoints <file>\n');
      return 2;
    }
    given.push(resolve(args[++i]));
  }
  const requireCheckpoints = args.includes('--require-checkpoints');
  const { sink, file, sealSeconds } = config.auditCheckpoints;
  const options: VerifyOptions = { graceSeconds: 3 * sealSeconds + 60 };
  let unchecked: string | null = null;
  if (given.length > 0) {
    for (const source of given) {
      if (!(await readable(source))) {
        print(`audit trail NOT VERIFIED: cannot read the checkpoints in ${source}`);
        return 1;
      }
    }
    options.checkpoints = given.map((source) => ({ source, lines: linesOf(source) }));
  } else if (sink === 'file') {
    options.checkpoints = [{ source: file, lines: (await readable(file)) ? linesOf(file) : null }];
  } else {
    unchecked =
      sink === 'log'
        ? 'checkpoints go to the log (AUDIT_CHECKPOINT_SINK=log): pass the collected lines with --checkpoints <file>'
        : 'no checkpoints are sealed (AUDIT_CHECKPOINT_SINK=off)';
  }

  const dataSource = await new DataSource(
    dataSourceOptions(config.migrationDatabaseUrl, { limits: config.databaseLimits, use: 'owner', extra: { max: 1 } }),
  ).initialize();
  try {
    const report = await verifyAuditTrail(dataSource, config.auditHmacKey, options);
    const broken = report.breaks.length > 0 || report.problems.length > 0;
    if (!broken) {
      print(`audit trail intact: ${report.rows} event(s) in ${report.chains} chain(s)`);
      const c = report.checkpoints;
      if (c && c.count > 0) {
        print(
          `checkpoints: ${c.count} in ${c.sources.join(', ')}, the latest sealed at ${c.latestSealedAt}; every sealed event is present`,
        );
      }
    }
    const lines = [
      ...report.breaks.map((b) => `chain ${b.chain}, seq ${b.seq}, id ${b.id}: ${WHY[b.problem]}`),
      ...report.problems.filter((p) => p.kind !== 'checkpoint').map((p) => p.message),
    ];
    for (const line of lines.slice(0, MAX_LINES)) print(`audit trail BROKEN: ${line}`);
    if (lines.length > MAX_LINES) print(`audit trail BROKEN: … and ${lines.length - MAX_LINES} more`);
    const checkpointLines = report.problems.filter((p) => p.kind === 'checkpoint').map((p) => p.message);
    for (const line of checkpointLines.slice(0, MAX_LINES)) print(`audit trail BROKEN: checkpoints ${line}`);
    if (checkpointLines.length > MAX_LINES) print(`audit trail BROKEN: checkpoints: … and ${checkpointLines.length - MAX_LINES} more`);
    for (const warning of report.warnings) print(`audit trail WARNING: ${warning}`);
    if (unchecked) {
      const consequence = 'a deleted tail or chain cannot be detected';
      print(
        requireCheckpoints ? `audit trail NOT VERIFIED: ${unchecked}; ${consequence}` : `audit trail WARNING: ${unchecked}; ${consequence}`,
      );
      if (requireCheckpoints) return 1;
    }
    if (requireCheckpoints && !broken && (report.checkpoints?.count ?? 0) === 0 && report.chains > 0) {
      print(`audit trail NOT VERIFIED: no checkpoint seals these chains yet (--require-checkpoints)`);
      return 1;
    }
    return broken ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

const readable = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Streamed: a year of checkpoints is too long for one string. A generator, so the file is opened
 * only when read: a readline interface made earlier emits its lines before anyone listens.
 */
async function* linesOf(file: string): AsyncGenerator<string> {
  yield* createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}
