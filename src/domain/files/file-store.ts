// The content-addressed blob store: where a file's bytes live on disk, named by their SHA-256.
// A FileStore is plain configuration; main.ts builds one from config and passes it down, so
// nothing here touches the disk on import.
import type { Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError, notFound } from '../../errors.ts';

/** StoredFile.size is a 32-bit int, so no single file may be larger than this. */
export const MAX_STORABLE_BYTES = 2 ** 31 - 1;

export type FileStoreOptions = {
  /** DATA_DIR. Blobs go to `<dataDir>/files`, uploads in progress to `<dataDir>/tmp`. */
  dataDir: string;
  /** Largest accepted file in bytes (at most MAX_STORABLE_BYTES); a call may lower it, never raise it. */
  maxFileBytes: number;
};

export type FileStore = Readonly<{
  dataDir: string;
  /** Root of the blobs: `<filesDir>/<sha[0..2]>/<sha[2..4]>/<sha256>`. */
  filesDir: string;
  /** Temp files; on the same filesystem as filesDir so the final rename is atomic. */
  tmpDir: string;
  maxFileBytes: number;
}>;

export function createFileStore(options: FileStoreOptions): FileStore {
  const { maxFileBytes } = options;
  if (!options.dataDir) throw new TypeError('createFileStore: dataDir is required');
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 1 || maxFileBytes > MAX_STORABLE_BYTES) {
    throw new RangeError(`createFileStore: maxFileBytes must be an integer from 1 to ${MAX_STORABLE_BYTES}`);
  }
  const dataDir = resolve(options.dataDir);
  return Object.freeze({ dataDir, filesDir: join(dataDir, 'files'), tmpDir: join(dataDir, 'tmp'), maxFileBytes });
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

export const isSha256 = (value: string): boolean => SHA256_HEX.test(value);

/**
 * Absolute path of a blob. The hash is validated because it may come from a URL: anything but
 * 64 hex digits (e.g. "../../etc/passwd") is rejected before it can reach the filesystem.
 */
export function blobPath(store: FileStore, sha256: string): string {
  if (typeof sha256 !== 'string' || !isSha256(sha256)) {
    throw new AppError('VALIDATION', 'Invalid file hash: expected 64 hexadecimal digits', {
      fields: { sha256: 'expected 64 hexadecimal digits' },
    });
  }
  const sha = sha256.toLowerCase();
  return join(store.filesDir, sha.slice(0, 2), sha.slice(2, 4), sha);
}

/** A stream of the blob's bytes; NOT_FOUND when the blob is not on disk. The caller consumes or destroys it. */
export async function openFile(store: FileStore, sha256: string, options: { chunkBytes?: number } = {}): Promise<Readable> {
  const path = blobPath(store, sha256);
  try {
    // Opening first (rather than createReadStream alone) turns a missing blob into an error
    // the caller can catch here, instead of an 'error' event after the response has started.
    const handle = await open(path, 'r');
    return handle.createReadStream(options.chunkBytes ? { highWaterMark: options.chunkBytes } : undefined);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('File', sha256);
    throw error;
  }
}
