// The contacts list: search as you type, filters, sortable columns, keyset pages and bulk changes
// with a confirmation step.
import { Hono, type MiddlewareHandler } from 'hono';
import type { Db } from '../../db.ts';
import { getCompany } from '../../domain/companies/get-company.ts';
import { getListChoices } from '../../domain/contacts/get-list-choices.ts';
import { BULK_ACTIONS, bulkUpdateContacts, previewBulkUpdate, type BulkUpdateInput } from '../../domain/contacts/bulk-update-contacts.ts';
import { CONTACT_SORTS, resolveSort, searchContacts, type ContactSort, type SearchContactsInput } from '../../domain/contacts/search-contacts.ts';
import { isAppError } from '../../errors.ts';
import { BulkConfirmPage, BulkDonePage, BulkErrorPage } from '../../../views/pages/bulk-confirm.tsx';
import { ContactsListPage } from '../../../views/pages/contacts-list.tsx';
import { ContactRows, ContactsHead, FILTER_KEYS, filterQuery, ListActions, type ContactsFilter } from '../../../views/partials/contact-rows.tsx';
import { COMPANY_KINDS, firstDay, lastDay } from '../../domain/analytics/sales-filters.ts';
import type { CompanyKind } from '../../generated/prisma/enums.ts';
import { parseLocalDateTime } from '../local-time.ts';
import { fieldMessages, panel } from '../panel-context.ts';
import { passThrough, requireSignIn, type PanelEnv } from '../security.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const positiveId = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined);
/** An id, or null for "none" (owner=none, kind=none). */
const idOrNone = (raw: string | undefined) => (raw === 'none' ? null : positiveId(raw));
const OUTCOME_VALUES = ['won', 'lost', 'cancelled', 'none'] as const;

/** The filter part of a query (unknown keys dropped), as shown back in the form and links. */
export function contactsFilter(query: Record<string, string>): ContactsFilter {
  return Object.fromEntries(FILTER_KEYS.flatMap((k) => (query[k] ? [[k, query[k].slice(0, 200)]] : [])));
}

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A real calendar day (not 2026-02-31). */
function isDay(raw: string): boolean {
  const at = new Date(`${raw}T00:00:00Z`);
  return DATE.test(raw) && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(raw);
}

/** A day (YYYY-MM-DD) as is, or a month (YYYY-MM) as its first or last day; else undefined. */
function dayOf(raw: string | undefined, end: 'first' | 'last'): string | undefined {
  if (!raw) return undefined;
  if (MONTH.test(raw)) return isDay(firstDay(raw)) ? (end === 'first' ? firstDay(raw) : lastDay(raw)) : undefined;
  return isDay(raw) ? raw : undefined;
}

/** Whole days in the zone: the first instant of `from`, the last millisecond of `to`. */
function dayRange(from: string | undefined, to: string | undefined, timeZone: string) {
  const start = from && DATE.test(from) ? parseLocalDateTime(`${from}T00:00`, timeZone) : null;
  const end = to && DATE.test(to) ? parseLocalDateTime(`${nextDay(to)}T00:00`, timeZone) : null;
  return { from: start ?? undefined, to: end ? new Date(end.getTime() - 1) : undefined };
}

/**
 * The list's URL filter as searchContacts input. Dates are whole days in the employee's time zone:
 * "to 2026-06-30" includes the whole of that day. Unknown values are ignored, not errors, so an
 * old bookmark still opens. Shared with the CSV export, which honours the same filter.
 */
export function contactsSearchInput(filter: ContactsFilter, who: { employeeId: number; timeZone: string }): SearchContactsInput {
  const view = filter.view;
  const status = view === 'high' ? 'open' : filter.status === 'open' || filter.status === 'closed' ? filter.status : undefined;
  const priority = view === 'high' ? 'high' : filter.priority === 'high' || filter.priority === 'normal' || filter.priority === 'low' ? filter.priority : undefined;
  const ownerId = view === 'mine' || filter.owner === 'me' ? who.employeeId : idOrNone(filter.owner);
  const due = dayRange(filter.dueFrom, filter.dueTo, who.timeZone);
  const closed = dayRange(filter.closedFrom, filter.closedTo, who.timeZone);
  const outcome = (filter.outcome ?? '').split(',').filter((o): o is (typeof OUTCOME_VALUES)[number] => (OUTCOME_VALUES as readonly string[]).includes(o));
  const companyKind = (COMPANY_KINDS as readonly string[]).includes(filter.companyKind ?? '') ? (filter.companyKind as CompanyKind) : undefined;
  const sort = (CONTACT_SORTS as readonly string[]).includes(filter.sort ?? '') ? (filter.sort as ContactSort) : 'recent';
  return {
    q: filter.q || undefined,
    status,
    priority,
    ownerId,
    kindId: idOrNone(filter.kind),
    companyId: positiveId(filter.company),
    overdue: view === 'overdue' || filter.overdue === '1' || undefined,
    dueFrom: due.from,
    dueTo: due.to,
    // The dashboards' drill-down filters (see DRILL_DOWN_KEYS).
    companyKind,
    outcome: outcome.length ? outcome : undefined,
    closedFrom: closed.from,
    closedTo: closed.to,
    closeFrom: dayOf(filter.closeFrom, 'first'),
    closeTo: dayOf(filter.closeTo, 'last'),
    undated: filter.undated === '1' || undefined,
    timeZone: who.timeZone,
    sort,
    dir: filter.dir === 'asc' || filter.dir === 'desc' ? filter.dir : undefined,
  };
}

/** Every value of a repeated form field (checkboxes). */
const all = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/** The bulk form's change (the fields of the other actions are ignored). */
function bulkChange(form: Record<string, unknown>): BulkUpdateInput['change'] | null {
  const action = String(form.action ?? '');
  if (!(BULK_ACTIONS as readonly string[]).includes(action)) return null;
  if (action === 'reassign') return { action, ownerId: String(form.ownerId ?? '') };
  if (action === 'priority') return { action, priority: String(form.priority ?? '') as 'high' };
  return { action: 'close', outcome: form.outcome ? (String(form.outcome) as 'won') : null };
}

/** pageCache: the page cache's middleware (src/web/page-cache.ts), when the app has one. */
export function contactsListRoutes(deps: { db: Db; pageCache?: MiddlewareHandler<PanelEnv> }) {
  const app = new Hono<PanelEnv>();
  for (const path of ['/contacts', '/contacts/bulk', '/contacts/bulk/*']) app.use(path, requireSignIn);

  app.get('/contacts', deps.pageCache ?? passThrough, async (c) => {
    const p = panel(c);
    const filter = contactsFilter(c.req.query());
    const input = contactsSearchInput(filter, { employeeId: p.employeeId, timeZone: p.t.timeZone });
    const sort = resolveSort(input.sort ?? 'recent', input.dir);
    const result = await searchContacts(deps.db, { ...input, cursor: c.req.query('cursor') || null });
    const query = filterQuery(filter);
    const nextUrl = result.nextCursor ? `/contacts?${query}${query ? '&' : ''}cursor=${result.nextCursor}` : null;
    const now = new Date();
    // htmx swaps only the rows (search as you type) and, out of band, the header and export links
    // so they carry the new filter; a normal request gets the whole page.
    if (c.req.header('HX-Request') && !c.req.header('HX-Boosted')) {
      return c.html(
        <>
          <ContactRows t={p.t} contacts={result.contacts} nextUrl={nextUrl} now={now} />
          <ContactsHead t={p.t} filter={filter} sort={sort} oob />
          <ListActions t={p.t} filter={filter} oob />
        </>,
      );
    }
    // The company select holds only the chosen company; typing in its search box loads others.
    const [{ employees, kinds }, companies] = await Promise.all([
      getListChoices(deps.db),
      filter.company && /^\d+$/.test(filter.company) ? getCompany(deps.db, Number(filter.company)).then((co) => [co], () => []) : [],
    ]);
    return c.html(<ContactsListPage {...p.layout} filter={filter} sort={sort} choices={{ employees, kinds, companies }} contacts={result.contacts} nextUrl={nextUrl} now={now} />);
  });

  /** Step 1: the selection and the change → a page saying exactly what will happen. */
  app.post('/contacts/bulk', async (c) => {
    const p = panel(c);
    const form = await c.req.parseBody({ all: true });
    const back = String(form.back ?? '');
    // "All on this page" takes every row the page showed (pageId), otherwise the ticked ones.
    const ids = [...new Set(all(form.all).includes('1') ? all(form.pageId) : all(form.id))];
    const change = bulkChange(form);
    if (ids.length === 0 || !change) return c.html(<BulkErrorPage {...p.layout} message={p.t('bulkNothingSelected')} back={back} />, 422);
    try {
      const preview = await previewBulkUpdate(deps.db, { contacts: ids.map((id) => ({ id })), change });
      return c.html(<BulkConfirmPage {...p.layout} change={preview.change} ownerName={preview.ownerName} contacts={preview.contacts} back={back} />);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(<BulkErrorPage {...p.layout} message={fieldMessages(error)} back={back} />, 422);
    }
  });

  /** Step 2: confirmed → one transaction through the single-contact use cases. */
  app.post('/contacts/bulk/apply', async (c) => {
    const p = panel(c);
    const form = await c.req.parseBody({ all: true });
    const back = String(form.back ?? '');
    const contacts = all(form.contact).map((v) => {
      const [id, version] = v.split(':');
      return { id: id ?? '', version: version || undefined };
    });
    const change = bulkChange(form);
    if (contacts.length === 0 || !change) return c.html(<BulkErrorPage {...p.layout} message={p.t('bulkNothingSelected')} back={back} />, 422);
    try {
      const result = await bulkUpdateContacts(deps.db, p.actor, { contacts, change } as BulkUpdateInput);
      return c.html(<BulkDonePage {...p.layout} result={result} back={back} />);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(<BulkErrorPage {...p.layout} message={fieldMessages(error)} back={back} />, 422);
    }
  });

  return app;
}
