// A PDF rendition of a TIFF (fax gateways send multi-page CCITT G3/G4 TIFFs, which browsers do not
// show): one page per TIFF page, sized from the image's resolution, each image embedded losslessly
// (bilevel stays 1 bit per pixel, Flate-compressed). The TIFF itself is never changed — the caller
// keeps it as received. The work is bounded: the file is checked (structure, pages, pixels) before
// anything is decoded, and utif2 decodes in a worker thread with a deadline and a heap cap, since a
// crafted CCITT stream can make it loop or allocate without end. Bad input never throws: it
// resolves with a reason.
import { Worker } from 'node:worker_threads';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { Db, Tx } from '../../db.ts';
import { isAppError } from '../../errors.ts';
import { openFile, type FileStore } from './file-store.ts';
import { storeFile } from './store-file.ts';

export type TiffToPdfLimits = {
  /** More pages than this: no rendition. */
  maxPages: number;
  /** More pixels than this over all pages (a fax page is about 3.8 million): no rendition. */
  maxPixels: number;
  /** A larger file is not read at all. */
  maxBytes: number;
  /** The decoder is stopped after this long (the caller may be inside a 30 s transaction). */
  timeoutMs: number;
  /** Heap cap of the decoding worker. */
  maxHeapMb: number;
};

export const TIFF_TO_PDF_LIMITS: TiffToPdfLimits = {
  maxPages: 100,
  maxPixels: 50_000_000,
  maxBytes: 50 * 1024 * 1024,
  timeoutMs: 15_000,
  maxHeapMb: 512,
};

export type TiffToPdfResult = { ok: true; pdf: Uint8Array; pages: number } | { ok: false; reason: string };

/** Width of A4 in points: the page width of an image that states no resolution. */
const A4_WIDTH_PT = 595.28;

type PageSize = { width: number; height: number };

/**
 * Walks the TIFF's image file directories without decoding anything: the pages and their pixel
 * sizes, or why the file cannot be converted (not a TIFF, BigTIFF, a broken or looping IFD chain).
 */
export function inspectTiff(bytes: Uint8Array, limits: Pick<TiffToPdfLimits, 'maxPages'> = TIFF_TO_PDF_LIMITS): { pages: PageSize[] } | { reason: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) return { reason: 'not a TIFF (too short)' };
  const order = String.fromCharCode(bytes[0]!, bytes[1]!);
  if (order !== 'II' && order !== 'MM') return { reason: 'not a TIFF (no byte-order mark)' };
  const le = order === 'II';
  const magic = view.getUint16(2, le);
  if (magic === 43) return { reason: 'BigTIFF is not supported' };
  if (magic !== 42) return { reason: 'not a TIFF (bad magic number)' };
  const pages: PageSize[] = [];
  const seen = new Set<number>();
  let offset = view.getUint32(4, le);
  while (offset !== 0) {
    if (seen.has(offset)) return { reason: 'corrupt TIFF: the page directories loop' };
    if (offset + 2 > bytes.length) return { reason: `corrupt TIFF: page ${pages.length + 1} lies outside the file` };
    if (pages.length >= limits.maxPages) return { reason: `more than ${limits.maxPages} pages` };
    seen.add(offset);
    const entries = view.getUint16(offset, le);
    const end = offset + 2 + entries * 12;
    if (end + 4 > bytes.length) return { reason: `corrupt TIFF: page ${pages.length + 1} is cut short` };
    const size: Partial<PageSize> = {};
    for (let at = offset + 2; at < end; at += 12) {
      const tag = view.getUint16(at, le);
      if (tag !== 256 && tag !== 257) continue;
      const type = view.getUint16(at + 2, le);
      const value = type === 3 ? view.getUint16(at + 8, le) : type === 4 ? view.getUint32(at + 8, le) : 0;
      size[tag === 256 ? 'width' : 'height'] = value;
    }
    if (!size.width || !size.height) return { reason: `corrupt TIFF: page ${pages.length + 1} has no width or height` };
    pages.push({ width: size.width, height: size.height });
    offset = view.getUint32(end, le);
  }
  return pages.length > 0 ? { pages } : { reason: 'corrupt TIFF: no pages' };
}

/** A page as the worker decoded it (see decode-tiff.worker.mjs). */
type DecodedPage = {
  width: number;
  height: number;
  bitsPerComponent: 1 | 8;
  colors: 1 | 3;
  whiteIsZero: boolean;
  data: Uint8Array;
  xdpi: number | null;
  ydpi: number | null;
};

function decodeInWorker(bytes: Uint8Array, limits: TiffToPdfLimits): Promise<{ pages: DecodedPage[] } | { error: string }> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./decode-tiff.worker.mjs', import.meta.url), {
      workerData: { bytes },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    let done = false;
    const finish = (result: { pages: DecodedPage[] } | { error: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ error: `decoding took longer than ${limits.timeoutMs / 1000} s` }), limits.timeoutMs);
    worker.once('message', (message: { pages: DecodedPage[] } | { error: string }) => finish(message));
    worker.once('error', (error: Error & { code?: string }) =>
      finish({ error: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `decoding needed more than ${limits.maxHeapMb} MB` : error.message }),
    );
    worker.once('exit', (code) => finish({ error: `the decoder stopped (exit code ${code})` }));
  });
}

/** Page size in points: from the resolution (a fax: 204×196 or 204×98 dpi), else A4 width. */
function pageSize(page: DecodedPage): PageSize {
  if (page.xdpi && page.ydpi) return { width: (page.width / page.xdpi) * 72, height: (page.height / page.ydpi) * 72 };
  const scale = A4_WIDTH_PT / page.width;
  return { width: A4_WIDTH_PT, height: page.height * scale };
}

/** Converts a TIFF's bytes into a PDF with one page per TIFF page; never throws on bad input. */
export async function convertTiffToPdf(bytes: Uint8Array, limits: TiffToPdfLimits = TIFF_TO_PDF_LIMITS): Promise<TiffToPdfResult> {
  if (bytes.length > limits.maxBytes) return { ok: false, reason: `the file is over ${Math.round(limits.maxBytes / 2 ** 20)} MB` };
  const inspected = inspectTiff(bytes, limits);
  if ('reason' in inspected) return { ok: false, reason: inspected.reason };
  const pixels = inspected.pages.reduce((sum, p) => sum + p.width * p.height, 0);
  if (pixels > limits.maxPixels) {
    return { ok: false, reason: `${(pixels / 1e6).toFixed(1)} megapixels, over the ${limits.maxPixels / 1e6} megapixel limit` };
  }
  const decoded = await decodeInWorker(bytes, limits);
  if ('error' in decoded) return { ok: false, reason: `the TIFF could not be decoded: ${decoded.error}` };
  if (decoded.pages.length !== inspected.pages.length) {
    return { ok: false, reason: `the TIFF could not be decoded: ${decoded.pages.length} of ${inspected.pages.length} pages read` };
  }

  // No creation date or producer: the same TIFF always gives the same bytes (the store dedupes).
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const page of decoded.pages) {
    const image = doc.context.flateStream(page.data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: page.width,
      Height: page.height,
      BitsPerComponent: page.bitsPerComponent,
      ColorSpace: page.colors === 1 ? 'DeviceGray' : 'DeviceRGB',
      // WhiteIsZero (fax): a 0 bit is white, the reverse of DeviceGray.
      ...(page.whiteIsZero ? { Decode: [1, 0] } : {}),
    });
    const size = pageSize(page);
    const pdfPage = doc.addPage([size.width, size.height]);
    const name = pdfPage.node.newXObject('Im', doc.context.register(image));
    pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(size.width, 0, 0, size.height, 0, 0), drawObject(name), popGraphicsState());
  }
  return { ok: true, pdf: await doc.save(), pages: decoded.pages.length };
}

export type TiffRenditionResult = { ok: true; storedFileId: number; fileName: string; pages: number } | { ok: false; reason: string };

/** "faks.tif" → "faks.pdf"; a TIFF already named .pdf (gateways do that): "skan.pdf" → "skan (PDF).pdf". */
export function pdfRenditionName(fileName: string): string {
  const stem = fileName.replace(/\.[^.\s]{1,5}$/, '') || 'fax';
  const name = `${stem}.pdf`;
  return name.toLowerCase() === fileName.toLowerCase() ? `${stem} (PDF).pdf` : name;
}

/**
 * Reads a stored TIFF, converts it and stores the PDF (a StoredFile, deduplicated by content).
 * Resolves with the reason when the TIFF cannot be converted; only database and disk errors reject.
 */
export async function storeTiffAsPdf(db: Db | Tx, store: FileStore, input: { storedFileId: number; fileName: string }, limits: TiffToPdfLimits = TIFF_TO_PDF_LIMITS): Promise<TiffRenditionResult> {
  const stored = await db.storedFile.findUnique({ where: { id: input.storedFileId }, select: { sha256: true, size: true } });
  if (!stored) return { ok: false, reason: 'the TIFF is not in the file store' };
  if (stored.size > limits.maxBytes) return { ok: false, reason: `the file is over ${Math.round(limits.maxBytes / 2 ** 20)} MB` };
  let bytes: Buffer;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await openFile(store, stored.sha256)) chunks.push(chunk as Buffer);
    bytes = Buffer.concat(chunks);
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) return { ok: false, reason: 'the TIFF is missing from the file store' };
    throw error;
  }
  const converted = await convertTiffToPdf(bytes, limits);
  if (!converted.ok) return converted;
  const result = await storeFile(db, store, { stream: converted.pdf, fileName: pdfRenditionName(input.fileName) });
  return { ok: true, storedFileId: result.storedFile.id, fileName: result.fileName, pages: converted.pages };
}
