import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { listCompanies } from '../../domain/companies/list-companies.ts';
import { createContact, type CreateContactInput } from '../../domain/contacts/create-contact.ts';
import { updateContact } from '../../domain/contacts/update-contact.ts';
import { addNote } from '../../domain/items/add-note.ts';
import { editItem } from '../../domain/items/edit-item.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { isAppError } from '../../errors.ts';
import { NewContactPage } from '../../../views/pages/new-contact.tsx';
import { ContactField, EDITABLE_FIELDS, VersionInput, type EditableField } from '../../../views/partials/contact-field.tsx';
import { parseLocalDateTime } from '../local-time.ts';
import { fieldMessages, formFields, panel, pathId } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';
import { renderContactPage, renderTimeline } from '../contact-page.tsx';

type ContactsDeps = { db: Db; settings: DomainSettings };

const contactId = (raw: string) => pathId(raw, 'Contact');

export function contactRoutes(deps: ContactsDeps) {
  const app = new Hono<PanelEnv>();
  app.use('/contacts', requireSignIn);
  app.use('/contacts/*', requireSignIn);
  app.use('/items/*', requireSignIn);

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

  app.get('/contacts/:id', async (c) => c.html(await renderContactPage(deps.db, contactId(c.req.param('id')), panel(c).layout)));

  /** Inline edit of one field, guarded by the version the page was rendered with. */
  app.post('/contacts/:id/fields', async (c) => {
    const p = panel(c);
    const id = contactId(c.req.param('id'));
    const form = await formFields(c);
    const field = form.field as EditableField;
    if (!EDITABLE_FIELDS.includes(field)) return c.text(`Field ${form.field} cannot be edited here`, 422);
    const raw = form.value ?? '';
    const value = field === 'dueAt' ? (raw ? parseLocalDateTime(raw, p.t.timeZone) ?? raw : null) : field === 'externalNumber' ? raw || null : raw;
    const render = (current: unknown, version: number | null, message?: { kind: 'error' | 'saved' | 'conflict'; text: string }) => (
      <>
        <ContactField t={p.t} contactId={id} field={field} value={current as string | Date | null} message={message} />
        {version !== null && <VersionInput version={version} oob />}
      </>
    );
    try {
      const updated = await updateContact(deps.db, p.actor, { id, version: form.version ? Number(form.version) : undefined, [field]: value });
      if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${id}`, 303);
      return c.html(render(updated[field], updated.version, { kind: 'saved', text: p.t('saved') }));
    } catch (error) {
      if (isAppError(error, 'CONFLICT')) {
        const current = error.details.current as Record<string, unknown> & { version: number };
        const shown = current[field] instanceof Date ? p.t.dateTime(current[field] as Date) : String(current[field] ?? p.t('none'));
        return c.html(render(current[field], current.version, { kind: 'conflict', text: p.t('conflict', { value: shown }) }), 409);
      }
      if (isAppError(error, 'VALIDATION')) return c.html(render(raw, null, { kind: 'error', text: fieldMessages(error) }), 422);
      throw error;
    }
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
