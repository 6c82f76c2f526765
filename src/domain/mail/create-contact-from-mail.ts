import { z } from 'zod';
import type { Db } from '../../db.ts';
import { notFound, validation } from '../../errors.ts';
import { createContact } from '../contacts/create-contact.ts';
import type { FileStore } from '../files/index.ts';
import type { Actor } from '../shared/actor.ts';
import { id, optionalId, text } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { parsedForFiling } from './assign-mail.ts';
import { fileMail } from './file-mail.ts';
import type { MailParser } from './mail-parser.ts';
import { outcomeOf, type MailOutcome } from './mail-outcome.ts';
import { asTrace } from './mail-trace.ts';
import type { IngestSettings } from './mail-settings.ts';
import { resolveForwarder } from './resolve-forwarder.ts';
import { suggestContactFromMail } from './suggest-contact-from-mail.ts';
import { actorName, lockMailForTriage } from './triage-access.ts';

const createContactFromMailInput = z.object({
  mailMessageId: id,
  /** Default: the original sender's company (by address, else by domain). */
  companyId: optionalId,
  /** Default: the subject without Re:/Fwd:. */
  title: text(200).optional(),
  /** Default: the forwarding employee, else the acting one. */
  ownerId: optionalId,
});
export type CreateContactFromMailInput = z.input<typeof createContactFromMailInput>;

/** Creates a contact for the message's company and files the message on it, in one transaction. */
export async function createContactFromMail(db: Db, store: FileStore, actor: Actor, input: CreateContactFromMailInput, settings: IngestSettings, parse?: MailParser): Promise<MailOutcome> {
  const data = parseInput(createContactFromMailInput, input);
  const mail0 = await db.mailMessage.findUnique({ where: { id: data.mailMessageId } });
  if (!mail0) throw notFound('E-mail', data.mailMessageId);
  const suggestion = await suggestContactFromMail(db, mail0);
  const companyId = data.companyId ?? suggestion.company?.id;
  if (!companyId) throw validation({ companyId: 'choose the company: the sender matches none' });
  const title = data.title || suggestion.title || `E-mail ${mail0.fromAddress ?? ''}`.trim();
  const parsed = await parsedForFiling(db, store, data.mailMessageId, settings, parse);
  const forwarder = await resolveForwarder(db, parsed, settings);
  const row = await inTransaction(db, async (tx) => {
    const mail = await lockMailForTriage(tx, actor, data.mailMessageId);
    const contact = await createContact(tx, actor, {
      companyId, title,
      personId: !data.companyId || data.companyId === suggestion.company?.id ? (suggestion.person?.id ?? null) : null,
      ownerId: data.ownerId ?? (forwarder.accepted ? forwarder.employee?.id : undefined) ?? actor.employeeId,
    }, settings.domain);
    const author = forwarder.accepted ? forwarder.author : { employeeId: null, role: 'system' as const, channel: 'email' as const };
    const filed = await fileMail(tx, { mail, parsed, contactId: contact.id, noteKind: parsed.fax ? 'fax' : 'e-mail', author, store });
    const detail = `new contact ${contact.number} created from it by ${await actorName(tx, actor)}`;
    return tx.mailMessage.update({
      where: { id: mail.id },
      data: {
        status: 'filed', contactId: contact.id, itemId: filed.itemId, reason: detail, processedAt: new Date(),
        trace: [...asTrace(mail.trace), { rule: 'triage', outcome: 'matched', detail }] as object[],
      },
    });
  });
  return outcomeOf(row);
}
