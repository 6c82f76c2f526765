import type { Db } from '../db.ts';
import { listArticles } from '../domain/articles/list-articles.ts';
import { listContactKinds } from '../domain/catalog/list-contact-kinds.ts';
import { listPaymentForms } from '../domain/catalog/list-payment-forms.ts';
import { listCompanies } from '../domain/companies/list-companies.ts';
import { getContact } from '../domain/contacts/get-contact.ts';
import { listEmployees } from '../domain/employees/list-employees.ts';
import { listContactHistory } from '../domain/history/list-contact-history.ts';
import { listItems } from '../domain/items/list-items.ts';
import { suggestNoteKinds } from '../domain/items/suggest-note-kinds.ts';
import { listPeople } from '../domain/people/list-people.ts';
import { listSalesLines } from '../domain/sales-lines/list-sales-lines.ts';
import { ContactPage } from '../../views/pages/contact.tsx';
import type { FieldOption } from '../../views/partials/contact-field.tsx';
import type { HistoryNames } from '../../views/partials/history.tsx';
import { SalesGrid, type SalesGridProps } from '../../views/partials/sales-grid.tsx';
import { Timeline } from '../../views/partials/timeline.tsx';
import type { panel } from './panel-context.ts';

type Panel = ReturnType<typeof panel>;
export type ReferenceOptions = { companyId: FieldOption[]; personId: FieldOption[]; ownerId: FieldOption[]; kindId: FieldOption[] };

/** Companies shown in the company select before searching. */
const COMPANY_CHOICES = 200;

/** The current choice stays in its list even when it is no longer active. */
const withCurrent = (options: FieldOption[], current: { id: number; name: string } | null) =>
  current && !options.some((o) => o.value === String(current.id)) ? [{ value: String(current.id), label: current.name }, ...options] : options;

export const companyOptions = (companies: { id: number; name: string; code: string }[]): FieldOption[] =>
  companies.map((c) => ({ value: String(c.id), label: `${c.name} (${c.code})` }));

/** The choices of the contact's reference fields (people of its company, active employees, kinds). */
export async function loadReferenceOptions(db: Db, contact: { companyId: number; company?: { id: number; name: string } | null; person?: { id: number; name: string } | null; owner?: { id: number; name: string } | null; kind?: { id: number; name: string } | null }): Promise<ReferenceOptions> {
  const [companies, people, employees, kinds] = await Promise.all([
    listCompanies(db, { active: true, limit: COMPANY_CHOICES }),
    listPeople(db, { companyId: contact.companyId, active: true, limit: 500 }),
    listEmployees(db, { active: true, limit: 1000 }),
    listContactKinds(db, { active: true }),
  ]);
  return {
    companyId: withCurrent(companyOptions(companies), contact.company ?? null),
    personId: withCurrent(people.map((p) => ({ value: String(p.id), label: p.name })), contact.person ?? null),
    ownerId: withCurrent(employees.map((e) => ({ value: String(e.id), label: e.name })), contact.owner ?? null),
    kindId: withCurrent(kinds.map((k) => ({ value: String(k.id), label: `${k.name} (${k.defaultProbability}%)` })), contact.kind ?? null),
  };
}

/** Names for the ids a history shows (owners, people, companies, kinds, payment forms): one small query each. */
export async function loadHistoryNames(db: Db, history: { changes: { field: string; old: unknown; new: unknown }[] }[]): Promise<HistoryNames> {
  const ids = (field: string) => [...new Set(history.flatMap((h) => h.changes.filter((c) => c.field === field).flatMap((c) => [c.old, c.new])).filter((v): v is number => typeof v === 'number'))];
  const byField = { ownerId: ids('ownerId'), assigneeId: ids('assigneeId'), personId: ids('personId'), companyId: ids('companyId'), kindId: ids('kindId'), paymentFormId: ids('paymentFormId') };
  const employeeIds = [...new Set([...byField.ownerId, ...byField.assigneeId])];
  const [employees, people, companies, kinds, paymentForms] = await Promise.all([
    employeeIds.length ? db.employee.findMany({ where: { id: { in: employeeIds } }, select: { id: true, name: true } }) : [],
    byField.personId.length ? db.person.findMany({ where: { id: { in: byField.personId } }, select: { id: true, name: true } }) : [],
    byField.companyId.length ? db.company.findMany({ where: { id: { in: byField.companyId } }, select: { id: true, name: true } }) : [],
    byField.kindId.length ? db.contactKind.findMany({ where: { id: { in: byField.kindId } }, select: { id: true, name: true } }) : [],
    byField.paymentFormId.length ? db.paymentForm.findMany({ where: { id: { in: byField.paymentFormId } }, select: { id: true, name: true } }) : [],
  ]);
  const map = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const employeeNames = map(employees);
  return { ownerId: employeeNames, assigneeId: employeeNames, personId: map(people), companyId: map(companies), kindId: map(kinds), paymentFormId: map(paymentForms) };
}

async function loadSalesChoices(db: Db) {
  const [articles, paymentForms] = await Promise.all([listArticles(db, { active: true, limit: 500 }), listPaymentForms(db, { active: true })]);
  return { articles, paymentForms };
}

/** Renders the contact page (used by the contact route and after a refused document). */
export async function renderContactPage(db: Db, id: number, layout: Panel['layout'], documentError?: string) {
  const [contact, history, kinds, documentKinds, sales] = await Promise.all([
    getContact(db, id),
    listContactHistory(db, id, { limit: 100 }),
    suggestNoteKinds(db, { limit: 30 }),
    db.documentKind.findMany({ orderBy: { code: 'asc' } }),
    loadSalesChoices(db),
  ]);
  const [options, historyNames] = await Promise.all([loadReferenceOptions(db, contact), loadHistoryNames(db, history)]);
  return (
    <ContactPage {...layout} contact={contact} history={history} historyNames={historyNames} options={options} noteKinds={kinds.map((k) => k.kind)}
      documentKinds={documentKinds} documentError={documentError} articles={sales.articles} paymentForms={sales.paymentForms} />
  );
}

/** The timeline partial, answered after a note, an upload, a linked document or a finished task. */
export async function renderTimeline(db: Db, contactId: number, p: Panel, error?: string) {
  const [{ items }, kinds, documentKinds] = await Promise.all([
    listItems(db, { contactId }),
    suggestNoteKinds(db, { limit: 30 }),
    db.documentKind.findMany({ orderBy: { code: 'asc' } }),
  ]);
  return <Timeline t={p.t} contactId={contactId} items={items} noteKinds={kinds.map((k) => k.kind)} csrfToken={p.layout.csrfToken} documentKinds={documentKinds} error={error} />;
}

/** The sales subject grid, answered after each add, edit or removal of a line. */
export async function renderSalesGrid(db: Db, contactId: number, p: Panel, error?: SalesGridProps['error']) {
  const [salesSubject, sales] = await Promise.all([listSalesLines(db, contactId), loadSalesChoices(db)]);
  return <SalesGrid t={p.t} contactId={contactId} salesSubject={salesSubject} articles={sales.articles} paymentForms={sales.paymentForms} csrfToken={p.layout.csrfToken} error={error} />;
}
