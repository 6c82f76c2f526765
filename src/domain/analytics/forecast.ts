// The sales forecast: what the open contacts are worth, when they are expected to close, and
// who and what they belong to. One SQL statement aggregates every table of the dashboard (one
// pass over the open contacts into cells, GROUPING SETS over the cells); JavaScript only names
// and orders the few resulting rows.
//
// Definitions (the contract the dashboard and its tests rely on):
// - Only OPEN contacts count. Every open contact matching the filter is counted, also one without
//   sales lines (its value is 0), so a figure's drill-down list shows exactly the contacts counted.
// - Value = Σ over its sales lines of quantity × negotiated unit net price (PLN, net), each line
//   rounded to the grosz half away from zero, then summed (the rule of documents/totals.ts).
// - Probability = the contact's own (0–100), else its kind's default; a contact with neither (no
//   kind, no probability) is weighted at 0 %: its chance is unknown, and the forecast should not
//   count on it. Weighted value = value × probability / 100, rounded to the grosz half away
//   from zero per contact, then summed.
// - Close date = the expected close date (a calendar date), else the deadline's day in the
//   viewer's time zone. Buckets, in the viewer's zone at `now`: the current month and the next
//   five are "the next 6 months"; earlier months are "overdue"; later ones "later"; no date at
//   all "undated". The buckets cover every open contact, so they add up to the total, as do the
//   owner, kind and company-kind rows.
// Money is returned in integer grosze (BigInt).
//
// Performance (100,000 contacts, 21,700 open, 60,500 sales lines; a shared 2-core machine):
// about 65 ms when the open contacts come from an index alone (partial on status = 'open',
// holding owner, kind, company, both dates, probability and id) and each contact's lines from
// one on (contactId, quantity, unitNetPrice); 100–130 ms without them (a pass over the 128 MB
// Contact heap). Most of the rest is the per-contact probe of its sales lines, which beats
// aggregating every line (85–90 ms). JIT compilation is off for the statement (see withoutJit).
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { CompanyKind } from '../../generated/prisma/enums.ts';
import { instant } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { addMonths, closeDateSql, COMPANY_KINDS, firstDay, groszeOf, monthAt, salesFilterFields, salesFilterSql, salesValueSql, timeZoneField, withoutJit, type Month } from './sales-filters.ts';

/** How many months, from the current one, the forecast shows one by one. */
export const FORECAST_MONTHS = 6;

const getForecastInput = z.object({
  /** The clock: its month in `timeZone` is the first of the six. */
  now: instant,
  /** The viewer's IANA time zone: decides month boundaries of deadlines and "now". */
  timeZone: timeZoneField,
  ...salesFilterFields,
});
/** Options of getForecast: the clock, the viewer's time zone, and the filter (null: "none"). */
export type GetForecastInput = z.input<typeof getForecastInput>;

export type ForecastFigures = {
  /** Open contacts. */
  count: number;
  /** Net value in grosze. */
  value: bigint;
  /** Value weighted by probability, in grosze. */
  weighted: bigint;
};
export type ForecastBucket = 'overdue' | 'month' | 'later' | 'undated';
export type ForecastMonthRow = ForecastFigures & { bucket: ForecastBucket; /** 'YYYY-MM' for bucket 'month', else null. */ month: Month | null };
export type ForecastOwnerRow = ForecastFigures & { ownerId: number | null; name: string | null };
export type ForecastKindRow = ForecastFigures & { kindId: number | null; name: string | null; defaultProbability: number | null };
export type ForecastCompanyKindRow = ForecastFigures & { companyKind: CompanyKind };

export type Forecast = {
  timeZone: string;
  /** The six months, the current one first ('YYYY-MM'); before the first is overdue, after the last is later. */
  window: Month[];
  /** overdue, the six months (each present, zero when empty), later, undated. */
  months: ForecastMonthRow[];
  /** Owners with open contacts (unassigned as ownerId null), highest value first. */
  owners: ForecastOwnerRow[];
  /** Kinds with open contacts ("no kind" as kindId null), highest value first. */
  kinds: ForecastKindRow[];
  /** Every company kind, in the enum's order, zero when empty. */
  companyKinds: ForecastCompanyKindRow[];
  total: ForecastFigures;
};

type Row = {
  dimension: 'bucket' | 'owner' | 'kind' | 'companyKind' | 'total';
  bucket: string | null;
  ownerId: number | null;
  kindId: number | null;
  companyKind: CompanyKind | null;
  count: number;
  value: string | null;
  weighted: string | null;
  ownerName: string | null;
  kindName: string | null;
  defaultProbability: number | null;
};

const ZERO: ForecastFigures = { count: 0, value: 0n, weighted: 0n };
const figures = (r: Row): ForecastFigures => ({ count: r.count, value: groszeOf(r.value), weighted: groszeOf(r.weighted) });
const byValue = (a: ForecastFigures, b: ForecastFigures) => (a.value === b.value ? b.count - a.count : a.value > b.value ? -1 : 1);

/** The forecast of open contacts matching the filter, as of `now` in `timeZone` (see the header). */
export async function getForecast(db: Db | Tx, input: GetForecastInput): Promise<Forecast> {
  const f = parseInput(getForecastInput, input);
  const current = monthAt(f.now, f.timeZone);
  const window = Array.from({ length: FORECAST_MONTHS }, (_, i) => addMonths(current, i));
  const where = [Prisma.sql`c.status = 'open'::"ContactStatus"`, ...salesFilterSql(f)];

  // A bucket is the first day of its month, clamped: the month before the window stands for
  // "overdue", the month after it for "later", NULL for "undated" (explicitly: GREATEST and LEAST
  // skip NULLs). Contacts are first summed per (bucket, owner, kind, company kind) cell, then the
  // few cells are rolled up per dimension: one pass over the contacts, not one per grouping set.
  const before = firstDay(addMonths(current, -1));
  const after = firstDay(addMonths(current, FORECAST_MONTHS));
  const rows = await withoutJit(db, (tx) => tx.$queryRaw<Row[]>`
    WITH open_contact AS (
      SELECT c."ownerId", c."kindId", co.kind AS "companyKind",
             ${closeDateSql(f.timeZone)} AS "closeDate",
             COALESCE(c.probability, k."defaultProbability", 0) AS probability,
             COALESCE(v.value, 0) * 100 AS value
      FROM "Contact" c
      JOIN "Company" co ON co.id = c."companyId"
      LEFT JOIN "ContactKind" k ON k.id = c."kindId"
      LEFT JOIN LATERAL (${salesValueSql}) v ON true
      WHERE ${Prisma.join(where, ' AND ')}
    ), cell AS (
      SELECT CASE WHEN "closeDate" IS NOT NULL THEN LEAST(GREATEST(date_trunc('month', "closeDate")::date, ${before}::date), ${after}::date) END AS bucket,
             "ownerId", "kindId", "companyKind",
             count(*) AS count, sum(value) AS value, sum(round(value * probability / 100)) AS weighted
      FROM open_contact
      GROUP BY 1, 2, 3, 4
    ), grouped AS (
      SELECT CASE WHEN GROUPING(bucket) = 0 THEN 'bucket' WHEN GROUPING("ownerId") = 0 THEN 'owner'
                  WHEN GROUPING("kindId") = 0 THEN 'kind' WHEN GROUPING("companyKind") = 0 THEN 'companyKind' ELSE 'total' END AS dimension,
             to_char(bucket, 'YYYY-MM') AS bucket, "ownerId", "kindId", "companyKind"::text AS "companyKind",
             COALESCE(sum(count), 0)::int AS count, sum(value)::text AS value, sum(weighted)::text AS weighted
      FROM cell
      GROUP BY GROUPING SETS ((bucket), ("ownerId"), ("kindId"), ("companyKind"), ())
    )
    SELECT g.*, e.name AS "ownerName", k.name AS "kindName", k."defaultProbability"
    FROM grouped g
    LEFT JOIN "Employee" e ON g.dimension = 'owner' AND e.id = g."ownerId"
    LEFT JOIN "ContactKind" k ON g.dimension = 'kind' AND k.id = g."kindId"`);

  const of = (dimension: Row['dimension']) => rows.filter((r) => r.dimension === dimension);
  // The GROUPING SETS row of (bucket) with a NULL bucket is "undated"; the clamped months are
  // overdue and later.
  const buckets = new Map(of('bucket').map((r) => [r.bucket === null ? 'undated' : r.bucket < current ? 'overdue' : r.bucket > window[window.length - 1]! ? 'later' : r.bucket, figures(r)]));
  const companyKinds = new Map(of('companyKind').map((r) => [r.companyKind, figures(r)]));
  const totalRow = of('total')[0];
  return {
    timeZone: f.timeZone,
    window,
    months: [
      { bucket: 'overdue', month: null, ...(buckets.get('overdue') ?? ZERO) },
      ...window.map((month) => ({ bucket: 'month' as const, month, ...(buckets.get(month) ?? ZERO) })),
      { bucket: 'later', month: null, ...(buckets.get('later') ?? ZERO) },
      { bucket: 'undated', month: null, ...(buckets.get('undated') ?? ZERO) },
    ],
    owners: of('owner').map((r) => ({ ownerId: r.ownerId, name: r.ownerName, ...figures(r) })).sort(byValue),
    kinds: of('kind').map((r) => ({ kindId: r.kindId, name: r.kindName, defaultProbability: r.defaultProbability, ...figures(r) })).sort(byValue),
    companyKinds: COMPANY_KINDS.map((companyKind) => ({ companyKind, ...(companyKinds.get(companyKind) ?? ZERO) })),
    // With no open contact at all, GROUP BY () still yields its row (count 0, sums NULL).
    total: totalRow ? figures(totalRow) : ZERO,
  };
}
