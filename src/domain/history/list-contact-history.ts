import type { Db, Tx } from '../../db.ts';
import type { Channel, HistoryEntity } from '../../generated/prisma/enums.ts';
import type { FieldChange } from './record-history.ts';

export type HistoryEntryView = {
  id: number; contactId: number; at: Date; actorId: number | null; channel: Channel; entity: HistoryEntity;
  entityId: number | null; action: string; changes: FieldChange[]; actor: { id: number; name: string } | null;
};

/**
 * A contact's history, newest first, with the actor's name; `offset` pages further back. One
 * plain statement: the contact page asks for it on every view.
 */
export async function listContactHistory(db: Db | Tx, contactId: number, options: { limit?: number; offset?: number } = {}): Promise<HistoryEntryView[]> {
  return db.$queryRaw<HistoryEntryView[]>`
    SELECT h.id, h."contactId", h.at, h."actorId", h.channel::text AS channel, h.entity::text AS entity, h."entityId", h.action, h.changes,
           CASE WHEN e.id IS NULL THEN NULL ELSE json_build_object('id', e.id, 'name', e.name) END AS actor
    FROM "HistoryEntry" h LEFT JOIN "Employee" e ON e.id = h."actorId"
    WHERE h."contactId" = ${contactId}
    ORDER BY h.at DESC, h.id DESC
    LIMIT ${options.limit ?? 500} OFFSET ${Math.max(0, Math.trunc(options.offset ?? 0))}`;
}
