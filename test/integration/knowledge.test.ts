// The knowledge base: one search over the items of all contacts (note and e-mail text, file
// names, document numbers), Polish-letter insensitive, ranked, with marked snippets; the domain
// function and the panel page.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchKnowledge, type KnowledgeResult, type KnowledgeTuning, type SearchKnowledgeInput } from '../../src/domain/analytics/search-knowledge.ts';
import { issueDocument } from '../../src/domain/documents/issue-document.ts';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { addFile } from '../../src/domain/items/add-file.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { useTestDb } from '../helpers/db.ts';
import { usePanelApp } from '../helpers/panel.ts';
import { actorFor, makeArticle, makeCompany, makeContact, makeEmployee, makePerson, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

let dataDir = '';
let store: FileStore;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-knowledge-'));
  store = createFileStore({ dataDir, maxFileBytes: 1024 * 1024 });
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const DAY = 86_400_000;
const NOW = new Date('2030-06-15T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

/**
 * Two companies, a person, three contacts; every item carries the test's unique tag so other
 * tests' rows never match.
 */
async function world() {
  const tag = `kb${uid()}`;
  const owner = await makeEmployee(t.db);
  const actor = actorFor(owner);
  const alfa = await makeCompany(t.db, { name: `Alfa ${tag}` });
  const beta = await makeCompany(t.db, { name: `Beta ${tag}` });
  const anna = await makePerson(t.db, alfa.id, { name: `Anna Żak ${tag}` });
  const a1 = (await makeContact(t.db, { companyId: alfa.id, personId: anna.id, title: `Chłodnia ${tag}`, actor })).contact;
  const a2 = (await makeContact(t.db, { companyId: alfa.id, title: `Serwis ${tag}`, actor })).contact;
  const b1 = (await makeContact(t.db, { companyId: beta.id, title: `Oferta ${tag}`, actor })).contact;
  const note = (contact: { id: number }, text: string, options: { at?: Date; kind?: string } = {}) =>
    addNote(t.db, actor, { contactId: contact.id, text: `${text} ${tag}`, occurredAt: options.at ?? daysAgo(1), noteKind: options.kind ?? null });
  return { tag, actor, alfa, beta, anna, a1, a2, b1, note };
}

const search = (input: SearchKnowledgeInput, tuning?: KnowledgeTuning) => searchKnowledge(t.db, { now: NOW, ...input }, tuning);
const ids = (result: KnowledgeResult) => result.hits.map((h) => h.item.id);
const marked = (result: KnowledgeResult) => result.hits.map((h) => [...(h.label ?? []), ...h.snippet].filter((s) => s.match).map((s) => s.text));

describe('knowledge search', () => {
  it('finds note and e-mail text, file names and document numbers, with or without Polish letters', async () => {
    const w = await world();
    const turtle = await w.note(w.a1, 'Żółw ruszył: klient zaakceptował ofertę.');
    const city = await w.note(w.a2, 'Dostawa do Lodz we wtorek.');
    const mail = await w.note(w.b1, 'From: Jan Nowak <jan@example.com>\nSubject: Reklamacja łożysk\n\nŁożyska przyszły uszkodzone.', { kind: 'e-mail' });
    const file = await addFile(t.db, store, w.actor, { contactId: w.a2.id, file: { stream: Buffer.from('protokół'), fileName: `Protokół odbioru ${w.tag}.txt` } });
    const article = await makeArticle(t.db);
    const invoice = await issueDocument(t.db, w.actor, { kindCode: 'invoice', companyId: w.alfa.id, contactId: w.a1.id, issueDate: '2031-05-10', lines: [{ articleId: article.id, quantity: '1' }] });

    for (const q of ['zolw', 'ŻÓŁW', 'żółw', 'Zółw,']) expect(ids(await search({ q: `${q} ${w.tag}` })), q).toEqual([turtle.id]);
    for (const q of ['łódź', 'LODZ', 'lódz']) expect(ids(await search({ q: `${q} ${w.tag}` })), q).toEqual([city.id]);
    expect(ids(await search({ q: `lozyska ${w.tag}` }))).toEqual([mail.id]);
    expect(ids(await search({ q: `uszkodzone ${w.tag}` }))).toEqual([mail.id]);

    const byFileName = await search({ q: `protokol odbioru ${w.tag}` });
    expect(ids(byFileName)).toEqual([file.id]);
    expect(byFileName.hits[0]!.item).toMatchObject({ type: 'file', fileName: `Protokół odbioru ${w.tag}.txt`, documentNumber: null });
    expect(marked(byFileName)[0]).toEqual(['Protokół', 'odbioru', w.tag]);

    const byNumber = await search({ q: invoice.number.toLowerCase() });
    expect(byNumber.hits.map((h) => h.item.documentNumber)).toEqual([invoice.number]);
    expect(byNumber.hits[0]!.item.type).toBe('document');
    expect(marked(byNumber)[0]).toContain(invoice.number);

    // Each hit names its contact, company and person (the link target).
    expect((await search({ q: `zolw ${w.tag}` })).hits[0]!.contact).toEqual({
      id: w.a1.id, number: w.a1.number, title: `Chłodnia ${w.tag}`, companyId: w.alfa.id, companyName: `Alfa ${w.tag}`, personName: `Anna Żak ${w.tag}`,
    });
  });

  it('needs every word, and ranks whole words over word beginnings over parts of words over the note kind alone', async () => {
    const w = await world();
    const whole = await w.note(w.a1, 'Żółw ruszył.', { at: daysAgo(365) }); // whole word, a year old
    const start = await w.note(w.a1, 'Tempo żółwie.', { at: daysAgo(1) }); // beginning of a word
    const part = await w.note(w.a2, 'Firma Bożółwski.', { at: daysAgo(1) }); // inside a word
    const kindOnly = await w.note(w.b1, 'Nic o zwierzętach.', { at: daysAgo(0), kind: 'żółw' }); // only the note kind
    const newer = await w.note(w.b1, 'Drugi żółw, nowszy.', { at: daysAgo(30) }); // whole word, newer
    await w.note(w.b1, 'Sam kot.', { at: daysAgo(0) });

    const result = await search({ q: `zolw ${w.tag}` });
    expect(ids(result)).toEqual([newer.id, whole.id, start.id, part.id, kindOnly.id]);
    expect(result.hits.map((h) => h.rank)).toEqual([...result.hits.map((h) => h.rank)].sort((a, b) => b - a));
    expect(result).toMatchObject({ total: 5, capped: false, nextOffset: null, terms: ['zolw', w.tag] });
    // The note kind alone ranks last but still matches; its snippet marks nothing of the text.
    expect(marked(result)[4]).toEqual([w.tag]);

    // Every word must occur.
    expect(ids(await search({ q: `zolw ruszyl ${w.tag}` }))).toEqual([whole.id]);
    expect(ids(await search({ q: `zolw pies ${w.tag}` }))).toEqual([]);
  });

  it('marks the words in the original text, in a window around the first match, and keeps markup as text', async () => {
    const w = await world();
    const long = `${'Wstęp bez znaczenia. '.repeat(30)}Tu jest Żółw i jeszcze ŻÓŁW. ${'Zakończenie bez znaczenia. '.repeat(30)}`;
    await w.note(w.a1, long);
    const [hit] = (await search({ q: `zolw ${w.tag}` })).hits;
    expect(hit!.snippet[0]!.text).toMatch(/^…Wstęp/);
    expect(hit!.snippet.at(-1)!.text).toMatch(/znaczenia\.…$/);
    expect(hit!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['Żółw', 'ŻÓŁW']);
    expect(hit!.snippet.map((s) => s.text).join('').length).toBeLessThan(300);

    const script = await w.note(w.a2, '<script>alert("żółw")</script> <img src=x onerror=alert(1)>');
    const found = await search({ q: `alert zolw ${w.tag}` });
    expect(ids(found)).toEqual([script.id]);
    expect(found.hits[0]!.snippet.map((s) => s.text).join('')).toBe(`<script>alert("żółw")</script> <img src=x onerror=alert(1)> ${w.tag}`);
  });

  it('filters by company, person, item type, note kind and date', async () => {
    const w = await world();
    const n1 = await w.note(w.a1, 'Przegląd chłodni.', { at: new Date('2030-03-10T10:00:00Z'), kind: 'telefon' });
    const n2 = await w.note(w.a2, 'Przegląd chłodni.', { at: new Date('2030-04-10T10:00:00Z'), kind: 'spotkanie' });
    const n3 = await w.note(w.b1, 'Przegląd chłodni.', { at: new Date('2030-05-10T10:00:00Z'), kind: 'telefon' });
    const file = await addFile(t.db, store, w.actor, { contactId: w.a1.id, file: { stream: Buffer.from('x'), fileName: `przeglad-chlodni-${w.tag}.txt` }, occurredAt: new Date('2030-05-20T10:00:00Z') });
    const q = `przeglad chlodni ${w.tag}`;
    const sorted = async (input: Omit<SearchKnowledgeInput, 'q'>) => ids(await search({ q, ...input })).sort((a, b) => a - b);
    const of = (...items: { id: number }[]) => items.map((i) => i.id).sort((a, b) => a - b);

    expect(await sorted({})).toEqual(of(n1, n2, n3, file));
    expect(await sorted({ companyId: w.alfa.id })).toEqual(of(n1, n2, file));
    expect(await sorted({ companyId: w.beta.id })).toEqual(of(n3));
    expect(await sorted({ personId: w.anna.id })).toEqual(of(n1, file));
    expect(await sorted({ companyId: w.beta.id, personId: w.anna.id })).toEqual([]);
    expect(await sorted({ type: 'file' })).toEqual(of(file));
    expect(await sorted({ type: 'note' })).toEqual(of(n1, n2, n3));
    expect(await sorted({ type: 'document' })).toEqual([]);
    expect(await sorted({ noteKind: 'telefon' })).toEqual(of(n1, n3));
    expect(await sorted({ noteKind: 'telefon', companyId: w.alfa.id })).toEqual(of(n1));
    expect(await sorted({ from: '2030-04-10T10:00:00Z' })).toEqual(of(n2, n3, file));
    expect(await sorted({ to: '2030-04-10T10:00:00Z' })).toEqual(of(n1, n2));
    expect(await sorted({ from: '2030-04-01T00:00:00Z', to: '2030-05-15T00:00:00Z', companyId: w.alfa.id })).toEqual(of(n2));
    await expect(search({ q, companyId: 'x' as unknown as number })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('pages through the ranked matches', async () => {
    const w = await world();
    for (let i = 0; i < 25; i++) await w.note(i % 2 ? w.a1 : w.b1, `Awaria kas numer ${i}.`, { at: daysAgo(i) });
    const first = await search({ q: `awaria kas ${w.tag}`, limit: 20 });
    expect(first).toMatchObject({ total: 25, capped: false, nextOffset: 20 });
    const second = await search({ q: `awaria kas ${w.tag}`, limit: 20, offset: 20 });
    expect(second.hits).toHaveLength(5);
    expect(second.nextOffset).toBeNull();
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(25);
    expect((await search({ q: `awaria kas ${w.tag}`, offset: 40 })).hits).toEqual([]);
    expect(await search({ q: '  , ' })).toEqual({ hits: [], terms: [], total: 0, capped: false, nextOffset: null });
  });

  it('collects rare matches past the walk, keeps the newest when there are more, and says when it stopped early', async () => {
    const w = await world();
    // More recent items than the small walks below test, none of them matching.
    for (let i = 0; i < 8; i++) await w.note(w.a2, `Wypełniacz ${i}.`, { at: new Date(Date.now() + DAY) });
    const old = await w.note(w.a1, 'Unikalny kalibrator.', { at: new Date('1995-01-01T00:00:00Z') });
    const tiny: KnowledgeTuning = { candidates: 5, firstWalk: 3, maxWalk: 6, budgetMs: 1_000 };
    expect(await search({ q: `kalibrator ${w.tag}` }, tiny)).toMatchObject({ total: 1, capped: false });
    expect(ids(await search({ q: `kalibrator ${w.tag}` }, tiny))).toEqual([old.id]);
    // A two-letter word cannot use the trigram index: the walk is all there is.
    expect(await search({ q: 'qj' }, tiny)).toMatchObject({ total: 0, capped: true });

    // Seven matches, five ranked: the five newest.
    const many = [];
    for (let i = 0; i < 7; i++) many.push(await w.note(w.b1, 'Termometr.', { at: new Date(Date.UTC(1996, 0, 1 + i)) }));
    const newest = await search({ q: `termometr ${w.tag}`, limit: 10 }, tiny);
    expect(newest).toMatchObject({ total: 5, capped: true, nextOffset: null });
    expect(ids(newest).sort((a, b) => a - b)).toEqual(many.slice(2).map((n) => n.id).sort((a, b) => a - b));

    // Collecting judged too slow: the walk stops at maxWalk and says the set may be incomplete.
    expect(await search({ q: `kalibrator ${w.tag}` }, { ...tiny, budgetMs: 0 })).toMatchObject({ total: 0, capped: true });
  });
});

describe('knowledge page', () => {
  it('searches as you type and links each hit to its contact, in Polish and English', async () => {
    const w = await world();
    const item = await w.note(w.a1, 'Żółw ruszył: klient zaakceptował ofertę.');
    const pl = await panelApp.browser({ locale: 'pl' });
    const res = await pl.get(`/knowledge?q=zolw+${w.tag}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Baza wiedzy</h1>');
    expect(html).toContain('Wyniki: 1');
    // The hit leads to the item on its contact's timeline (id="item-…").
    expect(html).toContain(`<a href="/contacts/${w.a1.id}#item-${item.id}">${w.a1.number}</a>`);
    expect(html).toContain('<mark>Żółw</mark> ruszył');
    expect(html).toContain(`value="zolw ${w.tag}"`);
    expect(html).toContain('hx-get="/knowledge"');

    // htmx asks for the results only (and the person list, out of band).
    const swap = await (await pl.get(`/knowledge?q=zolw+${w.tag}`, { 'HX-Request': 'true' })).text();
    expect(swap.startsWith('<section id="kb-results"')).toBe(true);
    expect(swap).not.toContain('<html');
    expect(swap).toContain('id="kb-person" aria-label="Osoba" hx-swap-oob="true"');

    const en = await panelApp.browser({ locale: 'en' });
    const page = await (await en.get(`/knowledge?q=ZOLW+${w.tag}`)).text();
    expect(page).toContain('<h1>Knowledge base</h1>');
    expect(page).toContain('Matches: 1');
    expect(page).toContain('<mark>Żółw</mark>');
    expect(await (await en.get('/knowledge')).text()).toContain('Type a word or two to search.');
    expect(await (await en.get(`/knowledge?q=nieistniejace${w.tag}`)).text()).toContain('Nothing found.');
  });

  it('keeps item text and the query inert', async () => {
    const w = await world();
    await w.note(w.a1, '<script>alert("żółw")</script><img src=x onerror=alert(1)>');
    const b = await panelApp.browser({ locale: 'en' });
    const html = await (await b.get(`/knowledge?q=${encodeURIComponent(`<script> zolw ${w.tag}`)}`)).text();
    expect(html).toContain('Matches: 1');
    expect(html).toContain('&lt;<mark>script</mark>&gt;alert(&quot;<mark>żółw</mark>&quot;)&lt;/<mark>script</mark>&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`value="&lt;script&gt; zolw ${w.tag}"`);
  });

  it('takes the filters from the URL: company, person, item type, note kind and whole days in the time zone', async () => {
    const w = await world();
    // 23:30 UTC on 14 June is already 15 June in Warsaw.
    const late = await w.note(w.a1, 'Montaż regałów.', { at: new Date('2030-06-14T23:30:00Z'), kind: 'wizyta' });
    const other = await w.note(w.b1, 'Montaż regałów.', { at: new Date('2030-06-10T10:00:00Z'), kind: 'telefon' });
    const b = await panelApp.browser({ locale: 'pl' });
    const found = async (query: string) => {
      const html = await (await b.get(`/knowledge?q=montaz+${w.tag}&${query}`)).text();
      return [...html.matchAll(/<li class="kb-hit" data-item-id="(\d+)">/g)].map((m) => Number(m[1])).sort((x, y) => x - y);
    };
    expect(await found('')).toEqual([other.id, late.id].sort((x, y) => x - y));
    expect(await found(`company=${w.alfa.id}`)).toEqual([late.id]);
    expect(await found(`company=${w.alfa.id}&person=${w.anna.id}`)).toEqual([late.id]);
    expect(await found(`person=${w.anna.id}`)).toEqual([late.id]);
    expect(await found('kind=telefon')).toEqual([other.id]);
    expect(await found('type=file')).toEqual([]);
    expect(await found('type=bogus&kind=')).toEqual([other.id, late.id].sort((x, y) => x - y));
    expect(await found('from=2030-06-15&to=2030-06-15')).toEqual([late.id]);
    expect(await found('to=2030-06-14')).toEqual([other.id]);
    // A person of another company than the chosen one is dropped rather than finding nothing.
    expect(await found(`company=${w.beta.id}&person=${w.anna.id}`)).toEqual([other.id]);
    // The form shows the filter back.
    const html = await (await b.get(`/knowledge?q=montaz+${w.tag}&company=${w.alfa.id}&person=${w.anna.id}&kind=wizyta&from=2030-06-15`)).text();
    expect(html).toContain(`<option value="${w.alfa.id}" selected="">Alfa ${w.tag}`);
    expect(html).toContain(`<option value="${w.anna.id}" selected="">Anna Żak ${w.tag}</option>`);
    expect(html).toContain('<option value="wizyta" selected="">wizyta</option>');
    expect(html).toContain('name="from" value="2030-06-15"');
  });

  it('links to the next page of results and asks to sign in first', async () => {
    const w = await world();
    for (let i = 0; i < 22; i++) await w.note(w.a1, `Szkolenie operatorów ${i}.`, { at: daysAgo(i) });
    const b = await panelApp.browser({ locale: 'en' });
    const html = await (await b.get(`/knowledge?q=szkolenie+${w.tag}`)).text();
    expect(html.match(/class="kb-hit"/g)).toHaveLength(20);
    const next = /<a href="([^"]+)" class="kb-more">/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBe(`/knowledge?q=szkolenie+${w.tag}&offset=20`);
    const rest = await (await b.get(next!)).text();
    expect(rest.match(/class="kb-hit"/g)).toHaveLength(2);
    expect(rest).toContain('<ol class="kb-hits" start="21">');
    expect(rest).not.toContain('class="kb-more"');

    const anonymous = await panelApp.request(`/knowledge?q=x`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fknowledge');
  });
});
