// A cheap, header-only read of a stored raw message: the bytes up to the first empty line (at most
// HEADER_BYTES), decoded by mailparser. The body is never read, so this costs the same for a 50 MB
// message as for a 2 KB one.
import { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import { openFile, type FileStore } from '../files/index.ts';

const HEADER_BYTES = 256 * 1024;

export type MailHeaders = {
  messageId: string | null;
  from: string | null;
  fromName: string | null;
  to: string[];
  subject: string | null;
  date: Date | null;
};

/** Message-ID without angle brackets or surrounding space; null when empty. */
export const bareMessageId = (value: string | null | undefined) => {
  const id = (value ?? '').trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return id ? id.slice(0, 995) : null;
};

async function readHeaderBlock(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buf);
      size += buf.length;
      const head = Buffer.concat(chunks);
      const end = headerEnd(head);
      if (end >= 0) return head.subarray(0, end);
      if (size >= HEADER_BYTES) return head.subarray(0, HEADER_BYTES);
    }
    return Buffer.concat(chunks);
  } finally {
    stream.destroy();
  }
}

/** Where the header block ends (the first empty line), or -1 while not seen yet. */
function headerEnd(head: Buffer): number {
  const crlf = head.indexOf('\r\n\r\n');
  const lf = head.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : -1;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value).filter((v) => v.address);

/** Reads the header fields of the blob `sha256`. */
export async function readMailHeaders(store: FileStore, sha256: string): Promise<MailHeaders> {
  const block = await readHeaderBlock(await openFile(store, sha256));
  const mail = await simpleParser(Readable.from([block, Buffer.from('\r\n\r\n')]), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const from = addresses(mail.from)[0];
  return {
    messageId: bareMessageId(mail.messageId),
    from: from?.address ?? null,
    fromName: from?.name || null,
    to: addresses(mail.to).map((a) => a.address!),
    subject: mail.subject ?? null,
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
  };
}
