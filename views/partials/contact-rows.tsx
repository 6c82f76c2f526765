import type { ContactSummary } from '../../src/domain/contacts/search-contacts.ts';
import type { MessageKey, Translator } from '../i18n/messages.ts';

/** The list's filters as they appear in the URL (all strings; empty means "not set"). */
export type ContactsFilter = {
  q?: string; status?: string; priority?: string; view?: string; owner?: string; kind?: string; company?: string;
  overdue?: string; dueFrom?: string; dueTo?: string; sort?: string; dir?: string;
} & { [K in (typeof DRILL_DOWN_KEYS)[number]]?: string };

/**
 * Filters the dashboards' drill-down links set (no form fields of their own; the list carries them
 * along): company kind, outcome(s) "won,lost", closed from/to (days), the forecast's close month
 * or day from/to, and undated=1.
 */
export const DRILL_DOWN_KEYS = ['companyKind', 'outcome', 'closedFrom', 'closedTo', 'closeFrom', 'closeTo', 'undated'] as const;

export const FILTER_KEYS = ['q', 'view', 'status', 'priority', 'owner', 'kind', 'company', 'overdue', 'dueFrom', 'dueTo', ...DRILL_DOWN_KEYS, 'sort', 'dir'] as const;

/** The filter as a query string (no cursor), with some values replaced. */
export function filterQuery(filter: ContactsFilter, replace: Partial<ContactsFilter> = {}): string {
  const merged = { ...filter, ...replace };
  return new URLSearchParams(FILTER_KEYS.flatMap((k): [string, string][] => (merged[k] ? [[k, merged[k]!]] : []))).toString();
}

const listUrl = (filter: ContactsFilter, replace: Partial<ContactsFilter> = {}) => {
  const query = filterQuery(filter, replace);
  return query ? `/contacts?${query}` : '/contacts';
};

/** The sortable columns; `sort` in the URL names one, `dir` says asc or desc. */
export const SORT_COLUMNS: [column: string, label: MessageKey, defaultDir: 'asc' | 'desc'][] = [
  ['number', 'number', 'asc'], ['title', 'title', 'asc'], ['company', 'company', 'asc'], ['owner', 'owner', 'asc'],
  ['deadline', 'deadline', 'asc'], ['priority', 'priority', 'desc'], ['registered', 'registered', 'desc'],
];

const COLUMNS = 9;

/**
 * The header with sort links built from the current filter. htmx swaps it out of band with the
 * rows, so its links always carry what was typed last.
 */
export function ContactsHead(props: { t: Translator; filter: ContactsFilter; sort: { column: string; dir: 'asc' | 'desc' }; oob?: boolean }) {
  const { t, filter, sort } = props;
  const header = (column: string, label: MessageKey, defaultDir: 'asc' | 'desc') => {
    const current = sort.column === column;
    const dir = current ? (sort.dir === 'asc' ? 'desc' : 'asc') : defaultDir;
    return (
      <th aria-sort={current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <a href={listUrl(filter, { sort: column, dir })} class={current ? `sorted ${sort.dir}` : 'sortable'}>
          {t(label)}{current ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </a>
      </th>
    );
  };
  const [number, title, company, owner, deadline, priority, registered] = SORT_COLUMNS.map(([c, l, d]) => header(c, l, d));
  return (
    <thead id="list-head" hx-swap-oob={props.oob ? 'true' : undefined}>
      <tr>
        <th>
          <label class="select-all">
            <input type="checkbox" name="all" value="1" form="bulk" /> {t('listSelectAllOnPage')}
          </label>
        </th>
        {number}{title}{company}{owner}{deadline}{priority}<th>{t('status')}</th>{registered}
      </tr>
    </thead>
  );
}

/** Links under the filters that carry the current filter (swapped out of band like the header). */
export function ListActions(props: { t: Translator; filter: ContactsFilter; oob?: boolean }) {
  const { t } = props;
  const query = filterQuery(props.filter);
  const href = (extra: string) => `/csv/export/contacts.csv?${query}${query ? '&' : ''}${extra}`;
  return (
    <p id="list-actions" class="list-actions" hx-swap-oob={props.oob ? 'true' : undefined}>
      <a href={href('encoding=utf-8&separator=%3B')}>{t('listExportCsv')}</a>
      <a href={href('encoding=windows-1250&separator=%3B')}>{t('listExportCsvExcel')}</a>
    </p>
  );
}

/** Result rows of the contacts list; the same component for the full page and the htmx swap. */
export function ContactRows(props: { t: Translator; contacts: ContactSummary[]; nextUrl: string | null; now: Date }) {
  const { t } = props;
  if (props.contacts.length === 0) {
    return (
      <tbody id="results">
        <tr>
          <td colspan={COLUMNS} class="muted">{t('noResults')}</td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody id="results">
      {props.contacts.map((c) => (
        <tr>
          {/* Checkboxes belong to the bulk form below the table (form="bulk"): no JavaScript needed. */}
          <td>
            <input type="checkbox" name="id" value={String(c.id)} form="bulk" aria-label={`${t('listSelect')} ${c.number}`} />
            <input type="hidden" name="pageId" value={String(c.id)} form="bulk" />
          </td>
          <td><a href={`/contacts/${c.id}`}>{c.number}</a></td>
          <td>{c.title}</td>
          <td>{c.companyName}</td>
          <td>{c.ownerName ?? <span class="muted">{t('unassigned')}</span>}</td>
          <td class={c.status === 'open' && c.dueAt && c.dueAt < props.now ? 'overdue' : ''}>{t.dateTime(c.dueAt)}</td>
          <td><span class={`badge ${c.priority}`}>{t(c.priority)}</span></td>
          <td><span class={`badge ${c.status}`}>{t(c.status)}</span></td>
          <td>{t.dateTime(c.registeredAt)}</td>
        </tr>
      ))}
      {props.nextUrl && (
        <tr>
          <td colspan={COLUMNS}>
            <a href={props.nextUrl}>{t('more')}</a>
          </td>
        </tr>
      )}
    </tbody>
  );
}
