import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { MailStatus, Prisma } from '../../generated/prisma/client.ts';
import { optionalId, text } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';

export const TRIAGE_TABS = ['unmatched', 'rejected', 'ignored', 'discarded', 'filed', 'received'] as const;

const listTriageInput = z.object({
  /** unmatched (default) first; rejected = quarantine. */
  status: z.enum(TRIAGE_TABS).default('unmatched'),
  /** Words in the subject, the sender or the original sender. */
  q: text(200).optional(),
  mailbox: text(500).optional(),
  /** Keyset: messages older than this id. */
  before: optionalId,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListTriageInput = z.input<typeof listTriageInput>;

/** One tab of the triage queue, newest first, with the count of every tab. */
export async function listTriage(db: Db | Tx, input: ListTriageInput = {}) {
  const data = parseInput(listTriageInput, input);
  const where: Prisma.MailMessageWhereInput = {
    status: data.status,
    ...(data.mailbox ? { mailbox: data.mailbox } : {}),
    ...(data.q
      ? { OR: [{ subject: { contains: data.q, mode: 'insensitive' } }, { fromAddress: { contains: data.q, mode: 'insensitive' } }, { fromName: { contains: data.q, mode: 'insensitive' } }, { originalFrom: { contains: data.q, mode: 'insensitive' } }] }
      : {}),
  };
  const [rows, grouped] = await Promise.all([
    db.mailMessage.findMany({
      where: { ...where, ...(data.before ? { id: { lt: data.before } } : {}) },
      orderBy: { id: 'desc' },
      take: data.limit + 1,
      select: {
        id: true, status: true, subject: true, fromAddress: true, fromName: true, originalFrom: true, receivedAt: true, sentAt: true, reason: true, candidates: true,
        forwarder: { select: { id: true, name: true } }, contact: { select: { id: true, number: true } },
      },
    }),
    db.mailMessage.groupBy({ by: ['status'], _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(TRIAGE_TABS.map((s) => [s, 0])) as Record<MailStatus, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  const items = rows.slice(0, data.limit);
  return { status: data.status, items, counts, nextBefore: rows.length > data.limit ? items.at(-1)!.id : null };
}
