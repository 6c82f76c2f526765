import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { MailMessage } from '../../generated/prisma/client.ts';
import { storeFile, type FileStore } from '../files/index.ts';
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
  const data = parseInput(receiveMailInput, { ...input, raw: undefined });
  const hasUid = data.uidValidity != null && data.uid != null;
  const stored = await storeFile(db, store, { stream: input.raw, fileName: `message-${data.uid ?? 'x'}.eml` });
  const headers = data.envelope ?? (await readMailHeaders(store, stored.storedFile.sha256));
  const messageId = bareMessageId(headers.messageId);
  const row = {
    mailbox: data.mailbox,
    uidValidity: hasUid ? data.uidValidity! : null,
    uid: hasUid ? data.uid! : null,
    messageId,
    dedupeKey: messageId ?? `sha256:${stored.storedFile.sha256}`,
    rawFileId: stored.storedFile.id,
    size: stored.storedFile.size,
    fromAddress: headers.from?.trim().toLowerCase() || null,
    fromName: headers.fromName?.trim() || null,
    toAddresses: (headers.to ?? []).map((a) => a.trim().toLowerCase()).filter(Boolean),
    subject: headers.subject?.slice(0, MAX_SUBJECT) ?? null,
    sentAt: headers.date ?? null,
    ...(data.rejected ? { status: 'rejected' as const, reason: data.rejected, processedAt: new Date() } : {}),
  };
  if (!hasUid) return { ...(await db.mailMessage.create({ data: row })), created: true };
  // INSERT … ON CONFLICT DO NOTHING: a re-fetch (or two readers at once) never makes a second row,
  // and unlike catching P2002 it does not abort a surrounding transaction.
  // A row back means this call created it (one round trip, the usual case); none, that it existed.
  const [created] = await db.mailMessage.createManyAndReturn({ data: [row], skipDuplicates: true });
  if (created) return { ...created, created: true };
  const existing = await db.mailMessage.findFirstOrThrow({ where: { mailbox: row.mailbox, uidValidity: row.uidValidity, uid: row.uid } });
  return { ...existing, created: false };
}
