// A stored .eml read for display: headers, the attachment list and the bodies. The HTML body is
// returned as the sender wrote it (untrusted); it is shown only through sanitizeEmailHtml.
import type { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import { AppError } from '../../errors.ts';

/** Limits for one message: mail can be large and crafted to be slow. */
export const EMAIL_LIMITS = { maxBytes: 25 * 1024 * 1024, maxHtmlChars: 2_000_000, maxTextChars: 1_000_000, maxAttachments: 200 } as const;

export type ParsedEmail = {
  from: string;
  to: string;
  cc: string;
  subject: string;
  date: Date | null;
  attachments: { fileName: string; mimeType: string; size: number; inline: boolean }[];
  /** Untrusted HTML (cid: images already turned into data: URLs); null when the message has none. */
  html: string | null;
  text: string;
};

const addresses = (value: AddressObject | AddressObject[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ');

async function readCapped(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new AppError('TOO_LARGE', `The message is larger than ${Math.round(maxBytes / 2 ** 20)} MB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function parseEmail(source: Readable | Buffer, limits: Partial<typeof EMAIL_LIMITS> = {}): Promise<ParsedEmail> {
  const l = { ...EMAIL_LIMITS, ...limits };
  const bytes = Buffer.isBuffer(source) ? source : await readCapped(source, l.maxBytes);
  if (bytes.length > l.maxBytes) throw new AppError('TOO_LARGE', `The message is larger than ${Math.round(l.maxBytes / 2 ** 20)} MB`);
  const mail = await simpleParser(bytes, { maxHtmlLengthToParse: l.maxHtmlChars, skipTextLinks: true, skipTextToHtml: true });
  const html = typeof mail.html === 'string' && mail.html.trim() ? mail.html.slice(0, l.maxHtmlChars) : null;
  return {
    from: addresses(mail.from),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: mail.subject ?? '',
    date: mail.date ?? null,
    attachments: mail.attachments.slice(0, l.maxAttachments).map((a) => ({
      fileName: a.filename ?? '', mimeType: a.contentType, size: a.size, inline: a.related === true || a.contentDisposition === 'inline',
    })),
    html,
    text: (mail.text ?? '').slice(0, l.maxTextChars),
  };
}
