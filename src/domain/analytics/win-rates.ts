// History beside the forecast: how often contacts are won, how long they take, and what was won
// each month, over a chosen period. One SQL statement (GROUPING SETS over one pass).
//
// Definitions:
// - The period is whole days in the viewer's time zone, both ends included; a contact belongs to
//   it by its closing instant (closedAt), also for "value won per month" (month of closedAt in
//   that zone).
// - Decided = closed with outcome won or lost. Closed as cancelled or without an outcome (null)
//   stays out of every figure here.
// - Win rate = won / (won + lost); null when nothing was decided.
// - Average days to close = mean of (closedAt − registeredAt) in days (24 h, fractional) over the
//   same won and lost contacts as the win rate; null when none.
// - Value won = the won contacts' sales subject as it stands now (Σ per line quantity × negotiated
//   price, each line rounded to the grosz half away from zero), in integer grosze.
//
// Performance (100,000 contacts; 26,600 decided in a year; a shared 2-core machine): about 65 ms
// for twelve months with a partial index on status = 'closed' leading with closedAt and holding
// outcome, owner, kind, company, registeredAt and id (the contacts come from it alone), 95–125 ms
// without; three years about 180 ms.
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { validation } from '../../errors.ts';
import { calendarDate } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { zonedInstant } from '../shared/zoned-time.ts';
import { groszeOf, monthRange, salesFilterFields, salesFilterSql, salesValueSql, timeZoneField, withoutJit, type Month } from './sales-filters.ts';

/** The longest period the history shows (ten years of months). */
export const MAX_PERIOD_MONTHS = 120;

const getWinRatesInput = z.object({
  /** First day of the period, 'YYYY-MM-DD' in `timeZone`. */
  from: calendarDate,
  /** Last day of the period (included), 'YYYY-MM-DD' in `timeZone`. */
  to: calendarDate,
  /** The viewer's IANA time zone: decides where days and months begin. */
  timeZone: timeZoneField,
  ...salesFilterFields,
});
/** Options of getWinRates: the period (calendar days, both included), the viewer's zone, the filter. */
export type GetWinRatesInput = z.input<typeof getWinRatesInput>;

export type WinRateFigures = {
  won: number;
  lost: number;
  /** won / (won + lost), 0–1; null when nothing was decided. */
  winRate: number | null;
  /** Mean days from registration to close of the won and lost contacts; null when none. */
  avgDaysToClose: number | null;
};
export type WinRateOwnerRow = WinRateFigures & { ownerId: number | null; name: string | null };
export type WinRateKindRow = WinRateFigures & { kindId: number | null; name: string | null };
export type WonMonthRow = { month: Month; /** Contacts won. */ won: number; /** Their value in grosze. */ value: bigint };

export type WinRates = {
  timeZone: string;
  /** The period as given ('YYYY-MM-DD', both included) and its months. */
  from: string;
  to: string;
  months: Month[];
  /** Owners with decided contacts (unassigned as ownerId null), most decided first. */
  byOwner: WinRateOwnerRow[];
  /** Kinds with decided contacts ("no kind" as kindId null), most decided first. */
  byKind: WinRateKindRow[];
  total: WinRateFigures;
  /** Every month of the period, zero when nothing was won. */
  valueWonByMonth: WonMonthRow[];
};

type Row = {
  dimension: 'owner' | 'kind' | 'month' | 'total';
  ownerId: number | null;
  kindId: number | null;
  month: string | null;
  won: number;
  lost: number;
  avgDays: number | null;
  value: string | null;
  ownerName: string | null;
  kindName: string | null;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const figures = (r: Row): WinRateFigures => ({
  won: r.won,
  lost: r.lost,
  winRate: r.won + r.lost > 0 ? r.won / (r.won + r.lost) : null,
  avgDaysToClose: r.avgDays === null ? null : Number(r.avgDays),
});
const byDecided = (a: WinRateFigures, b: WinRateFigures) => b.won + b.lost - (a.won + a.lost) || b.won - a.won;

/** Win rates, cycle length and value won of contacts closed in the period (see the header). */
export async function getWinRates(db: Db | Tx, input: GetWinRatesInput): Promise<WinRates> {
  const f = parseInput(getWinRatesInput, input);
  const [from, to] = [isoDay(f.from), isoDay(f.to)];
  if (f.to < f.from) throw validation({ to: 'the period ends before it begins' });
  const months = monthRange(from.slice(0, 7), to.slice(0, 7));
  if (months.length > MAX_PERIOD_MONTHS) throw validation({ from: `the period may span at most ${MAX_PERIOD_MONTHS} months` });
  // [start, end): midnight of the first day to midnight after the last, in the viewer's zone.
  const start = zonedInstant(f.from.getUTCFullYear(), f.from.getUTCMonth() + 1, f.from.getUTCDate(), 0, 0, f.timeZone);
  const end = zonedInstant(f.to.getUTCFullYear(), f.to.getUTCMonth() + 1, f.to.getUTCDate() + 1, 0, 0, f.timeZone);
  const where = [
    Prisma.sql`c.status = 'closed'::"ContactStatus"`,
    Prisma.sql`c.outcome IN ('won'::"ContactOutcome", 'lost'::"ContactOutcome")`,
    // closedAt holds UTC wall time (timestamp without time zone); the bounds are instants.
    Prisma.sql`c."closedAt" >= (${start}::timestamptz AT TIME ZONE 'UTC')`,
    Prisma.sql`c."closedAt" < (${end}::timestamptz AT TIME ZONE 'UTC')`,
    ...salesFilterSql(f),
  ];

  // Contacts are first summed per (owner, kind, month) cell, then the few cells are rolled up per
  // dimension: one pass over the contacts, not one per grouping set. A won contact's value comes
  // from its lines; a lost one's lines are not read (the lateral's one-time filter).
  const rows = await withoutJit(db, (tx) => tx.$queryRaw<Row[]>`
    WITH cell AS (
      SELECT c."ownerId", c."kindId", date_trunc('month', (c."closedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${f.timeZone}) AS month,
             count(*) FILTER (WHERE c.outcome = 'won'::"ContactOutcome") AS won,
             count(*) FILTER (WHERE c.outcome = 'lost'::"ContactOutcome") AS lost,
             sum(date_part('epoch', c."closedAt" - c."registeredAt")) AS seconds,
             sum(v.value) * 100 AS value
      FROM "Contact" c
      JOIN "Company" co ON co.id = c."companyId"
      LEFT JOIN LATERAL (${salesValueSql} AND c.outcome = 'won'::"ContactOutcome") v ON true
      WHERE ${Prisma.join(where, ' AND ')}
      GROUP BY 1, 2, 3
    ), grouped AS (
      SELECT CASE WHEN GROUPING("ownerId") = 0 THEN 'owner' WHEN GROUPING("kindId") = 0 THEN 'kind'
                  WHEN GROUPING(month) = 0 THEN 'month' ELSE 'total' END AS dimension,
             "ownerId", "kindId", to_char(month, 'YYYY-MM') AS month,
             COALESCE(sum(won), 0)::int AS won, COALESCE(sum(lost), 0)::int AS lost,
             sum(seconds) / NULLIF(sum(won) + sum(lost), 0) / 86400 AS "avgDays", sum(value)::text AS value
      FROM cell
      GROUP BY GROUPING SETS (("ownerId"), ("kindId"), (month), ())
    )
    SELECT g.*, e.name AS "ownerName", k.name AS "kindName"
    FROM grouped g
    LEFT JOIN "Employee" e ON g.dimension = 'owner' AND e.id = g."ownerId"
    LEFT JOIN "ContactKind" k ON g.dimension = 'kind' AND k.id = g."kindId"`);

  const of = (dimension: Row['dimension']) => rows.filter((r) => r.dimension === dimension);
  const byMonth = new Map(of('month').map((r) => [r.month, r]));
  const totalRow = of('total')[0];
  return {
    timeZone: f.timeZone,
    from,
    to,
    months,
    byOwner: of('owner').map((r) => ({ ownerId: r.ownerId, name: r.ownerName, ...figures(r) })).sort(byDecided),
    byKind: of('kind').map((r) => ({ kindId: r.kindId, name: r.kindName, ...figures(r) })).sort(byDecided),
    total: totalRow ? figures(totalRow) : { won: 0, lost: 0, winRate: null, avgDaysToClose: null },
    valueWonByMonth: months.map((month) => {
      const r = byMonth.get(month);
      return { month, won: r?.won ?? 0, value: groszeOf(r?.value ?? null) };
    }),
  };
}
