import { describe, expect, it } from 'vitest';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { getContact } from '../../src/domain/contacts/get-contact.ts';
import { contactSearchText, refreshContactSearchText } from '../../src/domain/contacts/refresh-search-text.ts';
import { findContactId } from '../../src/domain/contacts/find-contact.ts';
import { reassignContact } from '../../src/domain/contacts/reassign-contact.ts';
import { reopenContact } from '../../src/domain/contacts/reopen-contact.ts';
import { updateContact } from '../../src/domain/contacts/update-contact.ts';
import { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import { AppError } from '../../src/errors.ts';
import { useTestDb } from '../helpers/db.ts';
import { actorFor, makeArticle, makeCompany, makeContact, makeEmployee, makeKind, makePerson } from '../factories/index.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';

const t = useTestDb();

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('creating contacts', () => {
  it('gives 50 concurrent creations 50 distinct, gapless numbers of the registration year', async () => {
    const owner = await makeEmployee(t.db);
    const company = await makeCompany(t.db);
    const registeredAt = new Date('2031-03-10T10:00:00Z');
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createContact(t.db, actorFor(owner), { companyId: company.id, title: `Oferta ${i}`, registeredAt })),
    );
    const numbers = created.map((c) => c.number).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `K/2031/${String(i + 1).padStart(4, '0')}`));
  });

  it('returns a number to the sequence when the transaction rolls back', async () => {
    const owner = await makeEmployee(t.db);
    const company = await makeCompany(t.db);
    const registeredAt = new Date('2032-01-05T10:00:00Z');
    await expect(
      t.db.$transaction(async (tx) => {
        const c = await createContact(tx, actorFor(owner), { companyId: company.id, title: 'Rolled back', registeredAt });
        expect(c.number).toBe('K/2032/0001');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const next = await createContact(t.db, actorFor(owner), { companyId: company.id, title: 'Kept', registeredAt });
    expect(next.number).toBe('K/2032/0001');
  });

  it('keeps counting past 9999 without truncating the number', async () => {
    await t.db.numberSequence.create({ data: { scope: 'contact:2041', lastValue: 9998 } });
    const registeredAt = new Date('2041-05-05T10:00:00Z');
    const first = await makeContact(t.db, { registeredAt });
    const second = await makeContact(t.db, { registeredAt });
    const third = await makeContact(t.db, { registeredAt });
    expect([first.contact.number, second.contact.number, third.contact.number]).toEqual(['K/2041/9999', 'K/2041/10000', 'K/2041/10001']);
    expect(await findContactId(t.db, 'K/2041/10000')).toBe(second.contact.id);
  });

  it('numbers by the company calendar: New Year in Warsaw comes before UTC', async () => {
    const { contact } = await makeContact(t.db, { registeredAt: new Date('2033-12-31T23:30:00Z') });
    expect(contact.number).toBe('K/2034/0001');
  });

  it('defaults the owner to the actor and records the creation in history', async () => {
    const { contact, owner } = await makeContact(t.db, { priority: 'high', title: 'Dostawa regałów' });
    expect(contact.ownerId).toBe(owner.id);
    const history = await listContactHistory(t.db, contact.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'created', actorId: owner.id, channel: 'panel', entity: 'contact' });
    expect(history[0]!.changes).toEqual(expect.arrayContaining([
      { field: 'title', old: null, new: 'Dostawa regałów' },
      { field: 'priority', old: null, new: 'high' },
      { field: 'number', old: null, new: contact.number },
    ]));
  });

  it('writes the same search text at creation (in SQL) as a later refresh computes (in JS)', async () => {
    const company = await makeCompany(t.db, { name: 'Łódzka Fabryka Żółwi' });
    const person = await makePerson(t.db, company.id, { name: 'Zażółć Gęślą' });
    const { contact } = await makeContact(t.db, { companyId: company.id, personId: person.id, title: 'Oferta na REGAŁY', externalNumber: 'ZAM-7', description: 'Pilne' });
    const expected = contactSearchText({ ...contact, company, person });
    expect(contact.searchText).toBe(expected);
    expect(contact.searchText).toContain('lodzka fabryka zolwi');
    await t.db.$transaction((tx) => refreshContactSearchText(tx, { contactId: contact.id }));
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).searchText).toBe(expected);
  });

  it('refuses a person from another company, an unknown kind and an empty title, field by field', async () => {
    const owner = await makeEmployee(t.db);
    const company = await makeCompany(t.db);
    const other = await makeCompany(t.db);
    const stranger = await makePerson(t.db, other.id);
    const error = await errorOf(createContact(t.db, actorFor(owner), { companyId: company.id, personId: stranger.id, kindId: 999999, title: 'x' }));
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys(error.details.fields!).sort()).toEqual(['kindId', 'personId']);
    expect(error.details.fields!.personId).toContain(`does not work at ${company.name}`);
    const empty = await errorOf(createContact(t.db, actorFor(owner), { companyId: company.id, title: '   ' }));
    expect(empty.details.fields).toEqual({ title: 'required' });
    expect(await t.db.contact.count({ where: { companyId: company.id } })).toBe(0);
  });

  it('refuses new contacts for an inactive company', async () => {
    const owner = await makeEmployee(t.db);
    const company = await makeCompany(t.db, { active: false });
    const error = await errorOf(createContact(t.db, actorFor(owner), { companyId: company.id, title: 'x' }));
    expect(error.details.fields?.companyId).toContain('inactive');
  });
});

describe('updating contacts', () => {
  it('records each changed field with old and new value, who and through which channel', async () => {
    const { contact, owner } = await makeContact(t.db, { priority: 'normal' });
    const due = new Date('2030-05-01T10:00:00Z');
    const updated = await updateContact(t.db, actorFor(owner, 'slack'), { id: contact.id, version: contact.version, priority: 'high', dueAt: due, title: contact.title });
    expect(updated.version).toBe(contact.version + 1);
    const [entry] = await listContactHistory(t.db, contact.id);
    expect(entry).toMatchObject({ action: 'updated', channel: 'slack', actorId: owner.id });
    expect(entry!.changes).toEqual([
      { field: 'dueAt', old: null, new: due.toISOString() },
      { field: 'priority', old: 'normal', new: 'high' },
    ]);
  });

  it('refuses a stale version with a conflict that carries the current values', async () => {
    const { contact, owner } = await makeContact(t.db);
    await updateContact(t.db, actorFor(owner), { id: contact.id, version: contact.version, title: 'Nowy tytuł' });
    const error = await errorOf(updateContact(t.db, actorFor(owner), { id: contact.id, version: contact.version, title: 'Inny tytuł' }));
    expect(error.code).toBe('CONFLICT');
    expect((error.details.current as { title: string }).title).toBe('Nowy tytuł');
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).title).toBe('Nowy tytuł');
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const { contact, owner } = await makeContact(t.db);
    const results = await Promise.allSettled(
      ['A', 'B', 'C', 'D'].map((title) => updateContact(t.db, actorFor(owner), { id: contact.id, version: contact.version, title })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => (r.reason as AppError).code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const row = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row.version).toBe(contact.version + 1);
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'updated' } })).toBe(1);
  });

  it('requires a person of the new company when the company changes', async () => {
    const company = await makeCompany(t.db);
    const person = await makePerson(t.db, company.id);
    const { contact, owner } = await makeContact(t.db, { companyId: company.id, personId: person.id });
    const other = await makeCompany(t.db);
    const error = await errorOf(updateContact(t.db, actorFor(owner), { id: contact.id, companyId: other.id }));
    expect(error.details.fields?.personId).toBeDefined();
    const moved = await updateContact(t.db, actorFor(owner), { id: contact.id, companyId: other.id, personId: null });
    expect(moved.companyId).toBe(other.id);
    expect(moved.personId).toBeNull();
  });

  it('closes with an outcome, refuses closing twice, reopens', async () => {
    const { contact, owner } = await makeContact(t.db);
    const closed = await closeContact(t.db, actorFor(owner), { id: contact.id, outcome: 'won' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'won' });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect((await errorOf(closeContact(t.db, actorFor(owner), { id: contact.id }))).code).toBe('CONFLICT');
    const reopened = await reopenContact(t.db, actorFor(owner), { id: contact.id });
    expect(reopened).toMatchObject({ status: 'open', outcome: null, closedAt: null });
    const actions = (await listContactHistory(t.db, contact.id)).map((h) => h.action);
    expect(actions).toEqual(['reopened', 'closed', 'created']);
  });

  it('reassigns only to an active employee', async () => {
    const { contact, owner } = await makeContact(t.db);
    const successor = await makeEmployee(t.db);
    const gone = await makeEmployee(t.db, { active: false });
    expect((await errorOf(reassignContact(t.db, actorFor(owner), { id: contact.id, ownerId: gone.id }))).details.fields?.ownerId).toContain('inactive');
    const moved = await reassignContact(t.db, actorFor(owner), { id: contact.id, ownerId: successor.id });
    expect(moved.ownerId).toBe(successor.id);
    const [entry] = await listContactHistory(t.db, contact.id);
    expect(entry).toMatchObject({ action: 'reassigned', changes: [{ field: 'ownerId', old: owner.id, new: successor.id }] });
  });

  it('finds a contact by any accepted spelling of its number, and returns the effective probability', async () => {
    const kind = await makeKind(t.db, { defaultProbability: 35 });
    const { contact } = await makeContact(t.db, { kindId: kind.id, registeredAt: new Date('2035-02-02T10:00:00Z') });
    expect(contact.number).toBe('K/2035/0001');
    expect(await findContactId(t.db, 'k-2035-1')).toBe(contact.id);
    expect(await findContactId(t.db, '2035/0001')).toBe(contact.id);
    await expect(findContactId(t.db, '2035/0999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const full = await getContact(t.db, contact.id);
    expect(full.effectiveProbability).toBe(35);
    expect(full.items).toEqual([]);
    expect(full.salesLines).toEqual([]);
    expect(full.salesNetTotal).toBe('0.00');
  });

  it('returns the contact page: relations, valued sales subject and the newest items', async () => {
    const company = await makeCompany(t.db);
    const person = await makePerson(t.db, company.id, { email: `anna.${company.id}@firma.pl` });
    const kind = await makeKind(t.db, { defaultProbability: 70 });
    const { contact, owner, actor } = await makeContact(t.db, { companyId: company.id, personId: person.id, kindId: kind.id, probability: 40 });
    const article = await makeArticle(t.db, { listNetPrice: '12.50' });
    await addSalesLine(t.db, actor, { contactId: contact.id, articleId: article.id, quantity: '3' });
    for (let i = 0; i < 3; i++) await addNote(t.db, actor, { contactId: contact.id, text: `notatka ${i}`, occurredAt: new Date(Date.UTC(2026, 0, 1 + i)) });
    const full = await getContact(t.db, contact.id, { items: 2 });
    expect(full).toMatchObject({
      id: contact.id, number: contact.number, priority: 'normal', status: 'open', probability: 40, effectiveProbability: 40,
      company: { id: company.id, name: company.name, code: company.code, nip: company.nip, kind: 'client' },
      person: { id: person.id, name: person.name, email: person.email },
      owner: { id: owner.id, name: owner.name, email: owner.email },
      kind: { id: kind.id, name: kind.name, defaultProbability: 70 },
      salesNetTotal: '37.50',
    });
    expect(full).not.toHaveProperty('searchText');
    expect(full.salesLines[0]).toMatchObject({ article: { id: article.id, code: article.code }, netValue: '37.50', paymentForm: null });
    expect(full.items.map((i) => i.text)).toEqual(['notatka 2', 'notatka 1']);
    expect(full.items[0]!.author).toEqual({ id: owner.id, name: owner.name });
    expect(full.nextItemsCursor).not.toBeNull();
    await expect(getContact(t.db, 99999999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
