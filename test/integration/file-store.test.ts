import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  blobPath,
  createFileStore,
  openFile,
  sanitizeFileName,
  storeFile,
  type FileStore,
} from '../../src/domain/files/index.ts';
import { minimalDocx, minimalPdf, minimalPng, sampleEml } from '../fixtures/files/sample-files.ts';
import { useTestDb } from '../helpers/db.ts';

const MB = 1024 * 1024;
const testDb = useTestDb();

/** A store over a fresh temp DATA_DIR, removed when the test ends. */
async function tempStore(maxFileBytes = 50 * MB): Promise<FileStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kontakt-files-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  return createFileStore({ dataDir, maxFileBytes });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Bytes no other test stores, so dedupe in the shared per-file database cannot interfere. */
const uniqueText = (label: string) => Buffer.from(`${label} ${randomBytes(8).toString('hex')} – zażółć gęślą jaźń\n`);

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Yields `count` chunks of `size` random bytes, hashing them on the way, and reports how far it got. */
function chunkedSource(count: number, size: number) {
  const progress = { pulled: 0, closed: false, hash: createHash('sha256') };
  async function* generate() {
    try {
      for (; progress.pulled < count; progress.pulled++) {
        const chunk = randomBytes(size);
        progress.hash.update(chunk);
        yield chunk;
      }
    } finally {
      progress.closed = true;
    }
  }
  return { stream: Readable.from(generate()), progress };
}

describe('storeFile and openFile', () => {
  it('stores a stream and reads back identical bytes under the content address', async () => {
    const store = await tempStore();
    const content = uniqueText('round trip');

    const result = await storeFile(testDb.db, store, { stream: Readable.from([content]), fileName: 'notatka.txt' });

    expect(result).toMatchObject({ fileName: 'notatka.txt', deduplicated: false });
    expect(result.storedFile).toMatchObject({ sha256: sha256(content), size: content.length, mimeType: 'text/plain' });
    const sha = result.storedFile.sha256;
    expect(blobPath(store, sha)).toBe(join(store.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(await buffer(await openFile(store, sha))).toEqual(content);
    const row = await testDb.db.storedFile.findUniqueOrThrow({ where: { sha256: sha } });
    expect(row).toMatchObject(result.storedFile);
    expect(await filesUnder(store.tmpDir)).toEqual([]);
  });

  it('accepts a Buffer and an async iterable as well as a Readable', async () => {
    const store = await tempStore();
    const fromBuffer = uniqueText('buffer');
    const fromIterable = uniqueText('iterable');
    async function* pieces() {
      yield fromIterable.subarray(0, 5);
      yield fromIterable.subarray(5);
    }

    const a = await storeFile(testDb.db, store, { stream: fromBuffer, fileName: 'a.txt' });
    const b = await storeFile(testDb.db, store, { stream: pieces(), fileName: 'b.txt' });

    expect(a.storedFile.sha256).toBe(sha256(fromBuffer));
    expect(b.storedFile.sha256).toBe(sha256(fromIterable));
    expect(await buffer(await openFile(store, b.storedFile.sha256))).toEqual(fromIterable);
  });

  it('deduplicates the same bytes: one row, one blob, deduplicated the second time', async () => {
    const store = await tempStore();
    const content = uniqueText('dedupe');

    const first = await storeFile(testDb.db, store, { stream: content, fileName: 'oferta.txt' });
    const second = await storeFile(testDb.db, store, { stream: Readable.from([content]), fileName: 'kopia oferty.txt' });

    expect(first.deduplicated).toBe(false);
    expect(second.deduplicated).toBe(true);
    expect(second.storedFile.id).toBe(first.storedFile.id);
    expect(second.fileName).toBe('kopia oferty.txt');
    expect(await filesUnder(store.filesDir)).toEqual([blobPath(store, first.storedFile.sha256)]);
    expect(await filesUnder(store.tmpDir)).toEqual([]);
  });

  it('stores identical bytes from five concurrent callers as one row and one blob', async () => {
    const store = await tempStore();
    const content = Buffer.concat([uniqueText('concurrent'), randomBytes(256 * 1024)]);

    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => storeFile(testDb.db, store, { stream: Readable.from([content]), fileName: `skan-${i}.bin` })),
    );

    expect(new Set(results.map((r) => r.storedFile.id)).size).toBe(1);
    expect(results.filter((r) => !r.deduplicated)).toHaveLength(1);
    expect(await testDb.db.storedFile.count({ where: { sha256: sha256(content) } })).toBe(1);
    expect(await filesUnder(store.filesDir)).toHaveLength(1);
    expect(await filesUnder(store.tmpDir)).toEqual([]);
    expect(await buffer(await openFile(store, sha256(content)))).toEqual(content);
  });

  it('streams a 30 MB upload chunk by chunk and hashes it correctly', async () => {
    const store = await tempStore(50 * MB);
    const { stream, progress } = chunkedSource(480, 64 * 1024);

    const result = await storeFile(testDb.db, store, { stream, fileName: 'fax-archiwum.bin' });

    const expected = progress.hash.digest('hex');
    expect(result.storedFile).toMatchObject({ sha256: expected, size: 30 * MB, mimeType: 'application/octet-stream' });
    const onDisk = createHash('sha256');
    for await (const chunk of await openFile(store, expected)) onDisk.update(chunk as Buffer);
    expect(onDisk.digest('hex')).toBe(expected);
  });

  it('throws NOT_FOUND when opening a blob that is not stored', async () => {
    const store = await tempStore();
    await expect(openFile(store, sha256(uniqueText('absent')))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('size cap', () => {
  it('accepts a file of exactly maxFileBytes and rejects one byte more, leaving nothing behind', async () => {
    const store = await tempStore(1000);
    const fits = randomBytes(1000);
    const tooBig = Buffer.concat([fits, Buffer.from('x')]);

    const stored = await storeFile(testDb.db, store, { stream: Readable.from([fits]), fileName: 'fits.bin' });
    expect(stored.storedFile.size).toBe(1000);

    const error = await storeFile(testDb.db, store, { stream: Readable.from([tooBig]), fileName: 'big.bin' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'TOO_LARGE' });
    expect(await testDb.db.storedFile.count({ where: { sha256: sha256(tooBig) } })).toBe(0);
    expect(await filesUnder(store.filesDir)).toEqual([blobPath(store, stored.storedFile.sha256)]);
    expect(await filesUnder(store.tmpDir)).toEqual([]);
  });

  it('names the limit in MB and stops reading an endless stream soon after the cap', async () => {
    const store = await tempStore(2 * MB);
    const { stream, progress } = chunkedSource(Number.POSITIVE_INFINITY, 64 * 1024);

    const error = await storeFile(testDb.db, store, { stream, fileName: 'endless.bin' }).catch((e) => e);

    expect(error).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('2 MB') });
    // 32 chunks fill the cap; the rest is read-ahead buffering, not the whole stream.
    expect(progress.pulled).toBeLessThan(64);
    expect(progress.closed).toBe(true);
    expect(await filesUnder(store.dataDir)).toEqual([]);
  });

  it('lets a call lower the cap but not raise it', async () => {
    const store = await tempStore(1000);
    const content = Buffer.concat([uniqueText('lowered'), randomBytes(600)]);

    await expect(storeFile(testDb.db, store, { stream: content, fileName: 'a.bin', maxBytes: 500 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    const big = Buffer.concat([content, randomBytes(1000)]);
    await expect(storeFile(testDb.db, store, { stream: big, fileName: 'b.bin', maxBytes: 10 * MB })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    expect(await filesUnder(store.dataDir)).toEqual([]);
  });

  it('rejects an empty file and cleans up after a failing source', async () => {
    const store = await tempStore();

    await expect(storeFile(testDb.db, store, { stream: Readable.from([]), fileName: 'pusty.txt' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    async function* broken() {
      yield Buffer.from('początek pliku');
      throw new Error('connection reset');
    }
    await expect(storeFile(testDb.db, store, { stream: broken(), fileName: 'zerwany.txt' })).rejects.toThrow('connection reset');
    expect(await filesUnder(store.dataDir)).toEqual([]);
  });
});

describe('MIME type from the bytes', () => {
  const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const latin2Body = Buffer.from([0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6, 0x0d, 0x0a]); // "Zażółć" in ISO-8859-2 (invalid UTF-8)
  const cases: [string, () => Buffer, string, string][] = [
    ['PNG named .txt', minimalPng, 'zdjecie.txt', 'image/png'],
    ['PDF named .docx', minimalPdf, 'umowa.docx', 'application/pdf'],
    ['DOCX named .pdf', () => minimalDocx(`Oferta ${randomBytes(4).toString('hex')}`), 'oferta.pdf', DOCX_MIME],
    ['Polish UTF-8 text named .png', () => uniqueText('Zażółć gęślą jaźń'), 'obraz.png', 'text/plain'],
    ['text starting with "BM" (the BMP magic)', () => uniqueText('BMW X5, oferta serwisowa'), 'bmw.txt', 'text/plain'],
    ['random binary named .pdf', () => randomBytes(4096), 'faktura.pdf', 'application/octet-stream'],
    ['raw e-mail named .txt', () => sampleEml(uniqueText('treść')), 'wiadomosc.txt', 'message/rfc822'],
    ['raw e-mail with an ISO-8859-2 body', () => sampleEml(latin2Body), 'stara-poczta', 'message/rfc822'],
    ['a note that merely starts with "From"', () => uniqueText('From the meeting: client wants a discount'), 'notatka.eml', 'text/plain'],
    ['text named .csv', () => uniqueText('nip;nazwa\n5260250274;ACME'), 'kontrahenci.csv', 'text/csv'],
  ];

  it.each(cases)('%s', async (_label, makeBytes, fileName, expected) => {
    const store = await tempStore();
    const result = await storeFile(testDb.db, store, { stream: Readable.from([makeBytes()]), fileName });
    expect(result.storedFile.mimeType).toBe(expected);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\raport.pdf', 'raport.pdf'],
    ['/var/tmp/', 'tmp'],
    ['CON.txt', '_CON.txt'],
    ['nul', '_nul'],
    ['com1.tar.gz', '_com1.tar.gz'],
    ['console.txt', 'console.txt'],
    ['fak\u0000tura\u0007\u001b.pdf', 'faktura.pdf'],
    ['linia 1\r\nlinia 2.txt', 'linia 1 linia 2.txt'],
    ['faktura\u202Efdp.exe', 'fakturafdp.exe'],
    ['a<b>c:d"e|f?g*h.txt', 'abcdefgh.txt'],
    ['.htaccess', 'htaccess'],
    ['raport. . .', 'raport'],
    ['   spacje   .pdf  ', 'spacje .pdf'],
    ['Oferta – Żółw.docx', 'Oferta – Żółw.docx'],
    ['Z\u0307o\u0301łw.txt', 'Żółw.txt'], // decomposed (macOS) input becomes NFC
    ['', 'file'],
    ['..', 'file'],
    ['???', 'file'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('shortens long names to 200 UTF-8 bytes, keeping the extension and whole letters', () => {
    const long = `${'Żółw '.repeat(60)}.docx`;
    const result = sanitizeFileName(long);
    expect(Buffer.byteLength(result)).toBeLessThanOrEqual(200);
    expect(Buffer.byteLength(result)).toBeGreaterThan(190);
    expect(result.endsWith('.docx')).toBe(true);
    expect(long.startsWith(result.slice(0, -'.docx'.length))).toBe(true); // a clean prefix: no broken letter

    // x + combining acute has no precomposed form: the cut must not separate the accent from its letter.
    const accented = sanitizeFileName(`${'x\u0301'.repeat(100)}.pdf`);
    expect(accented).toMatch(/^(x\u0301)+\.pdf$/u);
    expect(sanitizeFileName('a'.repeat(300))).toBe('a'.repeat(200));
  });
});

describe('blobPath', () => {
  it.each(['../../etc/passwd', 'a'.repeat(63), 'g'.repeat(64), `${'a'.repeat(64)}/..`, ''])('rejects %j', async (input) => {
    const store = await tempStore();
    expect(() => blobPath(store, input)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    await expect(openFile(store, input)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('maps upper-case hex to the same lower-case path', async () => {
    const store = await tempStore();
    const sha = sha256(Buffer.from('x'));
    expect(blobPath(store, sha.toUpperCase())).toBe(blobPath(store, sha));
  });
});
