// The salespeople's activity dashboard (issue 7): filters, a comparison with the previous period,
// server-drawn charts each with its table, and every table as CSV. The tables are defined once
// (activityTables): the page draws them and the CSV download writes exactly the same rows.
import type { Activity, ActivityFigures } from '../../src/domain/analytics/activity.ts';
import { OTHER_NOTE_KIND } from '../../src/domain/analytics/activity.ts';
import { formatGrosze } from '../../src/domain/documents/totals.ts';
import type { Translator } from '../i18n/messages.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { BarChart } from '../partials/bar-chart.tsx';

/** The filter as the URL carries it (and the form shows it back). */
export type ActivityFilter = { from: string; to: string; bucket: 'week' | 'month'; employee: string; kind: string };

/**
 * A table cell: a count, an amount in grosze, a change of either (shown with its sign), a change
 * in per cent (null: no base to compare with), or text.
 */
export type ActivityValue = number | { grosze: bigint } | { signed: number | { grosze: bigint } } | { percent: number | null } | string;

export type ActivityTable = {
  /** `?table=` of its CSV download. */
  id: string;
  title: string;
  /** Header of the first column, then of each value column. */
  header: string[];
  rows: { head: string; cells: ActivityValue[] }[];
  /** Drawn as a bar chart (its rows the categories, its columns the series) above the numbers. */
  chart?: { description: string; stacked: boolean; money: boolean };
};

/** A cell's number (grosze for amounts); 0 for text. */
const numeric = (v: ActivityValue): number =>
  typeof v === 'number' ? v : typeof v === 'string' ? 0 : 'signed' in v ? numeric(v.signed) : 'percent' in v ? (v.percent ?? 0) : Number(v.grosze);

const numberFormats = new Map<string, Intl.NumberFormat>();
const countFormat = (t: Translator) => {
  let format = numberFormats.get(t.locale);
  if (!format) numberFormats.set(t.locale, (format = new Intl.NumberFormat(t.locale === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 0 })));
  return format;
};

/** A value as the page shows it. */
export function showValue(t: Translator, value: ActivityValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return countFormat(t).format(value);
  if ('signed' in value) return `${numeric(value.signed) > 0 ? '+' : ''}${showValue(t, value.signed)}`;
  if ('percent' in value) return value.percent === null ? '—' : `${value.percent > 0 ? '+' : ''}${countFormat(t).format(value.percent)}%`;
  return t.money(formatGrosze(value.grosze));
}

/** A value as a spreadsheet reads it: no grouping, the decimal separator of the file's language. */
export function csvValue(t: Translator, value: ActivityValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('signed' in value) return csvValue(t, value.signed);
  if ('percent' in value) return value.percent === null ? '' : String(value.percent);
  const plain = formatGrosze(value.grosze);
  return t.locale === 'pl' ? plain.replace('.', ',') : plain;
}

/** A table as CSV records, header first. */
export const csvRecords = (t: Translator, table: ActivityTable): string[][] => [
  table.header,
  ...table.rows.map((r) => [r.head, ...r.cells.map((v) => csvValue(t, v))]),
];

/** The difference from the previous period, and in per cent of it ("—" when that was 0). */
function change(current: ActivityValue, previous: ActivityValue): [ActivityValue, ActivityValue] {
  const now = numeric(current);
  const before = numeric(previous);
  const difference = typeof current === 'object' && typeof previous === 'object' && 'grosze' in current && 'grosze' in previous
    ? { grosze: current.grosze - previous.grosze }
    : now - before;
  return [{ signed: difference }, { percent: before === 0 ? null : Math.round(((now - before) / before) * 100) }];
}

/**
 * `headline`: also compared per salesperson in the employees table; `split`: a per-kind part of
 * a total (left out of the employees table, whose notes by kind have their own chart).
 */
type Metric = { label: string; value: (f: ActivityFigures) => ActivityValue; headline?: boolean; split?: boolean };

/** Every figure of the report, in the order of the tables' columns. */
function metrics(t: Translator, a: Activity): Metric[] {
  const kindLabel = (kind: string) => (kind === OTHER_NOTE_KIND ? t('acKindOther') : kind);
  const documentName = (k: Activity['documentKinds'][number]) => (t.locale === 'pl' ? k.namePl : k.nameEn);
  return [
    { label: t('acNotes'), value: (f) => f.notesTotal, headline: true },
    ...a.noteKinds.map((kind) => ({ label: t('acNotesOfKind', { kind: kindLabel(kind) }), value: (f: ActivityFigures) => f.notes[kind] ?? 0, split: true })),
    { label: t('acTasksPlanned'), value: (f) => f.tasksPlanned },
    { label: t('acTasksOnTime'), value: (f) => f.tasksDoneOnTime, headline: true },
    { label: t('acTasksLate'), value: (f) => f.tasksDoneLate },
    { label: t('acTasksOverdue'), value: (f) => f.tasksOverdue },
    { label: t('acContactsOpened'), value: (f) => f.contactsOpened },
    { label: t('acContactsWon'), value: (f) => f.contactsWon, headline: true },
    { label: t('acContactsLost'), value: (f) => f.contactsLost },
    { label: t('acDocuments'), value: (f) => f.documentsIssued },
    ...a.documentKinds.map((k) => ({ label: t('acDocumentsOfKind', { kind: documentName(k) }), value: (f: ActivityFigures) => f.documents[k.code]?.count ?? 0, split: true })),
    { label: t('acNet'), value: (f) => ({ grosze: f.documentsNetGrosze }), headline: true },
    ...a.documentKinds.map((k) => ({ label: t('acNetOfKind', { kind: documentName(k) }), value: (f: ActivityFigures) => ({ grosze: f.documents[k.code]?.netGrosze ?? 0n }), split: true })),
    { label: t('acGross'), value: (f) => ({ grosze: f.documentsGrossGrosze }) },
  ];
}

/** Every table of the page, in page order. */
export function activityTables(t: Translator, a: Activity): ActivityTable[] {
  const bucketHeader = a.bucket === 'week' ? t('acWeek') : t('acMonth');
  const bucketWord = bucketHeader.toLowerCase();
  const kindLabel = (kind: string) => (kind === OTHER_NOTE_KIND ? t('acKindOther') : kind);
  const names = new Map(a.employees.map((e) => [e.id, e.name ?? t('acNoOne')]));
  const name = (id: number | null) => names.get(id) ?? t('acNoOne');
  const labels = new Map(a.buckets.map((b) => [b.start, b.label]));
  const all = metrics(t, a);
  const period = (p: { from: string; to: string }) => `${p.from} – ${p.to}`;
  const documentName = (k: Activity['documentKinds'][number]) => (t.locale === 'pl' ? k.namePl : k.nameEn);
  const headline = all.filter((m) => m.headline);
  const totals = all.filter((m) => !m.split);
  // Without any document in either period the chart still has one (empty) series.
  const documentSeries = a.documentKinds.length
    ? a.documentKinds.map((k) => ({ label: documentName(k), value: (f: ActivityFigures) => f.documents[k.code]?.netGrosze ?? 0n }))
    : [{ label: t('acNet'), value: (f: ActivityFigures) => f.documentsNetGrosze }];

  return [
    {
      id: 'summary',
      title: t('acSummaryTitle'),
      header: [t('acMetric'), `${t('acThisPeriod')} (${period(a.period)})`, `${t('acPreviousPeriod')} (${period(a.previousPeriod)})`, t('acChange'), t('acChangePercent')],
      rows: all.map((m) => {
        const current = m.value(a.total);
        const previous = m.value(a.previousTotal);
        return { head: m.label, cells: [current, previous, ...change(current, previous)] };
      }),
    },
    {
      id: 'notes',
      title: t('acNotesChart'),
      header: [bucketHeader, ...a.noteKinds.map(kindLabel)],
      rows: a.byBucket.map((b) => ({ head: labels.get(b.bucket) ?? b.bucket, cells: a.noteKinds.map((k) => b.figures.notes[k] ?? 0) })),
      chart: { description: t('acNotesChartDesc', { bucket: bucketWord }), stacked: true, money: false },
    },
    {
      id: 'employee-notes',
      title: t('acEmployeeNotesChart'),
      header: [t('acEmployee'), ...a.noteKinds.map(kindLabel)],
      rows: a.byEmployee.map((e) => ({ head: name(e.employeeId), cells: a.noteKinds.map((k) => e.figures.notes[k] ?? 0) })),
      chart: { description: t('acEmployeeNotesChartDesc'), stacked: true, money: false },
    },
    {
      id: 'tasks',
      title: t('acTasksChart'),
      header: [bucketHeader, t('acTasksPlanned'), t('acTasksOnTime'), t('acTasksLate'), t('acTasksOverdue')],
      rows: a.byBucket.map((b) => ({ head: labels.get(b.bucket) ?? b.bucket, cells: [b.figures.tasksPlanned, b.figures.tasksDoneOnTime, b.figures.tasksDoneLate, b.figures.tasksOverdue] })),
      chart: { description: t('acTasksChartDesc', { bucket: bucketWord }), stacked: false, money: false },
    },
    {
      id: 'contacts',
      title: t('acContactsChart'),
      header: [bucketHeader, t('acContactsOpened'), t('acContactsWon'), t('acContactsLost')],
      rows: a.byBucket.map((b) => ({ head: labels.get(b.bucket) ?? b.bucket, cells: [b.figures.contactsOpened, b.figures.contactsWon, b.figures.contactsLost] })),
      chart: { description: t('acContactsChartDesc', { bucket: bucketWord }), stacked: false, money: false },
    },
    {
      id: 'documents',
      title: t('acDocumentsChart'),
      header: [bucketHeader, ...documentSeries.map((d) => d.label)],
      rows: a.byBucket.map((b) => ({ head: labels.get(b.bucket) ?? b.bucket, cells: documentSeries.map((d) => ({ grosze: d.value(b.figures) })) })),
      chart: { description: t('acDocumentsChartDesc', { bucket: bucketWord }), stacked: false, money: true },
    },
    {
      id: 'employees',
      title: t('acEmployeesTitle'),
      header: [t('acEmployee'), ...totals.map((m) => m.label), ...headline.map((m) => t('acPreviousOf', { figure: m.label }))],
      rows: a.byEmployee.map((e) => ({ head: name(e.employeeId), cells: [...totals.map((m) => m.value(e.figures)), ...headline.map((m) => m.value(e.previous))] })),
    },
    {
      id: 'detail',
      title: t('acDetailTitle', { bucket: bucketWord }),
      header: [t('acEmployee'), bucketHeader, ...all.map((m) => m.label)],
      rows: a.cells.map((c) => ({ head: name(c.employeeId), cells: [labels.get(c.bucket) ?? c.bucket, ...all.map((m) => m.value(c.figures))] })),
    },
  ];
}

type Option = { value: string; label: string };
const Select = (props: { name: string; label: string; value: string; options: Option[] }) => (
  <label>
    {props.label}{' '}
    <select name={props.name}>
      {props.options.map((o) => <option value={o.value} selected={props.value === o.value}>{o.label}</option>)}
    </select>
  </label>
);

function CsvLinks(props: { t: Translator; links: { utf8: string; win1250: string } }) {
  const { t } = props;
  return (
    <p class="csv-links muted">
      {t('acDownloadCsv')}: <a href={props.links.utf8} download>{t('acCsvUtf8')}</a> · <a href={props.links.win1250} download>{t('acCsvWindows')}</a>
    </p>
  );
}

function PlainTable(props: { t: Translator; table: ActivityTable }) {
  const { t, table } = props;
  return (
    <div class="table-scroll">
      <table class="chart-table" aria-labelledby={`ac-heading-${table.id}`}>
        <thead>
          <tr>{table.header.map((h, i) => <th scope="col" class={i === 0 ? '' : 'num'}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr>
              <th scope="row">{r.head}</th>
              {r.cells.map((v) => <td class={typeof v === 'string' ? '' : 'num'}>{showValue(t, v)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TableSection(props: { t: Translator; table: ActivityTable; links: { utf8: string; win1250: string }; collapsed?: boolean }) {
  const { t, table } = props;
  const chart = table.chart;
  // A chart of nothing but zeros says nothing: the (zero) table alone then.
  const drawn = chart && table.rows.some((r) => r.cells.some((v) => numeric(v) !== 0));
  const body = drawn ? (
    <BarChart
      id={`ac-${table.id}`}
      title={table.title}
      description={chart.description}
      categories={table.rows.map((r) => r.head)}
      series={table.header.slice(1).map((label, i) => ({ label, values: table.rows.map((r) => numeric(r.cells[i] ?? 0)) }))}
      format={chart.money ? (v) => t.money(v / 100) : (v) => countFormat(t).format(v)}
      stacked={chart.stacked}
      categoryHeader={table.header[0]}
    />
  ) : (
    <PlainTable t={t} table={table} />
  );
  return (
    <section class="card" id={`ac-section-${table.id}`} aria-labelledby={`ac-heading-${table.id}`}>
      <h2 id={`ac-heading-${table.id}`}>{table.title}</h2>
      {props.collapsed ? (
        <details>
          <summary>{t('acShowTable', { rows: table.rows.length })}</summary>
          {body}
        </details>
      ) : (
        body
      )}
      <CsvLinks t={t} links={props.links} />
    </section>
  );
}

export type ActivityPageProps = Omit<LayoutProps, 'title' | 'children'> & {
  filter: ActivityFilter;
  choices: { employees: { id: number; name: string; active: boolean }[]; kinds: { id: number; name: string }[] };
  /** Quick periods: label and URL. */
  quick: { label: string; href: string }[];
  /** Null when the filter was refused (errors say why). */
  activity: Activity | null;
  errors?: Record<string, string>;
  /** The CSV links of a table. */
  csvLinks: (tableId: string) => { utf8: string; win1250: string };
};

/** The report part: what htmx swaps when the filter changes. */
export function ActivityReport(props: Pick<ActivityPageProps, 't' | 'activity' | 'errors' | 'csvLinks'>) {
  const { t, activity: a } = props;
  if (!a) {
    return (
      <div id="activity-report">
        <p class="error" role="alert">{Object.values(props.errors ?? {}).join('; ')}</p>
      </div>
    );
  }
  const tables = activityTables(t, a);
  const empty = a.total.notesTotal + a.total.tasksPlanned + a.total.contactsOpened + a.total.contactsWon + a.total.contactsLost + a.total.documentsIssued === 0;
  return (
    <div id="activity-report">
      <p class="muted">
        {t('acPeriodLine', { from: a.period.from, to: a.period.to, previousFrom: a.previousPeriod.from, previousTo: a.previousPeriod.to, zone: a.timeZone })}
      </p>
      {empty && <p class="muted">{t('acNoActivity')}</p>}
      {tables.map((table) => <TableSection t={t} table={table} links={props.csvLinks(table.id)} collapsed={table.id === 'detail'} />)}
      <details class="card">
        <summary>{t('acDefinitionsTitle')}</summary>
        <ul>
          <li>{t('acDefinitionNotes')}</li>
          <li>{t('acDefinitionTasks')}</li>
          <li>{t('acDefinitionContacts')}</li>
          <li>{t('acDefinitionDocuments')}</li>
          <li>{t('acDefinitionPrevious')}</li>
        </ul>
      </details>
    </div>
  );
}

export function ActivityPage(props: ActivityPageProps) {
  const { t, filter, choices } = props;
  return (
    <Layout {...props} title={t('acTitle')}>
      <h1>{t('acTitle')}</h1>
      <p class="quick">{props.quick.map((q) => <a href={q.href}>{q.label}</a>)}</p>
      {/* A plain GET form (works without JavaScript); htmx swaps only the report and keeps the URL. */}
      <form class="filters" method="get" action="/activity" hx-get="/activity" hx-target="#activity-report" hx-select="#activity-report" hx-swap="outerHTML" hx-push-url="true">
        <label>{t('acFrom')} <input type="date" name="from" value={filter.from} required /></label>
        <label>{t('acTo')} <input type="date" name="to" value={filter.to} required /></label>
        <Select name="bucket" label={t('acBucket')} value={filter.bucket} options={[{ value: 'week', label: t('acWeek') }, { value: 'month', label: t('acMonth') }]} />
        <Select name="employee" label={t('acEmployee')} value={filter.employee}
          options={[{ value: '', label: t('acEmployeeAll') }, ...choices.employees.map((e) => ({ value: String(e.id), label: e.name }))]} />
        <Select name="kind" label={t('acKind')} value={filter.kind} options={[{ value: '', label: t('acKindAll') }, ...choices.kinds.map((k) => ({ value: String(k.id), label: k.name }))]} />
        <button type="submit">{t('acShow')}</button>
      </form>
      <ActivityReport t={t} activity={props.activity} errors={props.errors} csvLinks={props.csvLinks} />
    </Layout>
  );
}
