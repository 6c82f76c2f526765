import type { Db } from '../db.ts';
import { getContact } from '../domain/contacts/get-contact.ts';
import { listContactHistory } from '../domain/history/list-contact-history.ts';
import { listItems } from '../domain/items/list-items.ts';
import { suggestNoteKinds } from '../domain/items/suggest-note-kinds.ts';
import { ContactPage } from '../../views/pages/contact.tsx';
import { Timeline } from '../../views/partials/timeline.tsx';
import type { panel } from './panel-context.ts';

/** Renders the contact page (used by the contact route and after a refused document). */
export async function renderContactPage(db: Db, id: number, layout: ReturnType<typeof panel>['layout'], documentError?: string) {
  const [contact, history, kinds, documentKinds] = await Promise.all([
    getContact(db, id),
    listContactHistory(db, id, { limit: 100 }),
    suggestNoteKinds(db, { limit: 30 }),
    db.documentKind.findMany({ orderBy: { code: 'asc' } }),
  ]);
  return <ContactPage {...layout} contact={contact} history={history} noteKinds={kinds.map((k) => k.kind)} documentKinds={documentKinds} documentError={documentError} />;
}


/** The timeline partial, answered after a note, an upload or a finished task. */
export async function renderTimeline(db: Db, contactId: number, p: ReturnType<typeof panel>, error?: string) {
  const [{ items }, kinds] = await Promise.all([listItems(db, { contactId }), suggestNoteKinds(db, { limit: 30 })]);
  return <Timeline t={p.t} contactId={contactId} items={items} noteKinds={kinds.map((k) => k.kind)} csrfToken={p.layout.csrfToken} error={error} />;
}
