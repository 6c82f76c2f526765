import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchContacts, type SearchContactsInput, type SearchPlan } from '../../src/domain/contacts/search-contacts.ts';
import { updateContact } from '../../src/domain/contacts/update-contact.ts';
import { createFileStore } from '../../src/domain/files/index.ts';
import { addFile } from '../../src/domain/items/add-file.ts';
import { addFileVersion } from '../../src/domain/items/add-file-version.ts';
import { insertItems } from '../../src/domain/items/insert-item.ts';
import { foldText } from '../../src/domain/shared/fold-text.ts';
import { updatePerson } from '../../src/domain/people/update-person.ts';
import { updateCompany } from '../../src/domain/companies/update-company.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { deleteItem } from '../../src/domain/items/delete-item.ts';
import { editItem } from '../../src/domain/items/edit-item.ts';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { Prisma } from '../../src/db.ts';
import { wordHashSql, wordList, wordListSql } from '../../src/domain/contacts/search-words.ts';
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

  describe('sorting by every column with keyset pages', () => {
    const tag = `s${uid()}`;
    type Row = { id: number; number: string; title: string; company: string; owner: string | null; due: number | null; priority: number; registered: number };
    const rows: Row[] = [];

    beforeAll(async () => {
      const [anna, bartek] = [await makeEmployee(t.db, { name: `anna ${tag}` }), await makeEmployee(t.db, { name: `bartek ${tag}` })];
      const [alfa, beta] = [await makeCompany(t.db, { name: `alfa ${tag}` }), await makeCompany(t.db, { name: `beta ${tag}` })];
      const d = (day: number) => new Date(Date.UTC(2031, 2, day, 10));
      // Ties in every column, NULL deadlines and owners, equal registration instants.
      const specs = [
        { title: 'alpha', company: alfa, owner: anna, due: d(5), priority: 'high', registeredAt: d(1) },
        { title: 'alpha', company: beta, owner: bartek, due: null, priority: 'low', registeredAt: d(1) },
        { title: 'beta', company: alfa, owner: null, due: d(5), priority: 'normal', registeredAt: d(2) },
        { title: 'gamma', company: beta, owner: anna, due: d(7), priority: 'high', registeredAt: d(2) },
        { title: 'beta', company: alfa, owner: null, due: null, priority: 'normal', registeredAt: d(3) },
        { title: 'delta', company: beta, owner: bartek, due: d(3), priority: 'low', registeredAt: d(1) },
        { title: 'alpha', company: alfa, owner: anna, due: d(7), priority: 'normal', registeredAt: d(4) },
        { title: 'epsilon', company: beta, owner: null, due: null, priority: 'high', registeredAt: d(3) },
      ] as const;
      const rank = { low: 1, normal: 2, high: 3 };
      for (const spec of specs) {
        const { contact } = await makeContact(t.db, {
          title: `${spec.title} ${tag}`, companyId: spec.company.id, ownerId: spec.owner?.id ?? null, dueAt: spec.due, priority: spec.priority, registeredAt: spec.registeredAt,
        });
        rows.push({
          id: contact.id, number: contact.number, title: contact.title, company: spec.company.name, owner: spec.owner?.name ?? null,
          due: spec.due?.getTime() ?? null, priority: rank[spec.priority], registered: spec.registeredAt.getTime(),
        });
      }
    });

    /** The expected order: the key (NULLs last in both directions), then id, both in `dir`. */
    function expected(column: keyof Row, dir: 'asc' | 'desc') {
      const sign = dir === 'asc' ? 1 : -1;
      return [...rows]
        .sort((a, b) => {
          const [x, y] = [a[column], b[column]];
          if (x !== y) {
            if (x === null) return 1;
            if (y === null) return -1;
            return (x < y ? -1 : 1) * sign;
          }
          return (a.id - b.id) * sign;
        })
        .map((r) => r.id);
    }

    async function walk(input: Parameters<typeof searchContacts>[1], limit: number) {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const page: Awaited<ReturnType<typeof searchContacts>> = await searchContacts(t.db, { ...input, q: tag, limit, cursor });
        seen.push(...page.contacts.map((c) => c.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return seen;
    }

    const columns = [['number', 'number'], ['title', 'title'], ['company', 'company'], ['owner', 'owner'], ['deadline', 'due'], ['priority', 'priority'], ['registered', 'registered']] as const;
    for (const [sort, field] of columns) {
      for (const dir of ['asc', 'desc'] as const) {
        it(`sorts by ${sort} ${dir} and pages without repeats or gaps`, async () => {
          const want = expected(field, dir);
          expect(await walk({ sort, dir }, 50)).toEqual(want);
          for (const limit of [1, 2, 3]) expect(await walk({ sort, dir }, limit), `limit ${limit}`).toEqual(want);
        });
      }
    }

    it('keeps the original sort names: recent is newest first, due is soonest first with no deadline last', async () => {
      expect(await walk({ sort: 'recent' }, 3)).toEqual(expected('registered', 'desc'));
      expect(await walk({ sort: 'due' }, 3)).toEqual(expected('due', 'asc'));
      expect(await walk({}, 2)).toEqual(expected('registered', 'desc'));
    });

    it('filters unassigned contacts and combines filters with a sort', async () => {
      const unassigned = rows.filter((r) => r.owner === null).map((r) => r.id);
      expect(await walk({ ownerId: null, sort: 'number' }, 2)).toEqual(unassigned.sort((a, b) => a - b));
      const alfaHigh = await walk({ sort: 'title', dir: 'desc', priority: ['high', 'normal'] }, 2);
      expect(alfaHigh).toEqual(expected('title', 'desc').filter((id) => rows.find((r) => r.id === id)!.priority >= 2));
    });

    it('refuses a cursor made for another sort', async () => {
      const first = await searchContacts(t.db, { q: tag, sort: 'title', limit: 2 });
      await expect(searchContacts(t.db, { q: tag, sort: 'owner', limit: 2, cursor: first.nextCursor })).rejects.toMatchObject({ code: 'VALIDATION' });
    });
  });

  describe('word index (Contact.wordHashes, SearchWord)', () => {
    /** The contact's hashes are those of its words, and SearchWord has every one of them. */
    async function expectIndexed(contactId: number) {
      const [row] = await t.db.$queryRaw<{ same: boolean; missing: string[] }[]>`
        SELECT c."wordHashes" = ARRAY(
                 SELECT DISTINCT ('x' || left(md5(w), 8))::bit(32)::int
                 FROM regexp_split_to_table(c."searchText" || ' ' || c."itemWords", ' ') AS w WHERE w <> '' ORDER BY 1) AS same,
               ARRAY(SELECT w FROM regexp_split_to_table(c."searchText" || ' ' || c."itemWords", ' ') AS w
                     WHERE w <> '' AND NOT EXISTS (SELECT 1 FROM "SearchWord" s WHERE s.word = w)) AS missing
        FROM "Contact" c WHERE c.id = ${contactId}`;
      expect(row).toEqual({ same: true, missing: [] });
    }
    const ids = async (input: SearchContactsInput, plan: SearchPlan) => (await searchContacts(t.db, input, { plan })).contacts.map((c) => c.id);
    /** The same answer through the word index, the walk and the automatic choice. */
    async function found(input: SearchContactsInput) {
      const [words, walk, auto] = [await ids(input, 'words'), await ids(input, 'walk'), await ids(input, 'auto')];
      expect(words, JSON.stringify(input)).toEqual(walk);
      expect(auto).toEqual(walk);
      return walk;
    }

    let dataDir = '';
    afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));

    it('sends each distinct word once (wordList) and hashes it as wordHashSql does (wordListSql)', async () => {
      expect(wordList('b a  b', ' c a', '')).toEqual(['b', 'a', 'c']); // split at spaces, empty words dropped, first-seen order
      const words = ['zolw', 'k/2026/0042', 'пересылаемое', 'メッセージ', '😀x', 'x'.repeat(300), "o'reilly"];
      const [row] = await t.db.$queryRaw<{ words: string[]; hashes: number[]; expected: number[] }[]>`
        WITH list AS (${wordListSql(words)})
        SELECT words, hashes, ARRAY(SELECT ${wordHashSql(Prisma.sql`w`)} FROM unnest(words) WITH ORDINALITY AS t(w, n) ORDER BY n) AS expected FROM list`;
      expect(row!.words).toEqual(words);
      expect(row!.hashes).toEqual(row!.expected);
      expect(new Set(row!.hashes).size).toBe(words.length);
      const [empty] = await t.db.$queryRaw<{ words: string[]; hashes: number[] }[]>`WITH list AS (${wordListSql([])}) SELECT words, hashes FROM list`;
      expect(empty).toEqual({ words: [], hashes: [] });
    });

    it('is kept on every write path that changes the searched text', async () => {
      const tag = `w${uid()}`;
      const company = await makeCompany(t.db, { name: `Sokół ${tag}co` });
      const person = await makePerson(t.db, company.id, { name: `Jan Kruk${tag}` });
      const { contact, actor, owner } = await makeContact(t.db, { companyId: company.id, personId: person.id, title: `Regały ${tag}ti` });
      await expectIndexed(contact.id);
      expect(await found({ q: `${tag}ti` })).toEqual([contact.id]);
      expect(await found({ q: contact.number.toLowerCase() })).toEqual([contact.id]);

      await updateContact(t.db, actor, { id: contact.id, title: `Półki ${tag}nt` });
      await updateCompany(t.db, actorFor({ id: owner.id, role: 'admin' }), { id: company.id, name: `Orzeł ${tag}nc` });
      await updatePerson(t.db, actor, { id: person.id, name: `Jan Wrona${tag}` });
      await expectIndexed(contact.id);
      expect(await found({ q: `${tag}ti` })).toEqual([]);
      expect(await found({ q: `polki ${tag}nt orzel ${tag}nc wrona${tag}` })).toEqual([contact.id]);

      const note = await addNote(t.db, actor, { contactId: contact.id, text: `Wycena ${tag}no`, noteKind: `kind${tag}` });
      await expectIndexed(contact.id);
      expect(await found({ q: `${tag}no kind${tag}` })).toEqual([contact.id]);
      await editItem(t.db, actor, { id: note.id, text: `Poprawka ${tag}ed` });
      await expectIndexed(contact.id);
      expect(await found({ q: `${tag}no` })).toEqual([]);
      expect(await found({ q: `${tag}ed` })).toEqual([contact.id]);
      await deleteItem(t.db, actor, { id: note.id });
      await expectIndexed(contact.id);
      expect(await found({ q: `${tag}ed` })).toEqual([]);

      // The mail ingester's batch, files and their new versions.
      await t.db.$transaction((tx) =>
        insertItems(tx, actor, contact.id, [{ type: 'note', text: `Mail ${tag}ma`, occurredAt: new Date(), sourceRef: `mail:${tag}`, searchText: foldText(`Mail ${tag}ma`), action: 'mail filed' }]));
      await expectIndexed(contact.id);
      // Words the contact already has leave its row alone (a new row version re-enters every hash in the index).
      const version = async () => (await t.db.$queryRaw<{ v: string }[]>`SELECT xmin::text AS v FROM "Contact" WHERE id = ${contact.id}`)[0]!.v;
      const before = await version();
      await addNote(t.db, actor, { contactId: contact.id, text: `mail ${tag}MA` });
      expect(await version()).toBe(before);
      await addNote(t.db, actor, { contactId: contact.id, text: `mail ${tag}ma nowe${tag}` });
      expect(await version()).not.toBe(before);
      await expectIndexed(contact.id);
      expect(await found({ q: `nowe${tag}` })).toEqual([contact.id]);
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-search-'));
      const store = createFileStore({ dataDir, maxFileBytes: 1024 * 1024 });
      const file = await addFile(t.db, store, actor, { contactId: contact.id, file: { stream: Buffer.from('a'), fileName: `skan-${tag}fi.txt` } });
      await addFileVersion(t.db, store, actor, { itemId: file.id, file: { stream: Buffer.from('b'), fileName: `skan-${tag}ve.txt` } });
      await expectIndexed(contact.id);
      expect(await found({ q: `${tag}ma ${tag}fi ${tag}ve` })).toEqual([contact.id]);
    });

    it('matches a query word anywhere inside a word, as the text test does, with filters and pages', async () => {
      const tag = `x${uid()}`;
      const made: number[] = [];
      for (const [i, title] of ['Przenośnik taśmowy', 'Taśmociąg', 'Szlifierka', 'Nóż tasmowy'].entries()) {
        const { contact, actor } = await makeContact(t.db, { title: `${title} ${tag}`, priority: i % 2 ? 'high' : 'normal' });
        await addNote(t.db, actor, { contactId: contact.id, text: i === 2 ? `Rozmowa o taśmach ${tag}` : `Bez związku ${tag}` });
        made.push(contact.id);
      }
      const newest = [...made].reverse();
      expect(await found({ q: `tasm ${tag}` })).toEqual(newest);
      expect(await found({ q: `ASMO ${tag}` })).toEqual([made[3]!, made[1]!, made[0]!]);
      expect(await found({ q: `ciag ${tag}` })).toEqual([made[1]!]);
      expect(await found({ q: `tasm ${tag}`, priority: 'high' })).toEqual([made[3]!, made[1]!]);
      expect(await found({ q: `tasm ${tag}`, sort: 'title' })).toEqual([made[3]!, made[0]!, made[2]!, made[1]!]);
      expect(await found({ q: `nieistniejace${tag}` })).toEqual([]);
      for (const plan of ['words', 'walk'] as const) {
        const first = await searchContacts(t.db, { q: `tasm ${tag}`, limit: 3 }, { plan });
        const second = await searchContacts(t.db, { q: `tasm ${tag}`, limit: 3, cursor: first.nextCursor }, { plan });
        expect([...first.contacts, ...second.contacts].map((c) => c.id), plan).toEqual(newest);
        expect(second.nextCursor).toBeNull();
      }
    });
  });
});
