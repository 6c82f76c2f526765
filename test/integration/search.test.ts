import { beforeAll, describe, expect, it } from 'vitest';
import { searchContacts } from '../../src/domain/contacts/search-contacts.ts';
import { updateCompany } from '../../src/domain/companies/update-company.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { deleteItem } from '../../src/domain/items/delete-item.ts';
import { editItem } from '../../src/domain/items/edit-item.ts';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { useTestDb } from '../helpers/db.ts';
import { actorFor, makeCompany, makeContact, makeEmployee, makeKind, makePerson, uid } from '../factories/index.ts';

const t = useTestDb();

// Every test tags its data with a unique word so the shared database's other rows don't interfere.
describe('contact search', () => {
  it('is insensitive to case and Polish diacritics in titles, companies and people', async () => {
    const tag = `t${uid()}`;
    const company = await makeCompany(t.db, { name: `Żółw i Syn ${tag}` });
    const person = await makePerson(t.db, company.id, { name: `Łucja Ślęzak ${tag}` });
    const { contact } = await makeContact(t.db, { companyId: company.id, personId: person.id, title: `Gęsi ${tag}` });
    for (const q of ['zolw', 'ŻÓŁW', 'lucja slezak', 'gesi', 'ZÓŁW syn']) {
      const { contacts } = await searchContacts(t.db, { q: `${q} ${tag}` });
      expect(contacts.map((c) => c.id), q).toEqual([contact.id]);
    }
  });

  it('finds contacts by the text of their items and by number', async () => {
    const tag = `t${uid()}`;
    const { contact, actor } = await makeContact(t.db, { registeredAt: new Date('2037-04-01T10:00:00Z') });
    await addNote(t.db, actor, { contactId: contact.id, text: `Klient pyta o biurka narożne ${tag}` });
    expect((await searchContacts(t.db, { q: `narozne ${tag}` })).contacts.map((c) => c.id)).toEqual([contact.id]);
    expect((await searchContacts(t.db, { q: 'k/2037/0001' })).contacts.map((c) => c.number)).toEqual(['K/2037/0001']);
    // Every word must match, in the contact or in any item.
    expect((await searchContacts(t.db, { q: `narozne ${tag} zupelnienic` })).contacts).toEqual([]);
  });

  it('follows item edits and deletions', async () => {
    const tag = `t${uid()}`;
    const { contact, actor } = await makeContact(t.db);
    const note = await addNote(t.db, actor, { contactId: contact.id, text: `Pierwsza wersja ${tag}a` });
    await addNote(t.db, actor, { contactId: contact.id, text: `Zostaje ${tag}c` });
    expect((await searchContacts(t.db, { q: `${tag}a` })).contacts.map((c) => c.id)).toEqual([contact.id]);
    await editItem(t.db, actor, { id: note.id, text: `Druga wersja ${tag}b` });
    expect((await searchContacts(t.db, { q: `${tag}a` })).contacts).toEqual([]);
    expect((await searchContacts(t.db, { q: `${tag}b` })).contacts.map((c) => c.id)).toEqual([contact.id]);
    await deleteItem(t.db, actor, { id: note.id });
    expect((await searchContacts(t.db, { q: `${tag}b` })).contacts).toEqual([]);
    expect((await searchContacts(t.db, { q: `${tag}c` })).contacts.map((c) => c.id)).toEqual([contact.id]);
  });

  it('keeps search right after a company is renamed', async () => {
    const tag = `t${uid()}`;
    const company = await makeCompany(t.db, { name: `Stara Nazwa ${tag}` });
    const { contact, owner } = await makeContact(t.db, { companyId: company.id });
    await updateCompany(t.db, actorFor({ id: owner.id, role: 'admin' }), { id: company.id, name: `Nowa Łąka ${tag}` });
    expect((await searchContacts(t.db, { q: `nowa laka ${tag}` })).contacts.map((c) => c.id)).toEqual([contact.id]);
    expect((await searchContacts(t.db, { q: `stara ${tag}` })).contacts).toEqual([]);
  });

  it('finds identifier fragments (NIP, document numbers) through the index path, with filters and pages', async () => {
    const company = await makeCompany(t.db);
    const { contact: first, actor } = await makeContact(t.db, { companyId: company.id });
    const { contact: second } = await makeContact(t.db, { companyId: company.id, priority: 'high' });
    const nipFragment = company.nip!.slice(2, 8);
    const byNip = await searchContacts(t.db, { q: nipFragment, companyId: company.id });
    expect(byNip.contacts.map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await searchContacts(t.db, { q: nipFragment, priority: 'high' })).contacts.map((c) => c.id)).toEqual([second.id]);
    const page1 = await searchContacts(t.db, { q: nipFragment, companyId: company.id, limit: 1 });
    const page2 = await searchContacts(t.db, { q: nipFragment, companyId: company.id, limit: 1, cursor: page1.nextCursor });
    expect([...page1.contacts, ...page2.contacts].map((c) => c.id)).toEqual([second.id, first.id]);
    await addNote(t.db, actor, { contactId: first.id, text: `Faktura FV/2039/11/${String(first.id).padStart(5, '0')} wysłana` });
    expect((await searchContacts(t.db, { q: `fv/2039/11/${String(first.id).padStart(5, '0')}` })).contacts.map((c) => c.id)).toEqual([first.id]);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    const tag = `t${uid()}`;
    await makeContact(t.db, { title: `Rabat 100 ${tag}` });
    expect((await searchContacts(t.db, { q: `% ${tag}` })).contacts).toEqual([]);
    expect((await searchContacts(t.db, { q: `10_ ${tag}` })).contacts).toEqual([]);
  });

  describe('filters and pages', () => {
    const tag = `f${uid()}`;
    const now = new Date('2030-06-15T12:00:00Z');
    let ids: Record<string, number> = {};
    let ownerId = 0;
    let kindId = 0;
    let companyId = 0;

    beforeAll(async () => {
      const owner = await makeEmployee(t.db);
      const other = await makeEmployee(t.db);
      const kind = await makeKind(t.db);
      const company = await makeCompany(t.db);
      ownerId = owner.id;
      kindId = kind.id;
      companyId = company.id;
      const make = async (name: string, input: Record<string, unknown>, by = owner) =>
        (ids[name] = (await makeContact(t.db, { title: `${name} ${tag}`, companyId, actor: actorFor(by), ...input })).contact.id);
      await make('overdue-high', { priority: 'high', dueAt: new Date('2030-06-01T10:00:00Z'), kindId });
      await make('due-soon', { priority: 'normal', dueAt: new Date('2030-06-20T10:00:00Z') });
      await make('no-deadline', { priority: 'low' });
      await make('others', { priority: 'high', dueAt: new Date('2030-07-01T10:00:00Z') }, other);
      const closed = await make('closed', { dueAt: new Date('2030-05-01T10:00:00Z') });
      await closeContact(t.db, actorFor(owner), { id: closed, outcome: 'lost' });
    });

    const names = (rows: { id: number }[]) => rows.map((r) => Object.keys(ids).find((k) => ids[k] === r.id));

    it('filters by status, priority, owner, kind, company, due range and overdue', async () => {
      const q = tag;
      expect(names((await searchContacts(t.db, { q, overdue: true, now })).contacts)).toEqual(['overdue-high']);
      expect(names((await searchContacts(t.db, { q, status: 'closed' })).contacts)).toEqual(['closed']);
      expect(names((await searchContacts(t.db, { q, priority: 'high', sort: 'due' })).contacts)).toEqual(['overdue-high', 'others']);
      expect(names((await searchContacts(t.db, { q, priority: ['low', 'normal'], status: 'open', sort: 'due' })).contacts)).toEqual(['due-soon', 'no-deadline']);
      expect((await searchContacts(t.db, { q, ownerId })).contacts).toHaveLength(4);
      expect(names((await searchContacts(t.db, { q, kindId })).contacts)).toEqual(['overdue-high']);
      expect((await searchContacts(t.db, { q, companyId })).contacts).toHaveLength(5);
      expect(names((await searchContacts(t.db, { q, dueFrom: '2030-06-10', dueTo: '2030-06-30', sort: 'due' })).contacts)).toEqual(['due-soon']);
    });

    it('pages by deadline with contacts without one last, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof searchContacts>> = await searchContacts(t.db, { companyId, sort: 'due', limit: 2, cursor });
        seen.push(...(names(page.contacts) as string[]));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['closed', 'overdue-high', 'due-soon', 'others', 'no-deadline']);
    });

    it('pages newest first by registration', async () => {
      const first = await searchContacts(t.db, { companyId, limit: 3 });
      const second = await searchContacts(t.db, { companyId, limit: 3, cursor: first.nextCursor });
      expect(second.nextCursor).toBeNull();
      expect([...first.contacts, ...second.contacts].map((c) => c.id)).toEqual(Object.values(ids).sort((a, b) => b - a));
    });

    it('refuses a forged cursor with a validation error', async () => {
      await expect(searchContacts(t.db, { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { cursor: expect.any(String) } } });
    });
  });
});
