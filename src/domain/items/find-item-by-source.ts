import type { Db, Tx } from '../../db.ts';
import type { Channel } from '../../generated/prisma/enums.ts';

/**
 * The item filed on a contact from `source` under `sourceRef` (a Slack message, an e-mail), or
 * null. Item's unique index on (contact, source, sourceRef) makes it at most one: this is the row
 * a repeated capture collides with, so a refusal can point at it.
 */
export async function findItemBySource(db: Db | Tx, contactId: number, source: Channel, sourceRef: string) {
  return db.item.findUnique({
    where: { contactId_source_sourceRef: { contactId, source, sourceRef } },
    select: { id: true, type: true, createdAt: true, contact: { select: { id: true, number: true, title: true } } },
  });
}
