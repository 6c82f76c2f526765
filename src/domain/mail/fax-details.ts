// Fax-gateway mail: who sent the fax (their number, as the gateway writes it in the subject or
// body) and how many pages came (counted in the PDF or TIFF the gateway attached). The number is
// normalised to E.164 like company fax numbers (companies/phone.ts), so routing can match by
// equality.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { normalizePhone } from '../companies/phone.ts';

/** True when the address, or its domain (or a parent domain), is a configured fax gateway. */
export function isFaxSender(address: string | null, faxSenders: readonly string[]): boolean {
  if (!address) return false;
  const lower = address.toLowerCase();
  const domain = lower.split('@')[1] ?? '';
  return faxSenders.some((entry) => {
    const sender = entry.trim().toLowerCase().replace(/^@/, '');
    if (!sender) return false;
    if (sender.includes('@')) return sender === lower;
    return domain === sender || domain.endsWith(`.${sender}`);
  });
}

// A phone-like run: optional +/00, digits with spaces, dashes, dots, slashes and one bracketed area code.
const NUMBER = String.raw`(\+|00)?\s?(?:\(\d{1,4}\)\s?)?\d[\d\s./-]{5,18}\d`;
// Labels gateways put before the sender's number ("Fax from 221234567", "Faks od: (22) 123-45-67",
// "Nadawca: +48 22 …", "CSID: …"). Only the text up to the number may sit between.
const LABELLED = new RegExp(
  String.raw`(?:fax|faks|telefaks|from|od|nadawca|sender|sent by|csid|tsid|caller(?:\s*id)?|numer nadawcy|remote id)\b[^\d+(\n]{0,20}(${NUMBER})`,
  'gi',
);
const ANY_NUMBER = new RegExp(NUMBER, 'g');

/** The sender's fax number in E.164, from the subject first, then the body; null when none. */
export function findSenderFax(subject: string, text: string): string | null {
  const body = text.slice(0, 5000); // gateways put it at the top
  for (const source of [subject, body]) {
    for (const match of source.matchAll(LABELLED)) {
      const number = normalizeFax(match[1]!);
      if (number) return number;
    }
  }
  // An unlabelled subject such as "Faks 22 123 45 67, 3 str.": any number that is a phone number.
  for (const match of subject.matchAll(ANY_NUMBER)) {
    const number = normalizeFax(match[0]);
    if (number) return number;
  }
  return null;
}

function normalizeFax(candidate: string): string | null {
  const trimmed = candidate.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed) || /^\d{1,2}[./]\d{1,2}[./]\d{2,4}/.test(trimmed)) return null; // a date
  return normalizePhone(trimmed);
}

/** Upper bound on the pages we believe a document claims (a corrupt /Count must not look plausible). */
const MAX_PAGES = 100_000;

/**
 * Pages of a PDF: its page objects (`/Type /Page`), read in a streaming scan; when they sit in
 * compressed object streams, the largest `/Count` of the page tree; null when neither is found.
 */
export async function countPdfPages(path: string): Promise<number | null> {
  const PAGE = /\/Type\s*\/Page[^a-zA-Z]/g;
  const COUNT = /\/Count\s+(\d{1,7})[^\d]/g;
  let tail = '';
  let pages = 0;
  let maxCount = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const text = tail + (chunk as Buffer).toString('latin1');
    // Count only matches that end in the new bytes: those inside the carried-over tail were counted.
    for (const m of text.matchAll(PAGE)) if (m.index + m[0].length > tail.length) pages++;
    for (const m of text.matchAll(COUNT)) if (m.index + m[0].length > tail.length) maxCount = Math.max(maxCount, Number(m[1]));
    tail = text.slice(-64);
  }
  const result = pages || maxCount;
  return result > 0 && result <= MAX_PAGES ? result : null;
}

/** Pages of a TIFF (classic or BigTIFF): the number of image file directories; null when not a TIFF. */
export async function countTiffPages(path: string): Promise<number | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number): Promise<Buffer | null> => {
      if (position < 0 || position + length > size) return null;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      return bytesRead === length ? buffer : null;
    };
    const header = await read(0, 16) ?? (await read(0, 8));
    if (!header) return null;
    const order = header.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return null;
    const le = order === 'II';
    const u16 = (b: Buffer, at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
    const u32 = (b: Buffer, at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
    const u64 = (b: Buffer, at: number) => Number(le ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
    const magic = u16(header, 2);
    const big = magic === 43;
    if (magic !== 42 && !big) return null;
    if (big && header.length < 16) return null;
    let offset = big ? u64(header, 8) : u32(header, 4);
    const seen = new Set<number>();
    let pages = 0;
    // Follow the IFD chain; a loop or a pointer outside the file ends it (hostile files do both).
    while (offset !== 0 && !seen.has(offset) && pages < MAX_PAGES) {
      seen.add(offset);
      const countBytes = await read(offset, big ? 8 : 2);
      if (!countBytes) break;
      const entries = big ? u64(countBytes, 0) : u16(countBytes, 0);
      const entrySize = big ? 20 : 12;
      const nextAt = offset + (big ? 8 : 2) + entries * entrySize;
      const next = await read(nextAt, big ? 8 : 4);
      pages++;
      if (!next) break;
      offset = big ? u64(next, 0) : u32(next, 0);
    }
    return pages > 0 ? pages : null;
  } finally {
    await file.close();
  }
}
