// The salespeople's activity dashboard: GET /activity with the filter in the URL; the same URL with
// `format=csv&table=<id>` (and `encoding=windows-1250`) downloads one of its tables.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { localDay } from '../../domain/shared/zoned-time.ts';
import { addDays, bucketEnd, bucketStart, getActivity, type Activity, type GetActivityInput } from '../../domain/analytics/activity.ts';
import { getListChoices } from '../../domain/contacts/get-list-choices.ts';
import { isAppError, notFound } from '../../errors.ts';
import type { Translator } from '../../../views/i18n/messages.ts';
import { ActivityPage, ActivityReport, activityTables, csvRecords, type ActivityFilter } from '../../../views/pages/activity.tsx';
import { panel } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';
import { csvDownload, csvLinks } from '../table-csv.ts';

const positiveId = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? raw : '');
const firstOfMonth = (day: string, monthsBack: number) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
};

/** The default period of a bucket: 8 whole ISO weeks or 6 whole months, ending with the current one. */
export function defaultPeriod(bucket: 'week' | 'month', today: string): { from: string; to: string } {
  return bucket === 'week'
    ? { from: addDays(bucketStart(today, 'week'), -7 * 7), to: bucketEnd(today, 'week') }
    : { from: firstOfMonth(today, 5), to: bucketEnd(today, 'month') };
}

/** The URL's filter; what is missing takes the default (dates are checked by the domain). */
export function activityFilter(query: Record<string, string>, today: string): ActivityFilter {
  const bucket = query.bucket === 'month' ? 'month' : 'week';
  const period = defaultPeriod(bucket, today);
  return {
    from: (query.from ?? '').slice(0, 10) || period.from,
    to: (query.to ?? '').slice(0, 10) || period.to,
    bucket,
    employee: positiveId(query.employee),
    kind: positiveId(query.kind),
  };
}

const filterQuery = (filter: ActivityFilter) => {
  const query = new URLSearchParams({ from: filter.from, to: filter.to, bucket: filter.bucket });
  if (filter.employee) query.set('employee', filter.employee);
  if (filter.kind) query.set('kind', filter.kind);
  return query;
};

/** Links to the quick periods, in the reader's calendar. */
function quickPeriods(t: Translator, today: string) {
  const link = (bucket: 'week' | 'month', period: { from: string; to: string }) => `/activity?${new URLSearchParams({ bucket, ...period })}`;
  return [
    { label: t('acQuick8Weeks'), href: link('week', defaultPeriod('week', today)) },
    { label: t('acQuickThisMonth'), href: link('week', { from: firstOfMonth(today, 0), to: bucketEnd(today, 'month') }) },
    { label: t('acQuick6Months'), href: link('month', defaultPeriod('month', today)) },
    { label: t('acQuick12Months'), href: link('month', { from: firstOfMonth(today, 11), to: bucketEnd(today, 'month') }) },
  ];
}

/** The report, or the reasons the filter was refused (shown on the page with a 422). */
async function reportOrErrors(db: Db, input: GetActivityInput): Promise<{ activity: Activity | null; errors?: Record<string, string> }> {
  try {
    return { activity: await getActivity(db, input) };
  } catch (error) {
    if (!isAppError(error, 'VALIDATION')) throw error;
    return { activity: null, errors: error.details.fields ?? { _: error.message } };
  }
}

export function activityRoutes(deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  app.use('/activity', requireSignIn);

  app.get('/activity', async (c) => {
    const p = panel(c);
    const now = new Date();
    const today = localDay(now, p.t.timeZone);
    const filter = activityFilter(c.req.query(), today);
    const input: GetActivityInput = {
      from: filter.from, to: filter.to, bucket: filter.bucket, timeZone: p.t.timeZone, now,
      employeeId: filter.employee ? Number(filter.employee) : null, kindId: filter.kind ? Number(filter.kind) : null,
    };

    if (c.req.query('format') === 'csv') {
      const activity = await getActivity(deps.db, input); // a refused filter: 422 from the error handler
      const table = activityTables(p.t, activity).find((tb) => tb.id === c.req.query('table'));
      if (!table) throw notFound('Table', c.req.query('table') ?? '');
      return csvDownload(c, `activity-${table.id}-${filter.from}-${filter.to}`, csvRecords(p.t, table));
    }

    const { activity, errors } = await reportOrErrors(deps.db, input);
    const links = (table: string) => csvLinks('/activity', new URLSearchParams([...filterQuery(filter), ['table', table]]));
    const status = activity ? 200 : 422;
    // htmx swaps only the report (the form's hx-select would cut it from the page anyway).
    if (c.req.header('HX-Request') && !c.req.header('HX-Boosted')) return c.html(<ActivityReport t={p.t} activity={activity} errors={errors} csvLinks={links} />, status);
    const choices = await getListChoices(deps.db);
    return c.html(<ActivityPage {...p.layout} filter={filter} choices={choices} quick={quickPeriods(p.t, today)} activity={activity} errors={errors} csvLinks={links} />, status);
  });

  return app;
}
