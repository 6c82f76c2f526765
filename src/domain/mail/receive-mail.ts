import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { MailMessage } from '../../generated/prisma/client.ts';
import { storeFiles, type FileStore } from '../files/index.ts';
import { parseInput } from '../shared/validate.ts';
import { bareMessageId, readMailHeaders } from './read-mail-headers.ts';

const envelopeSchema = z.object({
  messageId: z.string().max(2000).nullish(),
  from: z.string().trim().max(500).nullish(),
  fromName: z.string().trim().max(500).nullish(),
  to: z.array(z.string().trim().max(500)).max(1000).optional(),
  subject: z.string().max(10_000).nullish(),
  date: z.date().nullish(),
});

const receiveMailInput = z.object({
  /** "kontakty@firma.pl/INBOX", or "cli" for a message fed by hand. */
  mailbox: z.string().trim().min(1, 'required').max(500),
  uidValidity: z.union([z.bigint(), z.number().int().nonnegative()]).transform((v) => BigInt(v)).nullish(),
  uid: z.number().int().positive().nullish(),
  envelope: envelopeSchema.optional(),
  rejected: z.string().trim().min(1).max(1000).optional(),
});

export type ReceiveMailInput = {
  mailbox: string;
  uidValidity?: bigint | number | null;
  uid?: number | null;
  /** The RFC 822 source; streamed into the file store, never parsed here. */
  raw: Readable | Uint8Array;
  /** Header fields the IMAP server already gave us; without it the stored source's headers are read. */
  envelope?: { messageId?: string | null; from?: string | null; fromName?: string | null; to?: string[]; subject?: string | null; date?: Date | null };
  /**
   * Set when the message cannot be taken whole (larger than the raw store accepts): `raw` is then
   * only its beginning, and the row is recorded as rejected with this reason, never routed.
   */
  rejected?: string;
};

const MAX_SUBJECT = 2000;

/**
 * Step one of the ingester, before anything may go wrong: the raw source goes into the file store
 * (the caller's store must accept the largest message, MAIL_MAX_MESSAGE_MB, so even a message
 * beyond the parse limits is kept), then a MailMessage row with status `received`. Idempotent on
 * (mailbox, uidValidity, uid): fetching the same IMAP message again returns the existing row.
 * The dedupe key is the Message-ID, or `sha256:<hash of the raw source>` for a message without one.
 */
export async function receiveMail(db: Db | Tx, store: FileStore, input: ReceiveMailInput): Promise<MailMessage & { created: boolean }> {
  const [row] = await receiveMails(db, store, [input]);
  return row!;
}

/**
 * receiveMail for a batch (the IMAP reader hands over what one FETCH brought): the raw sources are
 * stored side by side, then the rows are written in one statement — the same guarantees, with a
 * few round trips per batch instead of per message. Rows come back in the order of `inputs`.
 */
export async function receiveMails(db: Db | Tx, store: FileStore, inputs: readonly ReceiveMailInput[]): Promise<(MailMessage & { created: boolean })[]> {
  const data = inputs.map((input) => parseInput(receiveMailInput, { ...input, raw: undefined }));
  const stored = await storeFiles(db, store, inputs.map((input, k) => ({ stream: input.raw, fileName: `message-${data[k]!.uid ?? 'x'}.eml` })));
  const rows = await Promise.all(data.map(async (d, k) => {
    const file = stored[k]!.storedFile;
    const headers = d.envelope ?? (await readMailHeaders(store, file.sha256));
    const messageId = bareMessageId(headers.messageId);
    const hasUid = d.uidValidity != null && d.uid != null;
    return {
      mailbox: d.mailbox,
      uidValidity: hasUid ? d.uidValidity! : null,
      uid: hasUid ? d.uid! : null,
      messageId,
      dedupeKey: messageId ?? `sha256:${file.sha256}`,
      rawFileId: file.id,
      size: file.size,
      fromAddress: headers.from?.trim().toLowerCase() || null,
      fromName: headers.fromName?.trim() || null,
      toAddresses: (headers.to ?? []).map((a) => a.trim().toLowerCase()).filter(Boolean),
      subject: headers.subject?.slice(0, MAX_SUBJECT) ?? null,
      sentAt: headers.date ?? null,
      ...(d.rejected ? { status: 'rejected' as const, reason: d.rejected, processedAt: new Date() } : {}),
    };
  }));
  const result: (MailMessage & { created: boolean })[] = [];
  const keyed = rows.filter((r) => r.uid !== null);
  // INSERT … ON CONFLICT DO NOTHING: a re-fetch (or two readers at once) never makes a second row,
  // and unlike catching P2002 it does not abort a surrounding transaction. A row back means this
  // call created it (one round trip for the batch, the usual case); the others existed and are read.
  const key = (r: { mailbox: string; uidValidity: bigint | null; uid: number | null }) => `${r.mailbox}\n${r.uidValidity}\n${r.uid}`;
  const byKey = new Map<string, MailMessage & { created: boolean }>();
  if (keyed.length > 0) {
    for (const created of await db.mailMessage.createManyAndReturn({ data: keyed, skipDuplicates: true })) byKey.set(key(created), { ...created, created: true });
    const existing = keyed.filter((r) => !byKey.has(key(r)));
    if (existing.length > 0) {
      const found = await db.mailMessage.findMany({ where: { OR: existing.map((r) => ({ mailbox: r.mailbox, uidValidity: r.uidValidity, uid: r.uid })) } });
      for (const row of found) byKey.set(key(row), { ...row, created: false });
    }
  }
  for (const row of rows) {
    if (row.uid === null) result.push({ ...(await db.mailMessage.create({ data: row })), created: true });
    else {
      const found = byKey.get(key(row));
      if (!found) throw new Error(`receiveMail: no MailMessage for ${row.mailbox} ${row.uidValidity}/${row.uid}`);
      result.push(found);
    }
  }
  return result;
}
