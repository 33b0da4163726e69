import type { Readable } from 'node:stream';

/*
 * Where document bytes live, behind one small interface so an object store can take the disk's
 * place without touching the service or the routes. Blobs are addressed by their sha256 and
 * shared by every row naming them. The order that keeps rows and bytes consistent is the
 * service's: stage (a temporary copy, hashed and counted as it streams), inspect, commit (durable
 * at its address), then the row; so no row ever names bytes that are not durably written.
 */

/** An upload's bytes, written to a temporary place while hashed and counted; not yet at its address. */
export interface StagedBlob {
  sha256: string;
  size: number;
  /** The first bytes, for the type check. */
  head: Buffer;
  /** Whether every byte is text: valid UTF-8 with no NUL or control bytes but tab, CR, LF and FF. */
  textual: boolean;
  /** A local file holding the bytes, for checks that need to seek (a zip's central directory). */
  path: string;
}

export interface StageOptions {
  /** Bytes allowed; `tooLarge` is thrown as soon as more arrive. */
  limit: number;
  tooLarge: () => Error;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in `Content-Range`. */
  end: number;
}

export interface DocumentStore {
  /** Streams `source` to a temporary place; rejects (leaving nothing) on a stream error or past the limit. */
  stage(source: Readable, options: StageOptions): Promise<StagedBlob>;
  /** Makes a staged blob durable at its address (a no-op for bytes already there). */
  commit(staged: StagedBlob): Promise<void>;
  /** Forgets a staged blob that will not be committed. */
  discard(staged: StagedBlob): Promise<void>;
  /** The bytes of a committed blob, or a range of them. */
  open(sha256: string, range?: ByteRange): Readable;
  /** Removes a blob no row names any more. */
  remove(sha256: string): Promise<void>;
  /**
   * At start-up: drops temporary files left by a crash and blobs no row names (`keep` says which
   * are named). Returns how many of each it removed.
   */
  sweep(keep: (sha256: string) => boolean): { staged: number; orphans: number };
}
