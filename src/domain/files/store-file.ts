// Stores an upload (browser, mail attachment, fax, Slack file) once per distinct content. The bytes
// stream to a temp file while being hashed and counted, then the temp file is renamed to its
// content address; the StoredFile row is written last, so a row never points at a missing blob.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, Tx } from '../../db.ts';
import { AppError, validation } from '../../errors.ts';
import { createContentSniffer, detectMimeType, type ContentSample } from './detect-mime-type.ts';
import { blobPath, type FileStore } from './file-store.ts';
import { sanitizeFileName } from './sanitize-file-name.ts';

export type StoreFileInput = {
  /** The content. Streamed to disk, never held in memory whole; destroyed if it turns out too large. */
  stream: Readable | AsyncIterable<Uint8Array> | Uint8Array;
  /** The sender's file name; only sanitised and returned, never used for the path or the type. */
  fileName: string;
  /** A lower cap for this call (e.g. a channel's own limit); it cannot raise the store's cap. */
  maxBytes?: number;
};

export type StoredFileInfo = { id: number; sha256: string; size: number; mimeType: string };

export type StoreFileResult = {
  storedFile: StoredFileInfo;
  /** Sanitised name, for FileVersion.fileName. */
  fileName: string;
  /** True when the same bytes were already stored (the existing StoredFile is returned). */
  deduplicated: boolean;
};

export async function storeFile(db: Db | Tx, store: FileStore, input: StoreFileInput): Promise<StoreFileResult> {
  const [result] = await storeFiles(db, store, [input]);
  return result!;
}

/**
 * storeFile for several files at once (the mail reader stores a batch of raw messages): the blobs
 * are written side by side, each fsynced and renamed into place as in storeFile, then their rows
 * are recorded in one statement instead of one per file. Fails as a whole when one file fails.
 */
export async function storeFiles(db: Db | Tx, store: FileStore, inputs: readonly StoreFileInput[]): Promise<StoreFileResult[]> {
  if (inputs.length === 0) return [];
  const settled = await Promise.allSettled(inputs.map((input) => writeBlob(store, input)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const blobs = settled.map((s) => (s as PromiseFulfilledResult<Blob>).value);
  const rows = await upsertStoredFiles(db, blobs);
  return blobs.map((blob) => {
    const row = rows.get(blob.sha256)!;
    return { storedFile: row.storedFile, fileName: blob.fileName, deduplicated: !row.created };
  });
}

type Blob = { sha256: string; size: number; mimeType: string; fileName: string };

/** Streams one file to its content address (temp file, hash, fsync, type, rename); no row yet. */
async function writeBlob(store: FileStore, input: StoreFileInput): Promise<Blob> {
  const fileName = sanitizeFileName(input.fileName);
  const limit = Math.min(input.maxBytes ?? store.maxFileBytes, store.maxFileBytes);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('storeFile: maxBytes must be a positive integer');

  await ensureDir(store.tmpDir);
  const tmpPath = join(store.tmpDir, `${randomUUID()}.part`);
  let placed = false;
  try {
    const { sha256, size, sample } = await writeTempFile(input.stream, tmpPath, limit);
    if (size === 0) throw validation({ file: 'the file is empty' }, 'Empty file');
    const mimeType = await detectMimeType(tmpPath, sample, fileName);
    placed = await moveIntoPlace(store, tmpPath, sha256, size);
    return { sha256, size, mimeType, fileName };
  } finally {
    // After a successful rename there is nothing left to delete; after any failure (or when the
    // same blob was already there) the temp file goes, so tmp never fills up with abandoned files.
    if (!placed) await unlink(tmpPath).catch(ignoreMissing);
  }
}

/** Bytes gathered before a write to the temp file. */
const WRITE_BYTES = 256 * 1024;

async function writeTempFile(
  source: StoreFileInput['stream'],
  tmpPath: string,
  limit: number,
): Promise<{ sha256: string; size: number; sample: ContentSample }> {
  const hash = createHash('sha256');
  const sniffer = createContentSniffer();
  let size = 0;
  // Opened before streaming starts, so the file exists (and is removed by the caller) even when
  // the source fails on its first chunk.
  const handle = await open(tmpPath, 'wx').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    // The temp directory went away since it was made (a cleanup): make it again.
    await mkdir(dirname(tmpPath), { recursive: true });
    return open(tmpPath, 'wx');
  });
  try {
    await pipeline(
      source instanceof Uint8Array ? Readable.from([source]) : source,
      async function* measure(chunks: AsyncIterable<Uint8Array | string>) {
        // Small chunks (a mail attachment's decoder emits a few KB at a time) are gathered into
        // writes of up to WRITE_BYTES: one write call per chunk cost more than the hashing.
        let pending: Uint8Array[] = [];
        let pendingBytes = 0;
        for await (const raw of chunks) {
          const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
          size += chunk.byteLength;
          // Checked before the chunk is written: nothing beyond the cap reaches the disk.
          if (size > limit) throw tooLarge(limit);
          hash.update(chunk);
          sniffer.update(chunk);
          pending.push(chunk);
          pendingBytes += chunk.byteLength;
          if (pendingBytes >= WRITE_BYTES) {
            yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
            pending = [];
            pendingBytes = 0;
          }
        }
        if (pendingBytes > 0) yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      },
      // flush: fsync before close, so a blob whose row is committed survives a crash.
      handle.createWriteStream({ flush: true }),
    );
  } finally {
    await handle.close(); // already closed by the stream unless it failed before the first write
  }
  return { sha256: hash.digest('hex'), size, sample: sniffer.finish() };
}

/** Directories known to exist (created or found by this process): mkdir once, not per file. */
const madeDirs = new Set<string>();
async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return;
  await mkdir(dir, { recursive: true });
  madeDirs.add(dir);
}

/** Renames the temp file to its content address; false when an identical blob was already there. */
async function moveIntoPlace(store: FileStore, tmpPath: string, sha256: string, size: number): Promise<boolean> {
  const target = blobPath(store, sha256);
  const existing = await stat(target).catch(ignoreMissing);
  // Same hash, same bytes: keep the blob already there (the caller's finally deletes the temp).
  // A size mismatch means a damaged blob, which the fresh copy replaces.
  if (existing?.size === size) return false;
  // rename is atomic within a filesystem: readers see either no blob or the whole blob. Two
  // concurrent uploads of the same bytes may both rename; the second replaces identical content.
  // The fan-out directory is made when the rename finds it missing (or was removed meanwhile).
  try {
    await rename(tmpPath, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dirname(target), { recursive: true });
    await rename(tmpPath, target);
  }
  return true;
}

async function upsertStoredFiles(
  db: Db | Tx,
  blobs: readonly { sha256: string; size: number; mimeType: string }[],
): Promise<Map<string, { storedFile: StoredFileInfo; created: boolean }>> {
  // INSERT … ON CONFLICT DO NOTHING RETURNING: safe against a concurrent insert of the same hash
  // and, unlike catching P2002, it does not abort a surrounding transaction. The rows back are the
  // ones we created (one round trip, the usual case); the hashes already stored are read.
  // Plain SQL: this runs for every raw message and attachment the mail ingester stores.
  const data = [...new Map(blobs.map((b) => [b.sha256, b])).values()];
  const rows = new Map<string, { storedFile: StoredFileInfo; created: boolean }>();
  const created = await db.$queryRaw<StoredFileInfo[]>`
    INSERT INTO "StoredFile" (sha256, size, "mimeType")
    SELECT * FROM unnest(${data.map((d) => d.sha256)}::text[], ${data.map((d) => d.size)}::int[], ${data.map((d) => d.mimeType)}::text[])
    ON CONFLICT (sha256) DO NOTHING
    RETURNING id, sha256, size, "mimeType"`;
  for (const storedFile of created) rows.set(storedFile.sha256, { storedFile, created: true });
  const existing = data.filter((d) => !rows.has(d.sha256)).map((d) => d.sha256);
  if (existing.length > 0) {
    const found = await db.$queryRaw<StoredFileInfo[]>`SELECT id, sha256, size, "mimeType" FROM "StoredFile" WHERE sha256 = ANY(${existing}::text[])`;
    for (const storedFile of found) rows.set(storedFile.sha256, { storedFile, created: false });
    const missing = existing.find((sha) => !rows.has(sha));
    if (missing) throw new Error(`storeFile: the StoredFile row of ${missing} vanished`);
  }
  return rows;
}

function tooLarge(limit: number): AppError {
  const megabytes = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3, useGrouping: false });
  return new AppError('TOO_LARGE', `File is larger than the ${megabytes.format(limit / 2 ** 20)} MB limit`);
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code !== 'ENOENT') throw error;
  return undefined;
}
