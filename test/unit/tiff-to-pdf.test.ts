// The TIFF → PDF rendition: one PDF page per TIFF page, sized from the resolution, the pixels
// embedded losslessly (compared bit for bit); and every bound (pages, pixels, time, corrupt
// structure) answered with a reason, never a throw or a hang.
import { inflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { convertTiffToPdf, inspectTiff, pdfRenditionName, TIFF_TO_PDF_LIMITS } from '../../src/domain/files/tiff-to-pdf.ts';
import { buildTiff, FAX_PAGE, faxBox, g4Fax, g4Rectangle, packedRectangle } from '../fixtures/mail/fax-tiff.ts';
import { makeTiff } from '../fixtures/mail/index.ts';

/** The single image of a PDF page: its dictionary values and its decoded (inflated) bytes. */
function pageImage(doc: PDFDocument, index: number) {
  const page = doc.getPage(index);
  const xobjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const [, ref] = xobjects.entries()[0]!;
  const stream = doc.context.lookup(ref) as PDFRawStream;
  const get = (key: string) => stream.dict.get(PDFName.of(key))?.toString();
  return { width: get('Width'), height: get('Height'), bits: get('BitsPerComponent'), colorSpace: get('ColorSpace'), decode: get('Decode'), filter: get('Filter'), bytes: inflateSync(stream.contents) };
}

async function converted(tiff: Buffer) {
  const result = await convertTiffToPdf(tiff);
  if (!result.ok) throw new Error(`expected a PDF, got: ${result.reason}`);
  return { ...result, doc: await PDFDocument.load(result.pdf) };
}

describe('convertTiffToPdf', () => {
  it('a 3-page CCITT G4 fax → a 3-page PDF, fax-sized pages, the pixels kept bit for bit (1 bit, WhiteIsZero)', async () => {
    const { pages, doc, pdf } = await converted(g4Fax(3));
    expect(pages).toBe(3);
    expect(doc.getPageCount()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const { width, height } = doc.getPage(i).getSize();
      expect(width).toBeCloseTo((FAX_PAGE.width / FAX_PAGE.xdpi) * 72, 1); // 609.9 pt: A4 width
      expect(height).toBeCloseTo((FAX_PAGE.height / FAX_PAGE.ydpi) * 72, 1); // 808.2 pt
      const image = pageImage(doc, i);
      expect(image).toMatchObject({ width: '1728', height: '2200', bits: '1', colorSpace: '/DeviceGray', decode: '[ 1 0 ]', filter: '/FlateDecode' });
      expect(image.bytes.equals(packedRectangle(FAX_PAGE.width, FAX_PAGE.height, faxBox(i)))).toBe(true);
    }
    expect(pdf.length).toBeLessThan(60_000); // bilevel stays bilevel: no 24-bit blow-up
    const again = await converted(g4Fax(3));
    expect(Buffer.from(again.pdf).equals(Buffer.from(pdf))).toBe(true); // deterministic: the store dedupes it
  });

  it('an uncompressed multi-page TIFF without a resolution → as many A4-wide pages, pixels kept', async () => {
    const box = { x0: 2, x1: 6, y0: 1, y1: 7 };
    const page = { width: 8, height: 8, compression: 1 as const, data: packedRectangle(8, 8, box) };
    const { doc } = await converted(buildTiff([page, page, page, page, page]));
    expect(doc.getPageCount()).toBe(5);
    expect(doc.getPage(4).getSize().width).toBeCloseTo(595.28, 1);
    expect(doc.getPage(4).getSize().height).toBeCloseTo(595.28, 1);
    expect(pageImage(doc, 4).bytes.equals(packedRectangle(8, 8, box))).toBe(true);
    // The project's own fax fixture (what faxWithTiff attaches) converts too.
    expect((await converted(makeTiff(4))).doc.getPageCount()).toBe(4);
  });

  it('mixes compressions page by page (G4 and uncompressed) and keeps their order', async () => {
    const box = { x0: 16, x1: 48, y0: 3, y1: 9 };
    const { doc } = await converted(buildTiff([
      { width: 64, height: 12, compression: 4, data: g4Rectangle(64, 12, box), xdpi: 204, ydpi: 98 },
      { width: 64, height: 12, compression: 1, data: packedRectangle(64, 12, { x0: 0, x1: 64, y0: 0, y1: 1 }), xdpi: 204, ydpi: 98 },
    ]));
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getPage(0).getSize().height).toBeCloseTo((12 / 98) * 72, 2); // "normal" fax lines are twice as tall
    expect(pageImage(doc, 0).bytes.equals(packedRectangle(64, 12, box))).toBe(true);
    expect(pageImage(doc, 1).bytes.equals(packedRectangle(64, 12, { x0: 0, x1: 64, y0: 0, y1: 1 }))).toBe(true);
  });
});

describe('convertTiffToPdf refuses with a reason, never throws or hangs', () => {
  const tiny = { width: 8, height: 8, compression: 1 as const, data: Buffer.alloc(8) };

  it('more than 100 pages, or more than 50 megapixels, before decoding anything', async () => {
    expect(await convertTiffToPdf(buildTiff(Array.from({ length: 101 }, () => tiny)))).toEqual({ ok: false, reason: 'more than 100 pages' });
    expect((await convertTiffToPdf(buildTiff(Array.from({ length: 100 }, () => tiny)))).ok).toBe(true);
    // The header claims 10000×6000 (60 MP) over a few bytes of data: refused from the header alone.
    const huge = buildTiff([{ width: 10_000, height: 6_000, compression: 4, data: Buffer.from([0, 0x10, 0x01]) }]);
    expect(await convertTiffToPdf(huge)).toEqual({ ok: false, reason: '60.0 megapixels, over the 50 megapixel limit' });
    // 14 fax pages (53 MP) are over the limit too; 13 pass it.
    expect(await convertTiffToPdf(g4Fax(14))).toMatchObject({ ok: false, reason: expect.stringMatching(/^53\.2 megapixels/) });
  });

  it('corrupt files: not a TIFF, cut short, page directories outside the file or in a loop, no width', async () => {
    expect(await convertTiffToPdf(Buffer.from('%PDF-1.4 not a tiff'))).toEqual({ ok: false, reason: 'not a TIFF (no byte-order mark)' });
    expect(await convertTiffToPdf(Buffer.from('II+\0\x10\0\0\0\0\0\0\0\0\0\0\0', 'latin1'))).toEqual({ ok: false, reason: 'BigTIFF is not supported' });
    const good = g4Fax(2);
    expect(await convertTiffToPdf(good.subarray(0, 60))).toMatchObject({ ok: false, reason: expect.stringMatching(/^corrupt TIFF: page \d is cut short/) });
    const outside = Buffer.from(good);
    outside.writeUInt32LE(good.length + 1000, 4);
    expect(await convertTiffToPdf(outside)).toEqual({ ok: false, reason: 'corrupt TIFF: page 1 lies outside the file' });
    const loop = buildTiff([tiny, tiny]);
    const entries = loop.readUInt16LE(8);
    loop.writeUInt32LE(8, 8 + 2 + entries * 12); // page 1's "next page" points at page 1
    expect(await convertTiffToPdf(loop)).toEqual({ ok: false, reason: 'corrupt TIFF: the page directories loop' });
    const noWidth = buildTiff([tiny]);
    noWidth.writeUInt16LE(999, 8 + 2); // tag 256 renamed
    expect(await convertTiffToPdf(noWidth)).toEqual({ ok: false, reason: 'corrupt TIFF: page 1 has no width or height' });
  });

  it('garbage compressed data, on which utif2 stalls, is stopped by the worker deadline; so is any slow decode', async () => {
    const noise = Buffer.alloc(200_000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const started = Date.now();
    // utif2 stalls on this (measured: still decoding after 5 s); the worker's deadline ends it.
    const result = await convertTiffToPdf(buildTiff([{ width: 1728, height: 2200, compression: 4, data: noise }]), { ...TIFF_TO_PDF_LIMITS, timeoutMs: 2_000 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(result).toEqual({ ok: false, reason: 'the TIFF could not be decoded: decoding took longer than 2 s' });
    const slow = await convertTiffToPdf(g4Fax(3), { ...TIFF_TO_PDF_LIMITS, timeoutMs: 1 });
    expect(slow).toEqual({ ok: false, reason: 'the TIFF could not be decoded: decoding took longer than 0.001 s' });
  }, 20_000);
});

describe('inspectTiff and pdfRenditionName', () => {
  it('reads pages and sizes without decoding; names the rendition after the TIFF', () => {
    expect(inspectTiff(g4Fax(2))).toEqual({ pages: [{ width: 1728, height: 2200 }, { width: 1728, height: 2200 }] });
    expect(pdfRenditionName('faks-0001.tif')).toBe('faks-0001.pdf');
    expect(pdfRenditionName('scan.TIFF')).toBe('scan.pdf');
    expect(pdfRenditionName('skan.pdf')).toBe('skan (PDF).pdf');
  });
});
