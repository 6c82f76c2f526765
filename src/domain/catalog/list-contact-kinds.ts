import type { Db, Tx } from '../../db.ts';

/** Contact kinds ordered by name. */
export async function listContactKinds(db: Db | Tx, options: { active?: boolean } = {}) {
  return db.contactKind.findMany({ where: { active: options.active }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}
