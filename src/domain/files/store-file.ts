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
    const { storedFile, created } = await upsertStoredFile(db, { sha256, size, mimeType });
    return { storedFile, fileName, deduplicated: !created };
  } finally {
    // After a successful rename there is nothing left to delete; after any failure (or when the
    // same blob was already there) the temp file goes, so tmp never fills up with abandoned files.
    if (!placed) await unlink(tmpPath).catch(ignoreMissing);
  }
}

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
        for await (const raw of chunks) {
          const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
          size += chunk.byteLength;
          // Checked before the chunk is written: nothing beyond the cap reaches the disk.
          if (size > limit) throw tooLarge(limit);
          hash.update(chunk);
          sniffer.update(chunk);
          yield chunk;
        }
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

async function upsertStoredFile(
  db: Db | Tx,
  data: { sha256: string; size: number; mimeType: string },
): Promise<{ storedFile: StoredFileInfo; created: boolean }> {
  // INSERT … ON CONFLICT DO NOTHING RETURNING: safe against a concurrent insert of the same hash
  // and, unlike catching P2002, it does not abort a surrounding transaction. A row back means we
  // created it (one round trip, the usual case); none means it existed, and it is read.
  const select = { id: true, sha256: true, size: true, mimeType: true } as const;
  const [created] = await db.storedFile.createManyAndReturn({ data: [data], skipDuplicates: true, select });
  if (created) return { storedFile: created, created: true };
  const storedFile = await db.storedFile.findUniqueOrThrow({ where: { sha256: data.sha256 }, select });
  return { storedFile, created: false };
}

function tooLarge(limit: number): AppError {
  const megabytes = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3, useGrouping: false });
  return new AppError('TOO_LARGE', `File is larger than the ${megabytes.format(limit / 2 ** 20)} MB limit`);
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code !== 'ENOENT') throw error;
  return undefined;
}
