import type { Db, Tx } from '../../db.ts';

/** Note kinds used before, most frequent first: the list "builds itself from use" (note-kinds.ts). */
export async function suggestNoteKinds(db: Db | Tx, options: { prefix?: string; limit?: number } = {}) {
  const prefix = (options.prefix ?? '').trim().toLowerCase();
  const rows = await db.noteKind.findMany({
    where: prefix ? { kind: { startsWith: prefix } } : undefined,
    orderBy: [{ uses: 'desc' }, { kind: 'asc' }],
    take: options.limit ?? 20,
  });
  return rows.map((r) => ({ kind: r.kind, count: r.uses }));
}
