import type { Db, Tx } from '../../db.ts';

/** Options for listPeople. */
export type ListPeopleOptions = {
  companyId?: number;
  active?: boolean;
  /** Part of the name or e-mail, case-insensitive. */
  search?: string;
  /** At most 500; 100 by default. */
  limit?: number;
  /** Rows to skip (the panel's "more" pages). */
  offset?: number;
};

/** People ordered by name, usually those of one company, each with its company's name and code. */
export async function listPeople(db: Db | Tx, options: ListPeopleOptions = {}) {
  const search = options.search?.trim();
  return db.person.findMany({
    where: {
      companyId: options.companyId,
      active: options.active,
      ...(search && {
        OR: [{ name: { contains: search, mode: 'insensitive' } }, { email: { contains: search, mode: 'insensitive' } }],
      }),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: Math.min(Math.max(options.limit ?? 100, 1), 500),
    skip: Math.max(Math.trunc(options.offset ?? 0), 0),
    include: { company: { select: { id: true, name: true, code: true } } },
  });
}
