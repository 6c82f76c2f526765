import { z } from 'zod';
import type { Db } from '../../db.ts';
import type { Actor } from '../shared/actor.ts';
import { id, text } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { outcomeOf, type MailOutcome } from './mail-outcome.ts';
import { asTrace } from './mail-trace.ts';
import { actorName, lockMailForTriage } from './triage-access.ts';

const discardMailInput = z.object({ mailMessageId: id, note: text(500).optional() });
export type DiscardMailInput = z.input<typeof discardMailInput>;

/** Dismisses a message from triage: status discarded, kept with its raw source; who and when in the reason. */
export async function discardMail(db: Db, actor: Actor, input: DiscardMailInput, now = new Date()): Promise<MailOutcome> {
  const data = parseInput(discardMailInput, input);
  const row = await inTransaction(db, async (tx) => {
    const mail = await lockMailForTriage(tx, actor, data.mailMessageId, ['unmatched', 'rejected', 'ignored']);
    const detail = `discarded by ${await actorName(tx, actor)} at ${now.toISOString()}${data.note ? `: ${data.note}` : ''}`;
    return tx.mailMessage.update({
      where: { id: mail.id },
      data: { status: 'discarded', reason: detail, processedAt: now, trace: [...asTrace(mail.trace), { rule: 'triage', outcome: 'stopped', detail }] as object[] },
    });
  });
  return outcomeOf(row);
}
