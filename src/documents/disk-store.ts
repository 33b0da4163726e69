import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ByteRange, DocumentStore, StagedBlob, StageOptions } from './document-store.ts';
import { TextCheck } from './text-check.ts';

const HEAD_BYTES = 4100;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The default document store: files under `DATA_DIR/documents`, `blobs/ab/<sha256>` for committed
 * bytes and `tmp/` for uploads in flight. A blob is written to `tmp/`, fsynced, renamed to its
 * address and its directory fsynced, so after a crash a blob is either whole at its address or
 * not there; what a crash leaves in `tmp/` is swept at start. Names from uploads never reach a path.
 */
export class DiskStore implements DocumentStore {
  readonly root: string;
  private readonly blobs: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'documents');
    this.blobs = join(this.root, 'blobs');
    this.tmp = join(this.root, 'tmp');
    mkdirSync(this.blobs, { recursive: true });
    mkdirSync(this.tmp, { recursive: true });
  }

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.blobs, sha256.slice(0, 2), sha256);
  }

  async stage(source: Readable, options: StageOptions): Promise<StagedBlob> {
    const path = join(this.tmp, `${randomUUID()}.part`);
    const file = await open(path, 'wx', 0o600);
    const hash = createHash('sha256');
    const text = new TextCheck();
    const head: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > options.limit) throw options.tooLarge();
        hash.update(chunk);
        text.update(chunk);
        if (headBytes < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
        }
        await file.write(chunk);
      }
      await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(path, { force: true });
      throw error;
    }
    await file.close();
    return { sha256: hash.digest('hex'), size, head: Buffer.concat(head), textual: text.end(), path };
  }

  async commit(staged: StagedBlob): Promise<void> {
    const target = this.pathOf(staged.sha256);
    const directory = join(this.blobs, staged.sha256.slice(0, 2));
    mkdirSync(directory, { recursive: true });
    // Same address, same bytes: renaming over an existing blob changes nothing a reader could see.
    await rename(staged.path, target);
    syncDirectory(directory);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.path, { force: true });
  }

  open(sha256: string, range?: ByteRange): Readable {
    return createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  sweep(keep: (sha256: string) => boolean): { staged: number; orphans: number } {
    let staged = 0;
    for (const name of readdirSync(this.tmp)) {
      rmSync(join(this.tmp, name), { force: true, recursive: true });
      staged++;
    }
    let orphans = 0;
    for (const prefix of readdirSync(this.blobs)) {
      for (const name of readdirSync(join(this.blobs, prefix))) {
        if (SHA256.test(name) && keep(name)) continue;
        rmSync(join(this.blobs, prefix, name), { force: true, recursive: true });
        orphans++;
      }
    }
    return { staged, orphans };
  }
}

/** A rename is durable once its directory is synced. */
function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
