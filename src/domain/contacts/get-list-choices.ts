// What the contacts list's filters and bulk form offer, in one statement: every employee (owners
// of old contacts may have left; only active ones can receive contacts) and the contact kinds.
import type { Db, Tx } from '../../db.ts';

export type ListChoices = {
  employees: { id: number; name: string; active: boolean }[];
  kinds: { id: number; name: string }[];
};

export async function getListChoices(db: Db | Tx): Promise<ListChoices> {
  const [row] = await db.$queryRaw<ListChoices[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'active', active) ORDER BY name, id), '[]') FROM "Employee") AS employees,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name) ORDER BY name, id), '[]') FROM "ContactKind") AS kinds`;
  return row!;
}
