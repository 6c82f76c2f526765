import type { Db } from '../db.ts';
import { getContact } from '../domain/contacts/get-contact.ts';
import { getContactChoices, type ContactChoices } from '../domain/contacts/get-contact-choices.ts';
import { getHistoryNames } from '../domain/history/get-history-names.ts';
import { listContactHistory } from '../domain/history/list-contact-history.ts';
import { listItems } from '../domain/items/list-items.ts';
import { listSalesLines } from '../domain/sales-lines/list-sales-lines.ts';
import { ContactPage } from '../../views/pages/contact.tsx';
import type { FieldOption } from '../../views/partials/contact-field.tsx';
import { HISTORY_PAGE } from '../../views/partials/history.tsx';
import { SalesGrid, type SalesGridProps } from '../../views/partials/sales-grid.tsx';
import { Timeline } from '../../views/partials/timeline.tsx';
import type { panel } from './panel-context.ts';

type Panel = ReturnType<typeof panel>;
export type ReferenceOptions = { companyId: FieldOption[]; personId: FieldOption[]; ownerId: FieldOption[]; kindId: FieldOption[] };

/** The current choice stays in its list even when it is no longer active. */
const withCurrent = (options: FieldOption[], current: { id: number; name: string } | null) =>
  current && !options.some((o) => o.value === String(current.id)) ? [{ value: String(current.id), label: current.name }, ...options] : options;

export const companyOptions = (companies: { id: number; name: string; code: string }[]): FieldOption[] =>
  companies.map((c) => ({ value: String(c.id), label: `${c.name} (${c.code})` }));

/** The choices of the contact's reference fields (the company select holds only the current one; its search box loads others). */
export function referenceOptions(choices: ContactChoices, contact: { company?: { id: number; name: string } | null; person?: { id: number; name: string } | null; owner?: { id: number; name: string } | null; kind?: { id: number; name: string } | null }): ReferenceOptions {
  return {
    companyId: withCurrent([], contact.company ?? null),
    personId: withCurrent(choices.people.map((p) => ({ value: String(p.id), label: p.name })), contact.person ?? null),
    ownerId: withCurrent(choices.employees.map((e) => ({ value: String(e.id), label: e.name })), contact.owner ?? null),
    kindId: withCurrent(choices.kinds.map((k) => ({ value: String(k.id), label: `${k.name} (${k.defaultProbability}%)` })), contact.kind ?? null),
  };
}

/** The same, loaded for a contact whose page is not being rendered (after an inline edit). */
export async function loadReferenceOptions(db: Db, contact: Parameters<typeof referenceOptions>[1] & { companyId: number }): Promise<ReferenceOptions> {
  return referenceOptions(await getContactChoices(db, { companyId: contact.companyId }), contact);
}

/** Renders the contact page (used by the contact route and after a refused document). */
export async function renderContactPage(db: Db, id: number, layout: Panel['layout'], documentError?: string) {
  const [contact, history, choices] = await Promise.all([getContact(db, id), listContactHistory(db, id, { limit: HISTORY_PAGE + 1 }), getContactChoices(db, { contactId: id })]);
  const historyNames = await getHistoryNames(db, history);
  return (
    <ContactPage {...layout} contact={contact} history={history} historyNames={historyNames} options={referenceOptions(choices, contact)} noteKinds={choices.noteKinds}
      documentKinds={choices.documentKinds} documentError={documentError} articles={choices.articles} paymentForms={choices.paymentForms} />
  );
}

/** The timeline partial, answered after a note, an upload, a linked document or a finished task. */
export async function renderTimeline(db: Db, contactId: number, p: Panel, error?: string) {
  const [{ items }, choices] = await Promise.all([listItems(db, { contactId }), getContactChoices(db, { contactId })]);
  return <Timeline t={p.t} contactId={contactId} items={items} noteKinds={choices.noteKinds} csrfToken={p.layout.csrfToken} documentKinds={choices.documentKinds} error={error} />;
}

/** The sales subject grid, answered after each add, edit or removal of a line. */
export async function renderSalesGrid(db: Db, contactId: number, p: Panel, error?: SalesGridProps['error']) {
  const [salesSubject, choices] = await Promise.all([listSalesLines(db, contactId), getContactChoices(db, { contactId })]);
  return <SalesGrid t={p.t} contactId={contactId} salesSubject={salesSubject} articles={choices.articles} paymentForms={choices.paymentForms} csrfToken={p.layout.csrfToken} error={error} />;
}
