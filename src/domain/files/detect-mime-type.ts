// The MIME type comes from the bytes, never from the sender: a "skan.pdf" from a fax gateway that
// is really a TIFF is stored as image/tiff. file-type knows binary formats; text is recognised here.
import { isUtf8 as isUtf8Bytes } from 'node:buffer';
import { fileTypeFromFile } from 'file-type';

/** Bytes kept from the start of a file for the text heuristics (e-mail headers). */
const HEAD_BYTES = 16 * 1024;

/** What the sniffer saw while the file streamed past. */
export type ContentSample = {
  /** The first HEAD_BYTES bytes (fewer for a short file). */
  head: Buffer;
  /** True when head is the whole file. */
  headIsComplete: boolean;
  hasNul: boolean;
  /** The whole file is valid UTF-8. */
  isUtf8: boolean;
};

export type ContentSniffer = { update(chunk: Uint8Array): void; finish(): ContentSample };

/** Inspects chunks as they are written, so text detection never needs the whole file in memory. */
export function createContentSniffer(): ContentSniffer {
  const head: Buffer[] = [];
  let headLength = 0;
  let total = 0;
  let hasNul = false;
  let isUtf8 = true;
  /** The bytes of a character cut by the chunk boundary, validated with the next chunk. */
  let pending: Buffer | null = null;
  return {
    update(chunk) {
      total += chunk.byteLength;
      if (headLength < HEAD_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - headLength)); // a copy, not a view
        head.push(part);
        headLength += part.length;
      }
      hasNul ||= chunk.includes(0);
      if (!isUtf8 || hasNul) return;
      // Validated in place (no string is decoded); a character spanning two chunks is checked whole.
      const bytes: Uint8Array = pending ? Buffer.concat([pending, chunk]) : chunk;
      const cut = completeLength(bytes);
      if (!isUtf8Bytes(bytes.subarray(0, cut))) isUtf8 = false;
      pending = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : null;
    },
    finish() {
      if (pending) isUtf8 = false; // a file that ends inside a multi-byte character is not valid UTF-8
      return { head: Buffer.concat(head), headIsComplete: total <= HEAD_BYTES, hasNul, isUtf8 };
    },
  };
}

/** Length of `bytes` without a multi-byte UTF-8 sequence cut off at its end. */
function completeLength(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b < 0x80 ? 1 : b >= 0xf0 && b <= 0xf7 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > bytes.length ? i : bytes.length;
  }
  return bytes.length; // invalid either way: validation says so
}

// file-type matches a few formats on two to six ASCII letters ("BM" → BMP, "solid " → STL), so a
// note starting "BMW …" would become an image. Real files of those formats contain NUL bytes or
// invalid UTF-8; clean text keeps file-type's verdict only for formats that really are text.
const TEXT_BASED_TYPES = new Set([
  'application/pdf',
  'application/xml',
  'application/rtf',
  'application/postscript',
  'application/eps',
  'application/pgp-encrypted',
  'text/vcard',
  'text/calendar',
  'text/vtt',
]);

export async function detectMimeType(filePath: string, sample: ContentSample, fileName: string): Promise<string> {
  const isText = sample.isUtf8 && !sample.hasNul;
  const detected = await fileTypeFromFile(filePath);
  if (detected && (!isText || TEXT_BASED_TYPES.has(detected.mime))) return detected.mime;
  // Raw mail often carries 8-bit ISO-8859-2 bodies, so headers decide even when UTF-8 does not hold.
  if (!sample.hasNul && looksLikeEmail(sample)) return 'message/rfc822';
  if (!isText) return 'application/octet-stream';
  if (/\.csv$/i.test(fileName)) return 'text/csv';
  return 'text/plain';
}

const HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+:/; // RFC 5322 field name: printable ASCII except ':'
const MAIL_MARKERS = new Set(['received', 'from', 'message-id', 'mime-version', 'return-path', 'delivered-to']);

/** RFC 822 shape: the file opens with a block of header fields, at least one of them typical of mail. */
export function looksLikeEmail(sample: Pick<ContentSample, 'head' | 'headIsComplete'>): boolean {
  const lines = sample.head.toString('latin1').replace(/^\xef\xbb\xbf/, '').split(/\r?\n/);
  if (!sample.headIsComplete) lines.pop(); // the last line may be cut short
  const names: string[] = [];
  for (const line of lines) {
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (names.length === 0) return false; // a continuation needs a field before it
      continue;
    }
    const field = HEADER_FIELD.exec(line);
    if (!field) return false;
    names.push(field[0].slice(0, -1).toLowerCase());
  }
  return names.length >= 2 && names.some((name) => MAIL_MARKERS.has(name));
}
