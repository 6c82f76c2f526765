// File names arrive from browsers, mail attachments and fax gateways and go back out as download
// names and into search, so they must be safe on every OS while keeping Polish letters readable.

/** Longest name kept, in UTF-8 bytes (most filesystems allow 255; this leaves room for suffixes). */
export const MAX_FILE_NAME_BYTES = 200;
const FALLBACK_NAME = 'file';

// Device names Windows reserves whatever the extension ("CON.txt" opens the console).
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Bidirectional overrides let "faktura\u202Efdp.exe" display as "fakturaexe.pdf".
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const EXTENSION = /\.[^.\s]{1,15}$/;

export function sanitizeFileName(name: string): string {
  const lastSegment = String(name ?? '')
    .normalize('NFC')
    .split(/[/\\]/)
    .filter((segment) => segment !== '')
    .pop();
  let result = (lastSegment ?? '')
    .replace(/[\t\n\r\u2028\u2029]+/g, ' ') // line breaks become spaces so words stay apart
    .replace(/\p{Cc}/gu, '')
    .replace(BIDI_CONTROLS, '')
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');

  if (RESERVED_WINDOWS.test(result.split('.')[0]!.trimEnd())) result = `_${result}`;
  if (Buffer.byteLength(result) > MAX_FILE_NAME_BYTES) result = truncateKeepingExtension(result);
  return result || FALLBACK_NAME;
}

function truncateKeepingExtension(name: string): string {
  const extension = EXTENSION.exec(name)?.[0] ?? '';
  let budget = MAX_FILE_NAME_BYTES - Buffer.byteLength(extension);
  const base = name.slice(0, name.length - extension.length);
  let stem = '';
  // Cut on grapheme boundaries so a letter with its accent is never split in half.
  for (const { segment } of new Intl.Segmenter('pl', { granularity: 'grapheme' }).segment(base)) {
    budget -= Buffer.byteLength(segment);
    if (budget < 0) break;
    stem += segment;
  }
  stem = stem.replace(/[\s.]+$/, '');
  return `${stem || FALLBACK_NAME}${extension}`;
}
