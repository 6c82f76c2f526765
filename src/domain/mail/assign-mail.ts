import { z } from 'zod';
import type { Db } from '../../db.ts';
import { notFound, validation } from '../../errors.ts';
import { findContactId } from '../contacts/find-contact.ts';
import type { FileStore } from '../files/index.ts';
import { recordHistory } from '../history/record-history.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { fileMail } from './file-mail.ts';
import type { MailParser } from './mail-parser.ts';
import { outcomeOf, type MailOutcome } from './mail-outcome.ts';
import { asTrace } from './mail-trace.ts';
import type { IngestSettings } from './mail-settings.ts';
import type { ParsedMail } from './parsed-mail.ts';
import { readStoredMail } from './read-stored-mail.ts';
import { resolveForwarder } from './resolve-forwarder.ts';
import { actorName, lockMailForTriage } from './triage-access.ts';

const assignMailInput = z.object({
  mailMessageId: id,
  /** A contact id, or its number as people type it ("K/2026/42", "2026-42"). */
  contact: z.union([z.number().int().positive(), z.string().trim().min(1, 'required').max(40)]),
});
export type AssignMailInput = z.input<typeof assignMailInput>;

/** Parses the stored message; one that broke the limits cannot be filed. */
export async function parsedForFiling(db: Db, store: FileStore, mailMessageId: number, settings: IngestSettings, parse?: MailParser): Promise<ParsedMail> {
  const parsed = await readStoredMail(db, store, mailMessageId, settings, parse);
  if (parsed.problems.length > 0) throw validation({ mailMessageId: `cannot be filed: ${parsed.problems.join('; ')}` });
  return parsed;
}

/**
 * Files a message from triage (or quarantine) on a contact a person chose, through the same
 * fileMail path as automatic routing (dedupe included); the note's author is still the
 * forwarding employee. The contact's history records who assigned it.
 */
export async function assignMail(db: Db, store: FileStore, actor: Actor, input: AssignMailInput, settings: IngestSettings, parse?: MailParser): Promise<MailOutcome> {
  const data = parseInput(assignMailInput, input);
  const contactId = await findContactId(db, data.contact, settings.domain);
  const parsed = await parsedForFiling(db, store, data.mailMessageId, settings, parse);
  const forwarder = await resolveForwarder(db, parsed, settings);
  const row = await inTransaction(db, async (tx) => {
    const mail = await lockMailForTriage(tx, actor, data.mailMessageId);
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { number: true } });
    if (!contact) throw notFound('Contact', contactId);
    const author = forwarder.accepted ? forwarder.author : { employeeId: null, role: 'system' as const, channel: 'email' as const };
    const filed = await fileMail(tx, { mail, parsed, contactId, noteKind: parsed.fax ? 'fax' : 'e-mail', author, store });
    const by = await actorName(tx, actor);
    const detail = `assigned to ${contact.number} by ${by}${filed.duplicate ? ` (already filed as item ${filed.itemId})` : ''}`;
    await recordHistory(tx, actor, { contactId, entity: 'item', entityId: filed.itemId, action: 'e-mail assigned from triage', changes: [{ field: 'e-mail', old: null, new: mail.subject ?? mail.dedupeKey }] });
    return tx.mailMessage.update({
      where: { id: mail.id },
      data: {
        status: 'filed', contactId, itemId: filed.itemId, reason: detail, processedAt: new Date(),
        forwarderId: forwarder.accepted ? (forwarder.employee?.id ?? null) : mail.forwarderId,
        trace: [...asTrace(mail.trace), { rule: 'triage', outcome: 'matched', detail }] as object[],
      },
    });
  });
  return outcomeOf(row);
}
