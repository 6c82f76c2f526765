import type { Db, Tx } from '../../db.ts';

/** The person with this e-mail address, case-insensitively (citext), with their company; null if none. */
export async function findPersonByEmail(db: Db | Tx, email: string) {
  const address = email.trim();
  if (!address) return null;
  return db.person.findUnique({
    where: { email: address },
    include: { company: { select: { id: true, name: true, code: true, active: true } } },
  });
}
