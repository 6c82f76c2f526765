import type { Db, Tx } from '../../db.ts';
import { Prisma } from '../../db.ts';
import type { CompanyKind } from '../../generated/prisma/enums.ts';
import { foldText } from '../shared/fold-text.ts';

/** Options for listCompanies. */
export type ListCompaniesOptions = {
  /** Part of the name or code (case and diacritics ignored: "zolw" finds "Żółw"), or of the NIP. */
  search?: string;
  active?: boolean;
  kind?: CompanyKind;
  /** At most 500; 50 by default. */
  limit?: number;
  /** Rows to skip (the panel's "more" pages). */
  offset?: number;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Companies ordered by name. */
export async function listCompanies(db: Db | Tx, options: ListCompaniesOptions = {}) {
  const take = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const skip = Math.max(Math.trunc(options.offset ?? 0), 0);
  const where: Prisma.CompanyWhereInput = { active: options.active, kind: options.kind };
  const search = foldText(options.search);
  if (!search) return db.company.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], take, skip });

  // No searchText column on Company (lists are small), so fold in SQL with unaccent, matching foldText.
  const pattern = `%${escapeLike(search)}%`;
  // A NIP is typed as digits, maybe with dashes or spaces ("123-456-32-18"); digits inside other
  // words ("Żółw 2") are not a NIP and must not match every company whose NIP contains them.
  const digits = /^[\d\s-]+$/.test(search) ? search.replace(/\D/g, '') : '';
  const byNip = digits.length >= 3 ? Prisma.sql`OR nip LIKE ${`%${digits}%`}` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM "Company"
    WHERE (lower(unaccent(name)) LIKE ${pattern} OR lower(unaccent(code::text)) LIKE ${pattern} ${byNip})
      ${options.active === undefined ? Prisma.empty : Prisma.sql`AND active = ${options.active}`}
      ${options.kind === undefined ? Prisma.empty : Prisma.sql`AND kind = ${options.kind}::"CompanyKind"`}
    ORDER BY name, id
    LIMIT ${take} OFFSET ${skip}`;
  const companies = await db.company.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
  const order = new Map(rows.map((r, i) => [r.id, i]));
  return companies.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
