import type { ContactSummary } from '../../src/domain/contacts/search-contacts.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { ContactRows, ContactsHead, DRILL_DOWN_KEYS, filterQuery, ListActions, type ContactsFilter } from '../partials/contact-rows.tsx';

export type { ContactsFilter } from '../partials/contact-rows.tsx';

export type ListChoices = {
  employees: { id: number; name: string; active: boolean }[];
  kinds: { id: number; name: string }[];
  companies: { id: number; name: string; code: string }[];
};

type Option = { value: string; label: string };
const Select = (props: { name: string; label: string; value: string | undefined; options: Option[] }) => (
  <select name={props.name} aria-label={props.label}>
    {props.options.map((o) => <option value={o.value} selected={(props.value ?? '') === o.value}>{o.label}</option>)}
  </select>
);

const DRILL_DOWN_LABELS: Record<(typeof DRILL_DOWN_KEYS)[number], MessageKey> = {
  companyKind: 'fcListCompanyKind', outcome: 'fcListOutcome', closedFrom: 'fcListClosedFrom', closedTo: 'fcListClosedTo',
  closeFrom: 'fcListCloseFrom', closeTo: 'fcListCloseTo', undated: 'fcListUndated',
};
const COMPANY_KIND_LABELS: Record<string, MessageKey> = { client: 'mdKindClient', prospect: 'mdKindProspect', partner: 'mdKindPartner', competitor: 'mdKindCompetitor', supplier: 'mdKindSupplier' };
const OUTCOME_LABELS: Record<string, MessageKey> = { won: 'outcomeWon', lost: 'outcomeLost', cancelled: 'outcomeCancelled', none: 'outcomeNone' };

/**
 * The filters a dashboard's drill-down link set, which have no fields in the form: said in words,
 * with a link that drops them, and carried along as hidden fields when the form changes.
 */
function DrillDownFilters(props: { t: Translator; filter: ContactsFilter }) {
  const { t, filter } = props;
  const set = DRILL_DOWN_KEYS.filter((k) => filter[k]);
  if (set.length === 0) return null;
  const value = (k: (typeof DRILL_DOWN_KEYS)[number], raw: string) =>
    k === 'companyKind' ? (COMPANY_KIND_LABELS[raw] ? t(COMPANY_KIND_LABELS[raw]) : raw)
      : k === 'outcome' ? raw.split(',').map((o) => (OUTCOME_LABELS[o] ? t(OUTCOME_LABELS[o]) : o)).join(', ')
        : k === 'undated' ? '' : raw;
  const without = filterQuery(filter, Object.fromEntries(DRILL_DOWN_KEYS.map((k) => [k, undefined])));
  return (
    <p class="notice" role="status">
      {t('fcListDrillDown')}{' '}
      {set.map((k) => {
        const v = value(k, filter[k]!);
        return <><span class="badge">{t(DRILL_DOWN_LABELS[k])}{v ? `: ${v}` : ''}</span>{' '}</>;
      })}
      <a href={without ? `/contacts?${without}` : '/contacts'}>{t('fcListClear')}</a>
    </p>
  );
}

export function ContactsListPage(
  props: Omit<LayoutProps, 'title' | 'children'> & {
    filter: ContactsFilter;
    sort: { column: string; dir: 'asc' | 'desc' };
    choices: ListChoices;
    contacts: ContactSummary[];
    nextUrl: string | null;
    now: Date;
  },
) {
  const { t, filter, choices } = props;
  const views: [string, string][] = [['', t('all')], ['mine', t('mine')], ['overdue', t('overdue')], ['high', t('highPriority')]];
  const all = (label: string): Option => ({ value: '', label });
  return (
    <Layout {...props} title={t('contacts')}>
      <h1>{t('contacts')}</h1>
      <p class="quick">
        {views.map(([view, label]) => (
          <a href={view ? `/contacts?view=${view}` : '/contacts'} class={(filter.view ?? '') === view ? 'active' : ''}>{label}</a>
        ))}
      </p>
      <DrillDownFilters t={t} filter={filter} />
      {/* Search as you type: htmx replaces the rows (and, out of band, the header and export links);
          without JavaScript the form still works. Everything lives in the URL. */}
      <form id="filters" class="filters" method="get" action="/contacts" hx-get="/contacts" hx-target="#results" hx-swap="outerHTML" hx-push-url="true"
        hx-trigger="input changed delay:300ms from:input[name=q], change">
        <input type="hidden" name="view" value={filter.view ?? ''} />
        <input type="hidden" name="sort" value={filter.sort ?? ''} />
        <input type="hidden" name="dir" value={filter.dir ?? ''} />
        {DRILL_DOWN_KEYS.filter((k) => filter[k]).map((k) => <input type="hidden" name={k} value={filter[k]} />)}
        <input type="search" name="q" value={filter.q ?? ''} placeholder={t('searchPlaceholder')} aria-label={t('search')} />
        <Select name="status" label={t('status')} value={filter.status} options={[all(`${t('status')}: ${t('all')}`), ...(['open', 'closed'] as const).map((s) => ({ value: s, label: t(s) }))]} />
        <Select name="priority" label={t('priority')} value={filter.priority} options={[all(`${t('priority')}: ${t('all')}`), ...(['high', 'normal', 'low'] as const).map((p) => ({ value: p, label: t(p) }))]} />
        <Select name="owner" label={t('owner')} value={filter.owner}
          options={[all(t('listOwnerAny')), { value: 'none', label: t('unassigned') }, ...choices.employees.map((e) => ({ value: String(e.id), label: e.name }))]} />
        <Select name="kind" label={t('kind')} value={filter.kind} options={[all(t('listKindAny')), { value: 'none', label: t('fcNoKind') }, ...choices.kinds.map((k) => ({ value: String(k.id), label: k.name }))]} />
        <input type="search" name="companySearch" aria-label={t('listSearchCompany')} placeholder={t('listSearchCompany')} autocomplete="off"
          hx-get="/companies/options" hx-trigger="input changed delay:300ms" hx-target="#filter-company" hx-swap="innerHTML" hx-include="this"
          hx-vals={JSON.stringify({ any: '1', selected: filter.company ?? '' })} />
        <select name="company" id="filter-company" aria-label={t('company')}>
          {[all(t('listCompanyAny')), ...choices.companies.map((c) => ({ value: String(c.id), label: `${c.name} (${c.code})` }))].map((o) => (
            <option value={o.value} selected={(filter.company ?? '') === o.value}>{o.label}</option>
          ))}
        </select>
        <label><input type="checkbox" name="overdue" value="1" checked={filter.overdue === '1'} /> {t('listOverdueOnly')}</label>
        <label>{t('listDueFrom')} <input type="date" name="dueFrom" value={filter.dueFrom ?? ''} /></label>
        <label>{t('listDueTo')} <input type="date" name="dueTo" value={filter.dueTo ?? ''} /></label>
        <button type="submit">{t('listFilter')}</button>
      </form>
      <ListActions t={t} filter={filter} />
      <table class="contacts-list">
        <ContactsHead t={t} filter={filter} sort={props.sort} />
        <ContactRows t={t} contacts={props.contacts} nextUrl={props.nextUrl} now={props.now} />
      </table>
      {/* The row checkboxes and "all on this page" belong to this form through form="bulk". */}
      <form id="bulk" class="card bulk" method="post" action="/contacts/bulk">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="back" value={filterQuery(filter)} />
        <h2>{t('bulkHeading')}</h2>
        <label><input type="radio" name="action" value="reassign" required /> {t('bulkReassign')}</label>
        <Select name="ownerId" label={t('bulkReassign')} value="" options={[all(t('none')), ...choices.employees.filter((e) => e.active).map((e) => ({ value: String(e.id), label: e.name }))]} />
        <label><input type="radio" name="action" value="priority" /> {t('bulkChangePriority')}</label>
        <Select name="priority" label={t('bulkChangePriority')} value="" options={(['high', 'normal', 'low'] as const).map((p) => ({ value: p, label: t(p) }))} />
        <label><input type="radio" name="action" value="close" /> {t('bulkClose')}</label>
        <Select name="outcome" label={t('bulkOutcome')} value=""
          options={[{ value: '', label: t('outcomeNone') }, { value: 'won', label: t('outcomeWon') }, { value: 'lost', label: t('outcomeLost') }, { value: 'cancelled', label: t('outcomeCancelled') }]} />
        <button type="submit">{t('bulkReview')}</button>
      </form>
    </Layout>
  );
}
