// One received message → ParsedMail (the contract in parsed-mail.ts). The raw message streams
// through mailparser's MailParser; each attachment streams straight into the file store, so memory
// per message stays bounded however large its attachments are. Bad input never throws: a limit
// hit or a message mailparser cannot make sense of resolves with `problems` saying why (the
// ingester keeps the raw message and rejects it). Only real I/O failures (disk, database, the raw
// stream itself) reject.
import type { Readable } from 'node:stream';
import { MailParser, type AddressObject, type AttachmentStream, type MessageText } from 'mailparser';
import type { Db, Tx } from '../../db.ts';
import { isAppError } from '../../errors.ts';
import { blobPath, openFile, storeFile, type FileStore } from '../files/index.ts';
import { sanitizeEmailHtml } from '../files/sanitize-email-html.ts';
import { detectAutomatic } from './detect-automatic.ts';
import { detectInlineForward } from './detect-forward.ts';
import { countPdfPages, countTiffPages, findSenderFax, isFaxSender } from './fax-details.ts';
import type { ForwardedOriginal, MailAddress, MailLimits, MailSettings, ParsedAttachment, ParsedMail } from './parsed-mail.ts';

/** An inline image this small is kept in the HTML as a data: URL (the sanitizer allows only those). */
const MAX_INLINE_IMAGE_BYTES = 100 * 1024;
/** …and no more than this much of them per message. */
const MAX_INLINED_TOTAL_BYTES = 1024 * 1024;
const INLINABLE_IMAGE = /^image\/(png|jpeg|gif|webp)$/;

export async function parseMail(db: Db | Tx, store: FileStore, raw: Readable, settings: MailSettings): Promise<ParsedMail> {
  const shared: Shared = { db, store, limits: settings.limits, attachmentCount: 0, skippedAttachments: 0 };
  const level = await parseLevel(shared, raw, 0);
  const parsed = await finish(shared, level);
  if (shared.skippedAttachments > 0) {
    parsed.problems.push(
      `message has ${shared.attachmentCount + shared.skippedAttachments} attachments, over the ${settings.limits.maxAttachments} limit`,
    );
  }
  parsed.problems = [...new Set(parsed.problems)];
  if (isFaxSender(parsed.from?.address ?? null, settings.faxSenders)) {
    parsed.fax = { senderFax: findSenderFax(parsed.subject, parsed.text), pages: await countFaxPages(store, level.stored) };
  }
  return parsed;
}

/** State shared by a message and the messages attached to it (limits apply to the whole). */
type Shared = {
  db: Db | Tx;
  store: FileStore;
  limits: MailLimits;
  attachmentCount: number;
  skippedAttachments: number;
};

/** An attachment as stored, with what finishing the message still needs. */
type StoredAttachment = ParsedAttachment & { sha256: string; cid: string | null; related: boolean; dataUrl: string | null; partDepth: number };

/** What one MIME message (top level or attached) yielded, before forwards and HTML are worked out. */
type Level = {
  headers: Map<string, unknown> | null;
  headerLines: ReadonlyArray<{ key: string; line: string }>;
  partTypes: Set<string>;
  text: MessageText | null;
  stored: StoredAttachment[];
  /** Attached messages (message/rfc822), parsed after their container. */
  inner: { attachment: StoredAttachment; level: Level | null }[];
  problems: string[];
  bytes: number;
};

/** mailparser internals used to watch the MIME tree as it is built (it has no event for parts). */
type TreeNode = { parent?: TreeNode | false; contentType?: string };
type ParserInternals = { createNode?: (data: unknown) => TreeNode };

async function parseLevel(shared: Shared, raw: Readable | AsyncIterable<Buffer>, baseDepth: number): Promise<Level> {
  const { limits } = shared;
  const level: Level = { headers: null, headerLines: [], partTypes: new Set(), text: null, stored: [], inner: [], problems: [], bytes: 0 };
  const parser = new MailParser({
    // No default in mailparser: without it a huge HTML body is converted to text however long.
    maxHtmlLengthToParse: limits.maxHtmlChars,
    // Attached messages stay attachments (kept as .eml) and are parsed by parseLevel itself, so
    // their depth and their own attachments fall under the same limits.
    ignoreEmbedded: true,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    checksumAlgo: false,
  });

  let stopped = false;
  let fatal: unknown = null;
  let currentContent: Readable | null = null;
  let signalStop!: () => void;
  const whenStopped = new Promise<void>((resolve) => (signalStop = resolve));
  /** Stops parsing for good: the raw stream is still read to the end (to measure it), never parsed. */
  const stop = (reason: string | null) => {
    if (reason) level.problems.push(reason);
    if (!parser.destroyed) parser.destroy();
    if (stopped) return;
    stopped = true;
    abandonCurrent('parsing stopped');
    signalStop();
  };
  /** The attachment streaming now cannot be complete: fail its storeFile so nothing partial is kept. */
  function abandonCurrent(reason: string) {
    currentContent?.destroy(new Error(reason));
  }

  // Depth: mailparser builds its part tree in createNode; wrap it to see every part as it appears.
  const internals = parser as unknown as ParserInternals;
  if (typeof internals.createNode !== 'function') throw new Error('mailparser internals changed: MailParser#createNode is missing');
  const createNode = internals.createNode.bind(parser);
  let depthReported = false;
  internals.createNode = (data) => {
    const node = createNode(data);
    let depth = baseDepth + 1;
    for (let p = node.parent; p; p = p.parent) depth++;
    if (typeof node.contentType === 'string') level.partTypes.add(node.contentType.toLowerCase());
    if (depth > limits.maxDepth && !depthReported) {
      depthReported = true;
      // Not from inside mailparser's own call stack: stop once it has returned.
      queueMicrotask(() => stop(`MIME nesting is deeper than ${limits.maxDepth} levels`));
    }
    return node;
  };

  const tasks: Promise<void>[] = [];
  parser.on('headers', (headers) => (level.headers = headers as Map<string, unknown>));
  parser.on('headerLines', (lines) => (level.headerLines = lines));
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') level.text = data;
    else tasks.push(handleAttachment(data));
  });
  parser.on('error', (error: Error) => stop(`the message could not be parsed: ${error.message}`));
  // 'end' after a complete parse, 'close' after destroy(): one of them always comes.
  const settled = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    parser.once('close', resolve);
  });

  async function handleAttachment(attachment: AttachmentStream): Promise<void> {
    const content = attachment.content;
    // A broken header ("Content-Type: ; name=x.jpg") leaves the type empty or missing.
    const contentType = (typeof attachment.contentType === 'string' && attachment.contentType.trim().toLowerCase()) || 'application/octet-stream';
    content.on('error', () => {}); // errors surface through storeFile; a late one must not crash the process
    currentContent = content;
    const fileName = attachmentName(attachment.filename, contentType);
    try {
      if (stopped) return;
      if (shared.attachmentCount >= limits.maxAttachments) {
        shared.skippedAttachments++;
        return; // released below without reading: mailparser drains it
      }
      shared.attachmentCount++;
      const collect = INLINABLE_IMAGE.test(contentType) && !!attachment.cid;
      const chunks: Buffer[] = [];
      let collected = 0;
      async function* tap(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          if (collect && collected <= MAX_INLINE_IMAGE_BYTES) {
            collected += chunk.length;
            if (collected <= MAX_INLINE_IMAGE_BYTES) chunks.push(chunk);
            else chunks.length = 0;
          }
          yield chunk;
        }
      }
      const result = await storeFile(shared.db, shared.store, { stream: tap(content), fileName });
      if (stopped) return; // the message was cut while this one streamed: not a complete file
      const { storedFile } = result;
      const inlineImage = collect && collected <= MAX_INLINE_IMAGE_BYTES && INLINABLE_IMAGE.test(storedFile.mimeType);
      const stored: StoredAttachment = {
        storedFileId: storedFile.id,
        fileName: result.fileName,
        mimeType: storedFile.mimeType,
        size: storedFile.size,
        inline: false, // decided once the HTML is known
        sha256: storedFile.sha256,
        cid: attachment.cid ?? null,
        related: attachment.related === true,
        dataUrl: inlineImage ? `data:${storedFile.mimeType};base64,${Buffer.concat(chunks).toString('base64')}` : null,
        partDepth: baseDepth + 1 + (attachment.partId ? attachment.partId.split('.').length : 0),
      };
      level.stored.push(stored);
      if (contentType === 'message/rfc822' || storedFile.mimeType === 'message/rfc822') level.inner.push({ attachment: stored, level: null });
    } catch (error) {
      if (stopped) return;
      if (isAppError(error, 'TOO_LARGE')) level.problems.push(`attachment "${fileName}" is ${error.message.replace(/^File is /, '')}`);
      else if (isAppError(error, 'VALIDATION')) return; // an empty attachment: nothing to keep
      else {
        fatal = error;
        stop(null);
      }
    } finally {
      if (currentContent === content) currentContent = null;
      attachment.release?.();
    }
  }

  // Feed the parser by hand rather than pipe(): the bytes are counted on the way, and past the
  // size limit the rest is only counted.
  let tooBig = false;
  try {
    for await (const chunk of raw as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      level.bytes += buffer.length;
      if (stopped) continue;
      if (level.bytes > limits.maxMessageBytes) {
        // Cut, but let mailparser finish what it has: headers and text up to here are still useful.
        // The attachment streaming at this moment is incomplete and is not kept.
        tooBig = true;
        stopped = true;
        abandonCurrent('message too large');
        parser.end();
        continue;
      }
      if (!parser.write(buffer)) {
        let onDrain!: () => void;
        await Promise.race([new Promise<void>((resolve) => parser.once('drain', (onDrain = resolve))), whenStopped]);
        parser.removeListener('drain', onDrain);
      }
    }
  } catch (error) {
    stop(null);
    await Promise.allSettled(tasks);
    throw error; // the raw stream itself failed: an I/O error, not bad input
  }
  if (tooBig) level.problems.push(`message is ${formatSize(level.bytes)}, over the ${formatSize(limits.maxMessageBytes)} limit`);
  if (!stopped) parser.end();
  await settled;
  await Promise.allSettled(tasks);
  if (fatal) throw fatal;

  // Attached messages, one after another, each from its stored .eml.
  for (const entry of level.inner) {
    if (entry.attachment.partDepth >= limits.maxDepth) {
      level.problems.push(`MIME nesting is deeper than ${limits.maxDepth} levels`);
      continue;
    }
    const source = await openFile(shared.store, entry.attachment.sha256);
    entry.level = await parseLevel(shared, source, entry.attachment.partDepth);
  }
  return level;
}

/** Everything but fax details for one level; attached messages contribute attachments and problems. */
async function finish(shared: Shared, level: Level): Promise<ParsedMail> {
  const { limits } = shared;
  const problems = [...level.problems];
  const headers = level.headers ?? new Map<string, unknown>();
  const headerLine = (name: string) => level.headerLines.find((h) => h.key === name);

  const from = firstAddress(headers.get('from'));
  const to = addressList(headers.get('to'));
  const cc = addressList(headers.get('cc'));
  const subject = typeof headers.get('subject') === 'string' ? (headers.get('subject') as string) : '';

  let text = level.text?.text ?? '';
  if (text.length > limits.maxTextChars) {
    problems.push(`text body is ${text.length} characters, over the ${limits.maxTextChars} limit`);
    text = text.slice(0, limits.maxTextChars);
  }
  let rawHtml = level.text?.html ?? null;
  if (rawHtml !== null && rawHtml.length > limits.maxHtmlChars) {
    problems.push(`HTML body is ${rawHtml.length} characters, over the ${limits.maxHtmlChars} limit`);
    rawHtml = rawHtml.slice(0, limits.maxHtmlChars);
  }
  const html = rawHtml === null ? null : sanitizeEmailHtml(inlineImages(rawHtml, level.stored));
  for (const attachment of level.stored) {
    attachment.inline = attachment.cid !== null && (attachment.related || (rawHtml ?? '').includes(`cid:${attachment.cid}`));
  }

  const contentType = headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const automatic = detectAutomatic({
    headerLines: level.headerLines,
    contentType: contentType?.value ?? 'text/plain',
    reportType: contentType?.params?.['report-type'] ?? null,
    partTypes: level.partTypes,
    fromAddress: from?.address ?? null,
  });

  const attachments: ParsedAttachment[] = level.stored.map(publicAttachment);
  let forwarded: ForwardedOriginal | null = null;
  let forwarderText = text;
  for (const entry of level.inner) {
    if (!entry.level) continue;
    const inner = await finish(shared, entry.level);
    attachments.push(...inner.attachments);
    problems.push(...inner.problems.map((p) => `attached message: ${p}`));
    // The first attached message is the real one — unless this is a bounce returning our own mail.
    if (!forwarded && automatic?.kind !== 'bounce') {
      forwarded = { from: inner.from, to: inner.to, date: inner.date, subject: inner.subject, text: inner.text, detectedBy: 'message/rfc822 attachment' };
    }
  }
  if (!forwarded) {
    const inline = detectInlineForward(text, subject);
    if (inline) {
      forwarded = inline.original;
      forwarderText = inline.forwarderText;
    }
  }

  return {
    messageId: stripBrackets(headers.get('message-id')),
    inReplyTo: stripBrackets(headers.get('in-reply-to')),
    references: messageIds(headers.get('references')),
    from,
    to,
    cc,
    deliveredTo: envelopeRecipients(level.headerLines, [...to, ...cc]),
    subject,
    date: headerLine('date') ? validDate(headers.get('date'), headerLine('date')!.line) : null,
    text,
    html,
    attachments,
    forwarded,
    forwarderText,
    automatic,
    fax: null,
    problems,
  };
}

const publicAttachment = (a: StoredAttachment): ParsedAttachment => ({
  storedFileId: a.storedFileId,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
  inline: a.inline,
});

/** cid: references to small stored images become data: URLs; the rest the sanitizer drops. */
function inlineImages(html: string, stored: StoredAttachment[]): string {
  let budget = MAX_INLINED_TOTAL_BYTES;
  const urls = new Map<string, string>();
  for (const a of stored) {
    if (!a.cid || !a.dataUrl || !html.includes(`cid:${a.cid}`) || a.dataUrl.length > budget) continue;
    budget -= a.dataUrl.length;
    urls.set(a.cid.toLowerCase(), a.dataUrl);
  }
  if (urls.size === 0) return html;
  return html.replace(/cid:([^"'\s>)]+)/gi, (whole, cid: string) => urls.get(cid.toLowerCase()) ?? whole);
}

function attachmentName(filename: unknown, type: string): string {
  const given = typeof filename === 'string' ? filename.trim() : '';
  if (given) return given;
  if (type === 'application/ms-tnef' || type === 'application/vnd.ms-tnef') return 'winmail.dat';
  if (type === 'message/rfc822') return 'forwarded-message.eml';
  const extension: Record<string, string> = {
    'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/tiff': 'tif',
    'image/webp': 'webp', 'text/plain': 'txt', 'text/html': 'html', 'text/calendar': 'ics', 'text/rfc822-headers': 'txt',
    'message/delivery-status': 'txt',
  };
  return `attachment.${extension[type] ?? 'bin'}`;
}

function addressList(value: unknown): MailAddress[] {
  const objects = (Array.isArray(value) ? value : value ? [value] : []) as AddressObject[];
  const result: MailAddress[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries ?? []) {
      if (entry.group) visit(entry.group);
      else if (entry.address && entry.address.includes('@')) result.push({ address: entry.address.trim().toLowerCase(), name: (entry.name ?? '').trim() });
    }
  };
  for (const object of objects) if (object && typeof object === 'object' && 'value' in object) visit(object.value);
  return result;
}

const firstAddress = (value: unknown): MailAddress | null => addressList(value)[0] ?? null;

function stripBrackets(value: unknown): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return null;
  const id = text.trim().replace(/^<+|>+$/g, '').trim();
  return id || null;
}

function messageIds(value: unknown): string[] {
  const joined = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => typeof v === 'string').join(' ');
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ids = bracketed.length > 0 ? bracketed : joined.split(/[\s,]+/).map((v) => v.replace(/^<|>$/g, ''));
  return [...new Set(ids.filter(Boolean))];
}

const ENVELOPE_HEADERS = new Set(['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to']);

/** Delivered-To / X-Original-To addresses, plus To/Cc plus-addresses (kontakty+K-2026-0042@…). */
function envelopeRecipients(headerLines: ReadonlyArray<{ key: string; line: string }>, visible: MailAddress[]): string[] {
  const found = new Set<string>();
  for (const { key, line } of headerLines) {
    if (!ENVELOPE_HEADERS.has(key)) continue;
    for (const m of line.slice(line.indexOf(':') + 1).matchAll(/[^\s<>,;:"]+@[^\s<>,;:"]+/g)) found.add(m[0].toLowerCase());
  }
  for (const { address } of visible) if (address.split('@')[0]!.includes('+')) found.add(address);
  return [...found];
}

/** mailparser answers "now" for a Date header it cannot read; that is no date at all. */
function validDate(value: unknown, line: string): Date | null {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return null;
  const rawValue = line.slice(line.indexOf(':') + 1).trim();
  if (Number.isNaN(Date.parse(rawValue)) && Math.abs(value.getTime() - Date.now()) < 60_000) return null;
  return value;
}

/** "61 MB", "1.5 MB", "12 KB": sizes in problems, in the units the limits are configured in. */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 2 ** 20 ? [bytes / 2 ** 20, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'bytes'];
  return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: value < 10 ? 1 : 0, useGrouping: false }).format(value)} ${unit}`;
}

/** Pages of the fax documents (PDF or TIFF) among the attachments; null when none could be counted. */
async function countFaxPages(store: FileStore, stored: StoredAttachment[]): Promise<number | null> {
  let total: number | null = null;
  for (const attachment of stored) {
    const path = blobPath(store, attachment.sha256);
    let pages: number | null = null;
    if (attachment.mimeType === 'application/pdf') pages = await countPdfPages(path);
    else if (attachment.mimeType === 'image/tiff') pages = await countTiffPages(path);
    if (pages !== null) total = (total ?? 0) + pages;
  }
  return total;
}
