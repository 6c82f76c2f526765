import type { MailMessage } from '../../generated/prisma/client.ts';
import { asCandidates, type MailCandidate } from './mail-trace.ts';

/** What became of a message: the row's status, reason and where it was filed. */
export type MailOutcome = {
  mailMessageId: number;
  status: MailMessage['status'];
  reason: string | null;
  contactId: number | null;
  itemId: number | null;
  candidates: MailCandidate[];
};

export const outcomeOf = (row: MailMessage): MailOutcome => ({
  mailMessageId: row.id,
  status: row.status,
  reason: row.reason,
  contactId: row.contactId,
  itemId: row.itemId,
  candidates: asCandidates(row.candidates),
});
