import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';

export async function getContactKind(db: Db | Tx, id: number) {
  const kind = await db.contactKind.findUnique({ where: { id } });
  if (!kind) throw notFound('contact kind', id);
  return kind;
}
