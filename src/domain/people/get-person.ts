import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';

export async function getPerson(db: Db | Tx, id: number) {
  const person = await db.person.findUnique({ where: { id }, include: { company: { select: { id: true, name: true, code: true } } } });
  if (!person) throw notFound('person', id);
  return person;
}
