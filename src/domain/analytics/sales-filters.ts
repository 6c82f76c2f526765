// What the forecast and the win rates share: the dashboard's filter (owner, contact kind, company
// kind) as SQL, a contact's close date and sales value as SQL, running an aggregate without JIT,
// and calendar months as 'YYYY-MM' strings.
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { CompanyKind } from '../../generated/prisma/enums.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { isKnownTimeZone, wallClock } from '../shared/zoned-time.ts';

export const COMPANY_KINDS = Object.values(CompanyKind);

/** The dashboard's filter; each part narrows every figure. */
export const salesFilterFields = {
  /** null: unassigned contacts only. */
  ownerId: id.nullable().optional(),
  /** null: contacts without a kind only. */
  kindId: id.nullable().optional(),
  companyKind: z.enum(CompanyKind).optional(),
};

export const timeZoneField = z.string().refine(isKnownTimeZone, 'unknown time zone');

/** Conditions on `c` (Contact) and `co` (its Company) for the filter. */
export function salesFilterSql(f: { ownerId?: number | null; kindId?: number | null; companyKind?: CompanyKind }): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.ownerId === null) where.push(Prisma.sql`c."ownerId" IS NULL`);
  else if (f.ownerId !== undefined) where.push(Prisma.sql`c."ownerId" = ${f.ownerId}`);
  if (f.kindId === null) where.push(Prisma.sql`c."kindId" IS NULL`);
  else if (f.kindId !== undefined) where.push(Prisma.sql`c."kindId" = ${f.kindId}`);
  if (f.companyKind) where.push(Prisma.sql`co.kind = ${f.companyKind}::"CompanyKind"`);
  return where;
}

/**
 * A contact's close date, the day the forecast files it under: its expected close date (a
 * calendar date), else its deadline's day in `timeZone`. Deadlines are stored as UTC wall time
 * (timestamp without time zone): AT TIME ZONE 'UTC' makes an instant of one, AT TIME ZONE <zone>
 * the wall time there. The contacts list filters by the same expression, so a forecast figure's
 * drill-down lists exactly the contacts it counted.
 */
export const closeDateSql = (timeZone: string) =>
  Prisma.sql`COALESCE(c."expectedCloseAt", ((c."dueAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date)`;

/**
 * The net value of the sales subject of contact `c`, in PLN, for a LEFT JOIN LATERAL (…) v:
 * each line's quantity × negotiated price rounded to the grosz on its own (numeric round() rounds
 * half away from zero, as lineNetGrosze in documents/totals.ts does), then summed; NULL without
 * lines. Exact numeric throughout; callers multiply by 100 and read the sums as text.
 */
export const salesValueSql = Prisma.sql`SELECT sum(round(s.quantity * s."unitNetPrice", 2)) AS value FROM "SalesLine" s WHERE s."contactId" = c.id`;

/**
 * Runs a dashboard aggregate with PostgreSQL's JIT compilation off. Its cost estimate (tens of
 * thousands of index probes for the sales lines) passes jit_above_cost, and compiling then takes
 * 40–100 ms, more than the whole query runs (measured on 100,000 contacts). SET LOCAL lasts until
 * the transaction ends: a caller's own transaction keeps it off until it commits.
 */
export function withoutJit<T>(db: Db | Tx, query: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return query(tx);
  });
}

/** A month as 'YYYY-MM'. */
export type Month = string;

const pad = (n: number) => String(n).padStart(2, '0');

/** The month a clock in `timeZone` shows at `at`. */
export function monthAt(at: Date, timeZone: string): Month {
  const w = wallClock(at, timeZone);
  return `${w.year}-${pad(w.month)}`;
}

/** `month` moved by `n` months (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** Its first day, 'YYYY-MM-01'. */
export const firstDay = (month: Month) => `${month}-01`;

/** Its last day, 'YYYY-MM-DD'. */
export function lastDay(month: Month): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to && months.length < 1200; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** A PostgreSQL numeric read as text ("123400.00" or "123400") → whole grosze. */
export function groszeOf(value: string | null): bigint {
  if (!value) return 0n;
  return BigInt(value.replace(/\.0*$/, ''));
}
