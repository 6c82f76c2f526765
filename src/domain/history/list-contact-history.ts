import type { Db, Tx } from '../../db.ts';
import type { FieldChange } from './record-history.ts';

/** A contact's history, newest first, with the actor's name. */
export async function listContactHistory(db: Db | Tx, contactId: number, options: { limit?: number } = {}) {
  const rows = await db.historyEntry.findMany({
    where: { contactId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: options.limit ?? 500,
    include: { actor: { select: { id: true, name: true } } },
  });
  return rows.map((r) => ({ ...r, changes: r.changes as FieldChange[] }));
}
