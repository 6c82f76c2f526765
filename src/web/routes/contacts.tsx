import { Hono, type MiddlewareHandler } from 'hono';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { getHistoryNames } from '../../domain/history/get-history-names.ts';
import { listContactHistory } from '../../domain/history/list-contact-history.ts';
import { Layout } from '../../../views/layouts/layout.tsx';
import { HistoryEntries } from '../../../views/partials/history.tsx';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Db } from '../../db.ts';
import { listCompanies } from '../../domain/companies/list-companies.ts';
import { createContact, type CreateContactInput } from '../../domain/contacts/create-contact.ts';
import { loadContact, type ContactRow } from '../../domain/contacts/change-contact.ts';
import { closeContact } from '../../domain/contacts/close-contact.ts';
import { reopenContact } from '../../domain/contacts/reopen-contact.ts';
import { saveContactField } from '../../domain/contacts/save-contact-field.ts';
import { addSalesLine } from '../../domain/sales-lines/add-sales-line.ts';
import { removeSalesLine } from '../../domain/sales-lines/remove-sales-line.ts';
import { updateSalesLine } from '../../domain/sales-lines/update-sales-line.ts';
import { addNote } from '../../domain/items/add-note.ts';
import { editItem } from '../../domain/items/edit-item.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { isAppError, notFound } from '../../errors.ts';
import { NewContactPage } from '../../../views/pages/new-contact.tsx';
import { ContactField, ContactStatus, EDITABLE_FIELDS, FieldOptions, REFERENCE_FIELDS, VersionInput, type EditableField, type FieldValue } from '../../../views/partials/contact-field.tsx';
import type { Translator } from '../../../views/i18n/messages.ts';
import { parseLocalDateTime } from '../local-time.ts';
import { fieldMessages, formFields, panel, pathId } from '../panel-context.ts';
import { passThrough, requireSignIn, type PanelEnv } from '../security.ts';
import { companyOptions, loadReferenceOptions, renderContactPage, renderSalesGrid, renderTimeline, type ReferenceOptions } from '../contact-page.tsx';

/** pageCache: the page cache's middleware (src/web/page-cache.ts), when the app has one. */
type ContactsDeps = { db: Db; settings: DomainSettings; pageCache?: MiddlewareHandler<PanelEnv> };

const contactId = (raw: string) => pathId(raw, 'Contact');
/** History entries per "older changes" page. */
const OLDER_HISTORY_PAGE = 50;

type FieldMessage = { kind: 'error' | 'saved' | 'conflict'; text: string };
type FieldSource = Parameters<typeof loadReferenceOptions>[1];

/** The form's text as the value the domain expects ('' means none where a field may be empty). */
function fieldValue(field: EditableField, raw: string, timeZone: string): unknown {
  switch (field) {
    case 'dueAt': return raw ? (parseLocalDateTime(raw, timeZone) ?? raw) : null;
    case 'restrictToSalesLines': return raw === 'true';
    case 'externalNumber': case 'personId': case 'ownerId': case 'kindId': case 'expectedCloseAt': return raw || null;
    case 'probability': return raw.trim() === '' ? null : raw;
    default: return raw;
  }
}

/** The current value for the conflict message: names for references, dates in the employee's zone. */
function shownValue(t: Translator, field: EditableField, current: ContactRow): string {
  const names: Partial<Record<EditableField, string | null | undefined>> = {
    companyId: current.company?.name, personId: current.person?.name, ownerId: current.owner?.name, kindId: current.kind?.name,
  };
  if (field in names) return names[field] ?? t('none');
  const value = current[field];
  if (field === 'expectedCloseAt') return t.date(value as Date | null);
  if (value instanceof Date) return t.dateTime(value);
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  return String(value ?? t('none'));
}

export function contactRoutes(deps: ContactsDeps) {
  const app = new Hono<PanelEnv>();
  app.use('/contacts', requireSignIn);
  app.use('/contacts/*', requireSignIn);
  app.use('/items/*', requireSignIn);
  app.use('/sales-lines/*', requireSignIn);

  app.get('/contacts/new', async (c) => {
    const companies = await listCompanies(deps.db, { active: true, limit: 500 });
    return c.html(<NewContactPage {...panel(c).layout} companies={companies} />);
  });

  app.post('/contacts', async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const renderErrors = async (errors: Record<string, string>) => {
      const companies = await listCompanies(deps.db, { active: true, limit: 500 });
      return c.html(<NewContactPage {...p.layout} companies={companies} values={form} errors={errors} />, 422);
    };
    const dueAt = form.dueAt ? parseLocalDateTime(form.dueAt, p.t.timeZone) : null;
    if (form.dueAt && !dueAt) return renderErrors({ dueAt: 'invalid date' });
    try {
      const input: CreateContactInput = {
        title: form.title ?? '',
        companyId: form.companyId ?? '',
        priority: form.priority as CreateContactInput['priority'],
        dueAt,
        description: form.description ?? '',
      };
      const contact = await createContact(deps.db, p.actor, input, deps.settings);
      return c.redirect(`/contacts/${contact.id}`, 303);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return renderErrors(error.details.fields ?? {});
    }
  });

  app.get('/contacts/:id', deps.pageCache ?? passThrough, async (c) => c.html(await renderContactPage(deps.db, contactId(c.req.param('id')), panel(c).layout)));

  /** Older history entries: htmx swaps them in place of the "older changes" link; without htmx, a page of its own. */
  app.get('/contacts/:id/history', async (c) => {
    const p = panel(c);
    const id = contactId(c.req.param('id'));
    const offset = Math.max(0, Number(c.req.query('offset')) || 0);
    const contact = await getContact(deps.db, id);
    const page = await listContactHistory(deps.db, id, { limit: OLDER_HISTORY_PAGE + 1, offset });
    const names = await getHistoryNames(deps.db, page);
    const olderUrl = page.length > OLDER_HISTORY_PAGE ? `/contacts/${id}/history?offset=${offset + OLDER_HISTORY_PAGE}` : null;
    const entries = <HistoryEntries t={p.t} history={page.slice(0, OLDER_HISTORY_PAGE)} names={names} olderUrl={olderUrl} />;
    if (c.req.header('HX-Request')) return c.html(entries);
    return c.html(<Layout {...p.layout} title={`${contact.number} · ${p.t('history')}`}><h1><a href={`/contacts/${id}`}>{contact.number}</a> · {p.t('history')}</h1>{entries}</Layout>);
  });

  /** Inline edit of one field, guarded by the version the page was rendered with. */
  app.post('/contacts/:id/fields', async (c) => {
    const p = panel(c);
    const id = contactId(c.req.param('id'));
    const form = await formFields(c);
    const field = form.field as EditableField;
    if (!EDITABLE_FIELDS.includes(field)) return c.text(`Field ${form.field} cannot be edited here`, 422);
    const raw = form.value ?? '';
    const render = async (contact: FieldSource, value: FieldValue, version: number | null, message: FieldMessage, extra?: JSX.Element) => {
      const options = (REFERENCE_FIELDS as readonly string[]).includes(field) ? (await loadReferenceOptions(deps.db, contact))[field as keyof ReferenceOptions] : undefined;
      return (
        <>
          <ContactField t={p.t} contactId={id} field={field} value={value} options={options} message={message} csrfToken={p.layout.csrfToken} />
          {version !== null && <VersionInput version={version} oob />}
          {extra}
        </>
      );
    };
    // Without the version the page was rendered with, an edit could silently overwrite another.
    if (!form.version) return c.html(await render(await loadContact(deps.db, id), raw, null, { kind: 'error', text: p.t('versionMissing') }), 422);
    try {
      const before = field === 'companyId' ? await loadContact(deps.db, id) : null;
      const updated = await saveContactField(deps.db, p.actor, { id, version: Number(form.version), field, value: fieldValue(field, raw, p.t.timeZone) });
      if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${id}`, 303);
      // A new company brings its own people: the person select is swapped too.
      const person = before && before.companyId !== updated.companyId
        ? <ContactField t={p.t} contactId={id} field="personId" value={updated.personId} options={(await loadReferenceOptions(deps.db, updated)).personId} csrfToken={p.layout.csrfToken} oob />
        : undefined;
      return c.html(await render(updated, updated[field], updated.version, { kind: 'saved', text: p.t('saved') }, person));
    } catch (error) {
      if (isAppError(error, 'CONFLICT')) {
        const current = error.details.current as ContactRow;
        return c.html(await render(current, current[field], current.version, { kind: 'conflict', text: p.t('conflict', { value: shownValue(p.t, field, current) }) }), 409);
      }
      if (isAppError(error, 'VALIDATION')) return c.html(await render(await loadContact(deps.db, id), raw, null, { kind: 'error', text: fieldMessages(error) }), 422);
      throw error;
    }
  });

  /** Closes (with an outcome) or reopens the contact. */
  app.post('/contacts/:id/status', async (c) => {
    const p = panel(c);
    const id = contactId(c.req.param('id'));
    const form = await formFields(c);
    const render = (contact: { status: string; outcome: string | null }, version: number | null, message: FieldMessage) => (
      <>
        <ContactStatus t={p.t} contactId={id} status={contact.status} outcome={contact.outcome} csrfToken={p.layout.csrfToken} message={message} />
        {version !== null && <VersionInput version={version} oob />}
      </>
    );
    if (!form.version) return c.html(render(await loadContact(deps.db, id), null, { kind: 'error', text: p.t('versionMissing') }), 422);
    const version = Number(form.version);
    try {
      const updated = form.action === 'reopen'
        ? await reopenContact(deps.db, p.actor, { id, version })
        : await closeContact(deps.db, p.actor, { id, version, outcome: (form.outcome || null) as 'won' | 'lost' | 'cancelled' | null });
      if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${id}`, 303);
      return c.html(render(updated, updated.version, { kind: 'saved', text: p.t(updated.status === 'closed' ? 'contactClosed' : 'contactReopened') }));
    } catch (error) {
      if (isAppError(error, 'CONFLICT')) {
        const current = error.details.current as ContactRow;
        return c.html(render(current, current.version, { kind: 'conflict', text: p.t('conflict', { value: p.t(current.status) }) }), 409);
      }
      if (isAppError(error, 'VALIDATION')) return c.html(render(await loadContact(deps.db, id), null, { kind: 'error', text: fieldMessages(error) }), 422);
      throw error;
    }
  });

  /** Options of the company select, filtered as the employee types. */
  app.get('/contacts/:id/company-options', async (c) => {
    const contact = await loadContact(deps.db, contactId(c.req.param('id')));
    const companies = await listCompanies(deps.db, { active: true, search: c.req.query('q') ?? '', limit: 50 });
    const options = companyOptions(companies);
    if (!options.some((o) => o.value === String(contact.companyId))) options.unshift({ value: String(contact.companyId), label: `${contact.company.name} (${contact.company.code})` });
    return c.html(<FieldOptions options={options} value={contact.companyId} />);
  });

  /** Adds an article to the sales subject; the answer is the grid with new totals. */
  app.post('/contacts/:id/sales-lines', async (c) => {
    const p = panel(c);
    const id = contactId(c.req.param('id'));
    const form = await formFields(c);
    try {
      await addSalesLine(deps.db, p.actor, {
        contactId: id, articleId: form.articleId ?? '', quantity: form.quantity ?? '',
        unitNetPrice: form.unitNetPrice ? form.unitNetPrice : undefined, paymentFormId: form.paymentFormId || null,
      });
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(await renderSalesGrid(deps.db, id, p, { lineId: 'new', text: fieldMessages(error) }), 422);
    }
    if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${id}`, 303);
    return c.html(await renderSalesGrid(deps.db, id, p));
  });

  /** Changes a line's quantity, negotiated price or payment form. */
  app.post('/sales-lines/:id', async (c) => {
    const p = panel(c);
    const lineId = pathId(c.req.param('id'), 'Sales line');
    const line = await deps.db.salesLine.findUnique({ where: { id: lineId }, select: { contactId: true } });
    if (!line) throw notFound('Sales line', lineId);
    const form = await formFields(c);
    try {
      await updateSalesLine(deps.db, p.actor, { id: lineId, quantity: form.quantity ?? '', unitNetPrice: form.unitNetPrice ?? '', paymentFormId: form.paymentFormId || null });
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(await renderSalesGrid(deps.db, line.contactId, p, { lineId, text: fieldMessages(error) }), 422);
    }
    if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${line.contactId}`, 303);
    return c.html(await renderSalesGrid(deps.db, line.contactId, p));
  });

  app.post('/sales-lines/:id/delete', async (c) => {
    const p = panel(c);
    const removed = await removeSalesLine(deps.db, p.actor, { id: pathId(c.req.param('id'), 'Sales line') });
    if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${removed.contactId}`, 303);
    return c.html(await renderSalesGrid(deps.db, removed.contactId, p));
  });

  app.post('/contacts/:id/notes', async (c) => {
    const p = panel(c);
    const id = contactId(c.req.param('id'));
    const form = await formFields(c);
    const timeline = (error?: string) => renderTimeline(deps.db, id, p, error);
    try {
      const dueAt = form.dueAt ? parseLocalDateTime(form.dueAt, p.t.timeZone) ?? form.dueAt : null;
      await addNote(deps.db, p.actor, { contactId: id, text: form.text ?? '', noteKind: form.noteKind || null, dueAt });
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(await timeline(fieldMessages(error)), 422);
    }
    if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${id}`, 303);
    return c.html(await timeline());
  });

  /** Marks a task done (its author, the contact's owner or an admin). */
  app.post('/items/:id/done', async (c) => {
    const p = panel(c);
    const item = await editItem(deps.db, p.actor, { id: c.req.param('id'), done: true });
    if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${item.contactId}`, 303);
    return c.html(await renderTimeline(deps.db, item.contactId, p));
  });

  return app;
}
