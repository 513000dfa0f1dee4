import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where checkpoints go: `file` (JSON lines, appended and synced) or `log` (one log line each). */
export interface CheckpointSink {
  readonly description: string;
  /** The last line written, to continue its chain; null when there is none or it cannot be read back. */
  lastLine(): Promise<string | null>;
  append(checkpointJson: string): Promise<void>;
}

const CHUNK = 64 * 1024;

/**
 * Appends with O_APPEND and fsync, one write per checkpoint: a line is never interleaved with
 * another writer's, and a checkpoint reported as sealed is on disk.
 */
export class FileCheckpointSink implements CheckpointSink {
  constructor(private readonly file: string) {}

  get description(): string {
    return this.file;
  }

  async lastLine(): Promise<string | null> {
    const tail = await this.tail();
    return tail?.line ?? null;
  }

  async append(checkpointJson: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    // A line cut short by a crash stays as it is (the verifier names it); the next one starts afresh.
    const tail = await this.tail();
    const separator = tail && !tail.endsWithNewline ? '\n' : '';
    const handle = await open(this.file, 'a', 0o600);
    try {
      await handle.write(`${separator}${checkpointJson}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Reads backwards from the end only as far as the last line's start: the file may be long. */
  private async tail(): Promise<{ line: string | null; endsWithNewline: boolean } | null> {
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return null;
      let end = size;
      let tail = Buffer.alloc(0);
      for (;;) {
        const start = Math.max(0, end - CHUNK);
        const chunk = Buffer.alloc(end - start);
        await handle.read(chunk, 0, chunk.length, start);
        tail = Buffer.concat([chunk, tail]);
        end = start;
        const text = tail.toString('utf8').replace(/\n+$/, '');
        const newline = text.lastIndexOf('\n');
        if (newline >= 0 || end === 0) {
          return { line: text.slice(newline + 1) || null, endsWithNewline: tail[tail.length - 1] === 0x0a };
        }
      }
    } finally {
      await handle.close();
    }
  }
}

/**
 * One JSON line per checkpoint on stdout, written whatever LOG_LEVEL says, for a log shipper to
 * carry to a store the database's administrators cannot edit. `audit:verify --checkpoints <file>`
 * reads those lines back.
 */
export class LogCheckpointSink implements CheckpointSink {
  readonly description = 'the log (stdout)';

  async lastLine(): Promise<string | null> {
    return null;
  }

  async append(checkpointJson: string): Promise<void> {
    process.stdout.write(
      `{"level":30,"time":${Date.now()},"context":"AuditSealer","msg":"audit checkpoint","auditCheckpoint":${checkpointJson}}\n`,
    );
  }
}
