import type { Db, Tx } from '../../db.ts';

/** Note kinds used before, most frequent first: the list "builds itself from use". */
export async function suggestNoteKinds(db: Db | Tx, options: { prefix?: string; limit?: number } = {}) {
  const prefix = (options.prefix ?? '').trim().toLowerCase();
  const rows = await db.item.groupBy({
    by: ['noteKind'],
    where: { noteKind: prefix ? { startsWith: prefix } : { not: null } },
    _count: { _all: true },
    orderBy: [{ _count: { noteKind: 'desc' } }, { noteKind: 'asc' }],
    take: options.limit ?? 20,
  });
  return rows.map((r) => ({ kind: r.noteKind!, count: r._count._all }));
}
