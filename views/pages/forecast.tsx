// The sales forecast dashboard: the forecast of open contacts (by close month, owner, contact kind
// and company kind) and beside it the history of a period (won and lost, win rate, cycle length,
// value won per month). Every chart is server-side SVG with its table; every figure links to the
// contacts list that makes it up; every table downloads as CSV.
import type { Forecast, ForecastFigures, ForecastMonthRow } from '../../src/domain/analytics/forecast.ts';
import { addMonths, firstDay, lastDay, type Month } from '../../src/domain/analytics/sales-filters.ts';
import type { WinRateFigures, WinRates } from '../../src/domain/analytics/win-rates.ts';
import { formatGrosze } from '../../src/domain/documents/totals.ts';
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { BarChart } from '../partials/bar-chart.tsx';

/** The tables of the dashboard, as named in `?format=csv&table=`. */
export const FORECAST_TABLES = ['months', 'owners', 'kinds', 'companyKinds', 'winByOwner', 'winByKind', 'wonByMonth'] as const;
export type ForecastTable = (typeof FORECAST_TABLES)[number];
export const isForecastTable = (name: string): name is ForecastTable => (FORECAST_TABLES as readonly string[]).includes(name);
/** Tables of the forecast (open contacts); the others are the history's. */
export const FORECAST_PART: readonly ForecastTable[] = ['months', 'owners', 'kinds', 'companyKinds'];

/** The page's filter as in its URL: owner and kind are an id or "none"; from and to are days. */
export type ForecastPageFilter = { owner?: string; kind?: string; companyKind?: string; from: string; to: string };

const COMPANY_KIND_LABELS: Record<string, MessageKey> = { client: 'mdKindClient', prospect: 'mdKindProspect', partner: 'mdKindPartner', competitor: 'mdKindCompetitor', supplier: 'mdKindSupplier' };

/** Number formatting in the viewer's language (charts, tables) and for CSV (no grouping); built once per translator. */
const formatsOf = new WeakMap<Translator, ReturnType<typeof buildFormats>>();
function formats(t: Translator) {
  let f = formatsOf.get(t);
  if (!f) formatsOf.set(t, (f = buildFormats(t)));
  return f;
}

function buildFormats(t: Translator) {
  const tag = t.locale === 'pl' ? 'pl-PL' : 'en-GB';
  const percent = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const days = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const monthName = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  // CSV: the decimal separator Excel expects in that language (a comma in Polish), no grouping.
  const csvDecimal = (text: string) => (t.locale === 'pl' ? text.replace('.', ',') : text);
  return {
    pln: (grosze: bigint) => Number(grosze) / 100,
    money: (value: number) => t.money(value),
    percent: (rate: number | null) => (rate === null ? t('none') : percent.format(rate)),
    days: (value: number | null) => (value === null ? t('none') : days.format(value)),
    count: (value: number) => count.format(value),
    month: (month: Month) => monthName.format(new Date(`${month}-01T00:00:00Z`)),
    csvMoney: (grosze: bigint) => csvDecimal(formatGrosze(grosze)),
    csvPercent: (rate: number | null) => (rate === null ? '' : csvDecimal((rate * 100).toFixed(1))),
    csvDays: (value: number | null) => (value === null ? '' : csvDecimal(value.toFixed(1))),
  };
}

const bucketLabel = (t: Translator, f: ReturnType<typeof formats>, row: ForecastMonthRow) =>
  row.bucket === 'month' ? f.month(row.month!) : t(row.bucket === 'overdue' ? 'fcOverdue' : row.bucket === 'later' ? 'fcLater' : 'fcUndated');
const ownerLabel = (t: Translator, name: string | null) => name ?? t('unassigned');
const kindLabel = (t: Translator, name: string | null) => name ?? t('fcNoKind');
const companyKindLabel = (t: Translator, kind: string) => (COMPANY_KIND_LABELS[kind] ? t(COMPANY_KIND_LABELS[kind]) : kind);

/** Drill-down: the contacts list's URL for a figure, with the page's filter and the figure's own. */
function listLink(filter: ForecastPageFilter, own: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  const all = { owner: filter.owner, kind: filter.kind, companyKind: filter.companyKind, ...own };
  for (const [k, v] of Object.entries(all)) if (v) query.set(k, v);
  return `/contacts?${query.toString()}`;
}
const idOrNone = (id: number | null) => (id === null ? 'none' : String(id));

/** The list filter of each forecast bucket (close month in the viewer's zone, as the forecast has it). */
function bucketFilter(forecast: Forecast, row: ForecastMonthRow): Record<string, string> {
  const first = forecast.window[0]!;
  const last = forecast.window[forecast.window.length - 1]!;
  if (row.bucket === 'month') return { closeFrom: row.month!, closeTo: row.month! };
  if (row.bucket === 'overdue') return { closeTo: addMonths(first, -1) };
  if (row.bucket === 'later') return { closeFrom: addMonths(last, 1) };
  return { undated: '1' };
}

/** The list filter of the history's contacts: closed in the period with these outcomes. */
const closedFilter = (history: WinRates, outcome: string, from = history.from, to = history.to) => ({ status: 'closed', outcome, closedFrom: from, closedTo: to });

/** One table as CSV records (header first), in the viewer's language. */
export function forecastCsvRecords(t: Translator, table: ForecastTable, data: { forecast?: Forecast; history?: WinRates }): string[][] {
  const f = formats(t);
  const figureHeader = [t('fcCount'), `${t('fcValue')} (PLN)`, `${t('fcWeighted')} (PLN)`];
  const figures = (x: ForecastFigures) => [String(x.count), f.csvMoney(x.value), f.csvMoney(x.weighted)];
  const rateHeader = [t('fcWon'), t('fcLost'), `${t('fcWinRate')} (%)`, t('fcAvgDays')];
  const rates = (x: WinRateFigures) => [String(x.won), String(x.lost), f.csvPercent(x.winRate), f.csvDays(x.avgDaysToClose)];
  const { forecast, history } = data;
  if (forecast) {
    const total = [t('fcTotal'), ...figures(forecast.total)];
    if (table === 'months') return [[t('fcMonth'), ...figureHeader], ...forecast.months.map((r) => [r.month ?? bucketLabel(t, f, r), ...figures(r)]), total];
    if (table === 'owners') return [[t('owner'), ...figureHeader], ...forecast.owners.map((r) => [ownerLabel(t, r.name), ...figures(r)]), total];
    if (table === 'kinds') return [[t('kind'), ...figureHeader], ...forecast.kinds.map((r) => [kindLabel(t, r.name), ...figures(r)]), total];
    if (table === 'companyKinds') return [[t('fcFilterCompanyKind'), ...figureHeader], ...forecast.companyKinds.map((r) => [companyKindLabel(t, r.companyKind), ...figures(r)]), total];
  }
  if (history) {
    const total = [t('fcTotal'), ...rates(history.total)];
    if (table === 'winByOwner') return [[t('owner'), ...rateHeader], ...history.byOwner.map((r) => [ownerLabel(t, r.name), ...rates(r)]), total];
    if (table === 'winByKind') return [[t('kind'), ...rateHeader], ...history.byKind.map((r) => [kindLabel(t, r.name), ...rates(r)]), total];
    if (table === 'wonByMonth') return [[t('fcMonth'), t('fcWon'), `${t('fcValueWon')} (PLN)`], ...history.valueWonByMonth.map((r) => [r.month, String(r.won), f.csvMoney(r.value)])];
  }
  throw new Error(`forecastCsvRecords: no data for table ${table}`);
}

const CsvLinks = (props: { t: Translator; query: string; table: ForecastTable }) => {
  const at = (encoding: string) => `/forecast?${props.query}${props.query ? '&' : ''}format=csv&table=${props.table}&encoding=${encoding}`;
  return (
    <p class="list-actions">
      <a href={at('utf-8')}>{props.t('fcCsv')}</a> <a href={at('windows-1250')}>{props.t('fcCsvExcel')}</a>
    </p>
  );
};

type Option = { value: string; label: string };
const Select = (props: { name: string; label: string; value: string | undefined; options: Option[] }) => (
  <label>
    {props.label}{' '}
    <select name={props.name}>
      {props.options.map((o) => <option value={o.value} selected={(props.value ?? '') === o.value}>{o.label}</option>)}
    </select>
  </label>
);

/** A chart of value and weighted value per category, each figure linking to its contacts. */
function ForecastChart(props: {
  t: Translator; id: string; title: MessageKey; description: MessageKey; header: string;
  rows: (ForecastFigures & { label: string; link: string })[];
}) {
  const { t } = props;
  const f = formats(t);
  if (props.rows.length === 0) return <p class="muted">{t('fcNoData')}</p>;
  return (
    <BarChart
      id={props.id}
      title={t(props.title)}
      description={t(props.description)}
      categoryHeader={props.header}
      categories={props.rows.map((r) => r.label)}
      series={[
        { label: t('fcValue'), values: props.rows.map((r) => f.pln(r.value)) },
        { label: t('fcWeighted'), values: props.rows.map((r) => f.pln(r.weighted)) },
      ]}
      format={f.money}
      // An empty figure has nothing to list (and its list would be the slowest to find empty).
      links={(_, c) => (props.rows[c]?.count ? props.rows[c].link : null)}
    />
  );
}

/** Won and lost per row (stacked), then a table of win rate and average days to close. */
function WinRateSection(props: {
  t: Translator; id: string; title: MessageKey; description: MessageKey; ratesTitle: MessageKey; header: string;
  rows: (WinRateFigures & { label: string; link: (outcome: string) => string })[]; total: WinRateFigures; totalLink: (outcome: string) => string;
}) {
  const { t } = props;
  const f = formats(t);
  if (props.rows.length === 0) return <p class="muted">{t('fcNoData')}</p>;
  const rows = [...props.rows, { ...props.total, label: t('fcTotal'), link: props.totalLink }];
  return (
    <>
      <BarChart
        id={props.id}
        title={t(props.title)}
        description={t(props.description)}
        categoryHeader={props.header}
        categories={props.rows.map((r) => r.label)}
        series={[{ label: t('fcWon'), values: props.rows.map((r) => r.won) }, { label: t('fcLost'), values: props.rows.map((r) => r.lost) }]}
        format={f.count}
        stacked
        links={(s, c) => {
          const row = props.rows[c];
          return row && (s === 0 ? row.won : row.lost) > 0 ? row.link(s === 0 ? 'won' : 'lost') : null;
        }}
      />
      <table class="chart-table">
        <caption>{t(props.ratesTitle)}</caption>
        <thead>
          <tr>
            <th scope="col">{props.header}</th>
            <th scope="col" class="num">{t('fcWinRate')}</th>
            <th scope="col" class="num">{t('fcAvgDays')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{r.winRate === null ? f.percent(null) : <a href={r.link('won,lost')}>{f.percent(r.winRate)}</a>}</td>
              <td class="num">{r.avgDaysToClose === null ? f.days(null) : <a href={r.link('won,lost')}>{f.days(r.avgDaysToClose)}</a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ForecastPage(
  props: Omit<LayoutProps, 'title' | 'children'> & {
    filter: ForecastPageFilter;
    choices: { employees: { id: number; name: string }[]; kinds: { id: number; name: string }[] };
    forecast: Forecast;
    history: WinRates;
  },
) {
  const { t, filter, forecast, history } = props;
  const f = formats(t);
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  const open = (own: Record<string, string | undefined>) => listLink(filter, { status: 'open', ...own });
  const closed = (own: Record<string, string | undefined>) => (outcome: string) => listLink(filter, { ...closedFilter(history, outcome), ...own });
  const day = (iso: string) => t.date(new Date(`${iso}T00:00:00Z`));
  const totals = t('fcTotals', { count: f.count(forecast.total.count), value: f.money(f.pln(forecast.total.value)), weighted: f.money(f.pln(forecast.total.weighted)) });
  return (
    <Layout {...props} title={t('fcTitle')}>
      <h1>{t('fcTitle')}</h1>
      <form class="filters" method="get" action="/forecast">
        <Select name="owner" label={t('fcFilterOwner')} value={filter.owner}
          options={[{ value: '', label: t('fcAnyOwner') }, { value: 'none', label: t('unassigned') }, ...props.choices.employees.map((e) => ({ value: String(e.id), label: e.name }))]} />
        <Select name="kind" label={t('fcFilterKind')} value={filter.kind}
          options={[{ value: '', label: t('fcAny') }, { value: 'none', label: t('fcNoKind') }, ...props.choices.kinds.map((k) => ({ value: String(k.id), label: k.name }))]} />
        <Select name="companyKind" label={t('fcFilterCompanyKind')} value={filter.companyKind}
          options={[{ value: '', label: t('fcAny') }, ...Object.keys(COMPANY_KIND_LABELS).map((k) => ({ value: k, label: companyKindLabel(t, k) }))]} />
        <label>{t('fcPeriodFrom')} <input type="date" name="from" value={filter.from} /></label>
        <label>{t('fcPeriodTo')} <input type="date" name="to" value={filter.to} /></label>
        <button type="submit">{t('fcApply')}</button>
      </form>

      <section aria-labelledby="fc-forecast">
        <h2 id="fc-forecast">{t('fcForecastHeading')}</h2>
        <p class="muted">{t('fcIntro', { zone: forecast.timeZone })} {t('fcProbabilityNote')}</p>
        <p>
          {forecast.total.count > 0 ? <a href={open({})}>{totals}</a> : totals}
        </p>
        <ForecastChart t={t} id="fc-months" title="fcByMonth" description="fcByMonthDesc" header={t('fcMonth')}
          rows={forecast.months.map((r) => ({ ...r, label: bucketLabel(t, f, r), link: open(bucketFilter(forecast, r)) }))} />
        <CsvLinks t={t} query={query} table="months" />
        <ForecastChart t={t} id="fc-owners" title="fcByOwner" description="fcByOwnerDesc" header={t('owner')}
          rows={forecast.owners.map((r) => ({ ...r, label: ownerLabel(t, r.name), link: open({ owner: idOrNone(r.ownerId) }) }))} />
        <CsvLinks t={t} query={query} table="owners" />
        <ForecastChart t={t} id="fc-kinds" title="fcByKind" description="fcByKindDesc" header={t('kind')}
          rows={forecast.kinds.map((r) => ({ ...r, label: kindLabel(t, r.name), link: open({ kind: idOrNone(r.kindId) }) }))} />
        <CsvLinks t={t} query={query} table="kinds" />
        <ForecastChart t={t} id="fc-company-kinds" title="fcByCompanyKind" description="fcByCompanyKindDesc" header={t('fcFilterCompanyKind')}
          rows={forecast.companyKinds.map((r) => ({ ...r, label: companyKindLabel(t, r.companyKind), link: open({ companyKind: r.companyKind }) }))} />
        <CsvLinks t={t} query={query} table="companyKinds" />
      </section>

      <section aria-labelledby="fc-history">
        <h2 id="fc-history">{t('fcHistoryHeading')}</h2>
        <p class="muted">{t('fcHistoryIntro', { from: day(history.from), to: day(history.to) })}</p>
        <WinRateSection t={t} id="fc-win-owners" title="fcWinByOwner" description="fcWinByOwnerDesc" ratesTitle="fcRatesByOwner" header={t('owner')}
          rows={history.byOwner.map((r) => ({ ...r, label: ownerLabel(t, r.name), link: closed({ owner: idOrNone(r.ownerId) }) }))}
          total={history.total} totalLink={closed({})} />
        <CsvLinks t={t} query={query} table="winByOwner" />
        <WinRateSection t={t} id="fc-win-kinds" title="fcWinByKind" description="fcWinByKindDesc" ratesTitle="fcRatesByKind" header={t('kind')}
          rows={history.byKind.map((r) => ({ ...r, label: kindLabel(t, r.name), link: closed({ kind: idOrNone(r.kindId) }) }))}
          total={history.total} totalLink={closed({})} />
        <CsvLinks t={t} query={query} table="winByKind" />
        <BarChart
          id="fc-won-months"
          title={t('fcWonByMonth')}
          description={t('fcWonByMonthDesc')}
          categoryHeader={t('fcMonth')}
          categories={history.valueWonByMonth.map((r) => f.month(r.month))}
          series={[{ label: t('fcValueWon'), values: history.valueWonByMonth.map((r) => f.pln(r.value)) }]}
          format={f.money}
          links={(_, c) => {
            const month = history.valueWonByMonth[c]?.won ? history.valueWonByMonth[c].month : null;
            if (!month) return null;
            // The month, cut to the period at either end.
            const from = firstDay(month) < history.from ? history.from : firstDay(month);
            const to = lastDay(month) > history.to ? history.to : lastDay(month);
            return listLink(filter, closedFilter(history, 'won', from, to));
          }}
        />
        <CsvLinks t={t} query={query} table="wonByMonth" />
      </section>
    </Layout>
  );
}
