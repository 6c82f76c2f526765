import type { Readable } from 'node:stream';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { openFile, type FileStore } from '../files/index.ts';

/** A file version's bytes with what a download needs: name, detected type, size. */
export async function openFileVersion(db: Db | Tx, store: FileStore, versionId: number): Promise<{ stream: Readable; fileName: string; mimeType: string; size: number }> {
  const version = await db.fileVersion.findUnique({ where: { id: versionId }, include: { storedFile: true } });
  if (!version) throw notFound('File version', versionId);
  return {
    stream: await openFile(store, version.storedFile.sha256),
    fileName: version.fileName,
    mimeType: version.storedFile.mimeType,
    size: version.storedFile.size,
  };
}
