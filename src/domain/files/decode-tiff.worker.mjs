// Decodes a TIFF's pages with utif2 in a worker thread for tiff-to-pdf.ts. Plain JavaScript so Node
// runs it as it is under tsx and vitest alike. utif2 decodes synchronously and trusts the file
// (a crafted CCITT stream or IFD can make it loop or allocate without end), so it runs here, where
// the caller can stop it with a deadline and a heap cap instead of blocking the process.
//
// workerData: { bytes: Uint8Array }. Posts { pages } or { error }; each page is
// { width, height, bitsPerComponent: 1 | 8, colors: 1 | 3, whiteIsZero, data, xdpi, ydpi }.
import { parentPort, workerData } from 'node:worker_threads';
import UTIF from 'utif2';

const first = (value) => (Array.isArray(value) || ArrayBuffer.isView(value) ? value[0] : undefined);

/** Dots per inch from XResolution/YResolution (rationals) and ResolutionUnit; null when absent or absurd. */
function dpi(ifd, tag) {
  const value = first(ifd[tag]);
  const ratio = Array.isArray(value) ? value[0] / value[1] : typeof value === 'number' ? value : NaN;
  const unit = first(ifd.t296) ?? 2; // 1 none, 2 inch, 3 centimetre
  if (unit === 1) return null;
  const perInch = unit === 3 ? ratio * 2.54 : ratio;
  return Number.isFinite(perInch) && perInch >= 10 && perInch <= 10_000 ? perInch : null;
}

function decodePage(buffer, ifd, ifds, number) {
  UTIF.decodeImage(buffer, ifd, ifds);
  const { width, height } = ifd;
  if (!ifd.data || !(width > 0) || !(height > 0)) throw new Error(`page ${number} has no image data`);
  const bps = first(ifd.t258) ?? 1;
  const spp = first(ifd.t277) ?? 1;
  const photometric = first(ifd.t262) ?? 0;
  const base = { width, height, xdpi: dpi(ifd, 't282'), ydpi: dpi(ifd, 't283') };
  if (bps === 1 && spp === 1 && (photometric === 0 || photometric === 1)) {
    // Bilevel (every fax): utif2 gives rows packed MSB first, padded to bytes — PDF's own layout.
    const size = Math.ceil(width / 8) * height;
    const data = new Uint8Array(size);
    data.set(ifd.data.subarray(0, size));
    return { ...base, bitsPerComponent: 1, colors: 1, whiteIsZero: photometric === 0, data };
  }
  const rgba = UTIF.toRGBA8(ifd);
  const pixels = width * height;
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    rgb[i * 3] = rgba[j];
    rgb[i * 3 + 1] = rgba[j + 1];
    rgb[i * 3 + 2] = rgba[j + 2];
  }
  return { ...base, bitsPerComponent: 8, colors: 3, whiteIsZero: false, data: rgb };
}

try {
  const { bytes } = workerData;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const ifds = UTIF.decode(buffer);
  const images = ifds.filter((ifd) => ifd.t256 && ifd.t257);
  if (images.length === 0) throw new Error('no image in the file');
  const pages = images.map((ifd, i) => decodePage(buffer, ifd, ifds, i + 1));
  parentPort.postMessage({ pages }, pages.map((p) => p.data.buffer));
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
