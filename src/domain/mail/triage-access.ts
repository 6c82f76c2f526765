import type { Tx } from '../../db.ts';
import type { MailMessage } from '../../generated/prisma/client.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';

/** Statuses a person may act on from triage (assign, create a contact, discard, route again). */
export const TRIAGE_STATUSES = ['unmatched', 'rejected', 'ignored', 'discarded'] as const;

/** Who acted, for reasons and traces ("Anna Nowak", or the channel for the system). */
export async function actorName(tx: Tx, actor: Actor): Promise<string> {
  if (actor.employeeId === null) return actor.channel;
  const employee = await tx.employee.findUnique({ where: { id: actor.employeeId }, select: { name: true } });
  return employee?.name ?? `employee ${actor.employeeId}`;
}

/**
 * Locks a message for a triage action and checks it may be taken: admins and the system always,
 * the forwarding employee for their own message (the Slack buttons); never a filed message.
 */
export async function lockMailForTriage(tx: Tx, actor: Actor, id: number, allowed: readonly MailMessage['status'][] = TRIAGE_STATUSES): Promise<MailMessage> {
  await tx.$queryRaw`SELECT id FROM "MailMessage" WHERE id = ${id} FOR UPDATE`;
  const mail = await tx.mailMessage.findUnique({ where: { id } });
  if (!mail) throw notFound('E-mail', id);
  if (!isPrivileged(actor) && (actor.employeeId === null || actor.employeeId !== mail.forwarderId)) throw forbidden('Only an admin or the forwarder may handle this e-mail');
  if (!allowed.includes(mail.status)) {
    throw conflict(mail.status === 'filed' ? `This e-mail is already filed (contact ${mail.contactId})` : `This e-mail is ${mail.status}; it cannot be handled now`, { status: mail.status, contactId: mail.contactId });
  }
  return mail;
}
