// The sales forecast dashboard (issue 7): GET /forecast renders it; with `format=csv&table=<name>`
// (and `encoding=windows-1250` for Polish Excel) it downloads that table instead.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { getForecast } from '../../domain/analytics/forecast.ts';
import { addMonths, COMPANY_KINDS, firstDay, monthAt } from '../../domain/analytics/sales-filters.ts';
import { getWinRates, MAX_PERIOD_MONTHS } from '../../domain/analytics/win-rates.ts';
import { getListChoices } from '../../domain/contacts/get-list-choices.ts';
import { wallClock } from '../../domain/shared/zoned-time.ts';
import type { CompanyKind } from '../../generated/prisma/enums.ts';
import { FORECAST_PART, forecastCsvRecords, ForecastPage, isForecastTable, type ForecastPageFilter } from '../../../views/pages/forecast.tsx';
import { panel } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';
import { csvDownload } from '../table-csv.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function isDay(raw: string | undefined): raw is string {
  if (!raw || !DATE.test(raw)) return false;
  const at = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(raw);
}
const idOrNone = (raw: string | undefined) => (raw === 'none' ? 'none' : raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? raw : undefined);
const domainId = (raw: string | undefined) => (raw === 'none' ? null : raw ? Number(raw) : undefined);

/**
 * The URL's filter, cleaned: unknown values are dropped (an old bookmark still opens). The period
 * defaults to the last twelve months (the current one included) up to today, in `timeZone`; it is
 * put in order and cut to MAX_PERIOD_MONTHS.
 */
export function forecastFilter(query: Record<string, string>, now: Date, timeZone: string): ForecastPageFilter {
  const w = wallClock(now, timeZone);
  const today = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  let from = isDay(query.from) ? query.from : firstDay(addMonths(monthAt(now, timeZone), -11));
  let to = isDay(query.to) ? query.to : today;
  if (to < from) [from, to] = [to, from];
  const earliest = firstDay(addMonths(to.slice(0, 7), -(MAX_PERIOD_MONTHS - 1)));
  if (from < earliest) from = earliest;
  return {
    owner: idOrNone(query.owner),
    kind: idOrNone(query.kind),
    companyKind: (COMPANY_KINDS as readonly string[]).includes(query.companyKind ?? '') ? query.companyKind : undefined,
    from,
    to,
  };
}

export function forecastRoutes(deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  app.use('/forecast', requireSignIn);

  app.get('/forecast', async (c) => {
    const p = panel(c);
    const now = new Date();
    const timeZone = p.t.timeZone;
    const filter = forecastFilter(c.req.query(), now, timeZone);
    const narrow = { ownerId: domainId(filter.owner), kindId: domainId(filter.kind), companyKind: filter.companyKind as CompanyKind | undefined };
    const forecast = () => getForecast(deps.db, { now, timeZone, ...narrow });
    const history = () => getWinRates(deps.db, { from: filter.from, to: filter.to, timeZone, ...narrow });

    if (c.req.query('format') === 'csv') {
      const table = c.req.query('table') ?? '';
      if (!isForecastTable(table)) return c.text('unknown table', 404);
      const data = FORECAST_PART.includes(table) ? { forecast: await forecast() } : { history: await history() };
      return csvDownload(c, `forecast-${table}`, forecastCsvRecords(p.t, table, data));
    }
    const [forecastData, historyData, choices] = await Promise.all([forecast(), history(), getListChoices(deps.db)]);
    return c.html(<ForecastPage {...p.layout} filter={filter} choices={choices} forecast={forecastData} history={historyData} />);
  });

  return app;
}
