import type { Db } from '../../db.ts';
import { forbidden } from '../../errors.ts';
import type { FileStore } from '../files/index.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { inTransaction } from '../shared/transaction.ts';
import type { MailOutcome } from './mail-outcome.ts';
import type { IngestSettings } from './mail-settings.ts';
import { processMail, type ProcessMailHooks } from './process-mail.ts';
import { actorName, lockMailForTriage } from './triage-access.ts';

/**
 * Routes a stored message again from its raw source (after an employee, a company domain or a fax
 * number was added): the row goes back to `received` and processMail runs as for a new message.
 * A filed message is refused (it is on a contact already). Admins, the system and the CLI only.
 */
export async function rerouteMail(db: Db, store: FileStore, actor: Actor, mailMessageId: number, settings: IngestSettings, hooks: ProcessMailHooks = {}, now = new Date()): Promise<MailOutcome> {
  if (!isPrivileged(actor)) throw forbidden('Only an admin may route an e-mail again');
  const detail = await inTransaction(db, async (tx) => {
    const mail = await lockMailForTriage(tx, actor, mailMessageId, ['unmatched', 'rejected', 'ignored', 'discarded', 'received']);
    const by = `routed again by ${await actorName(tx, actor)} at ${now.toISOString()} (was ${mail.status}${mail.reason ? `: ${mail.reason}` : ''})`;
    await tx.mailMessage.update({
      where: { id: mail.id },
      data: { status: 'received', reason: null, contactId: null, itemId: null, candidates: [], trace: [], processedAt: null },
    });
    return by;
  });
  return processMail(db, store, mailMessageId, settings, { ...hooks, prelude: [...(hooks.prelude ?? []), { rule: 'reroute', outcome: 'passed', detail }] });
}
