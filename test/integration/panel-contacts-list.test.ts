// The contacts list in the panel: filters in the URL, sortable columns with keyset "more" pages,
// the htmx swap, and bulk changes with their confirmation step.
import { describe, expect, it } from 'vitest';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { updateContact } from '../../src/domain/contacts/update-contact.ts';
import { useTestDb } from '../helpers/db.ts';
import { ORIGIN, usePanelApp, type PanelBrowser } from '../helpers/panel.ts';
import { actorFor, makeCompany, makeContact, makeEmployee, makeKind, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

/** Contact ids of the result rows, in order. */
function rowIds(html: string): number[] {
  const body = /<tbody id="results">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<a href="\/contacts\/(\d+)">/g)].map((m) => Number(m[1]));
}
const nextLink = (html: string) => /<a href="(\/contacts\?[^"]*cursor=[^"]+)">/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;

/** Every row over all "more" pages. */
async function allPages(b: PanelBrowser, url: string) {
  const ids: number[] = [];
  for (let next: string | null = url, guard = 0; next && guard < 30; guard++) {
    const html = await (await b.get(next)).text();
    ids.push(...rowIds(html));
    next = nextLink(html);
  }
  return ids;
}

async function scenario() {
  const tag = `l${uid()}`;
  const [anna, bob] = [await makeEmployee(t.db, { name: `Anna ${tag}` }), await makeEmployee(t.db, { name: `Bob ${tag}` })];
  const [alfa, beta] = [await makeCompany(t.db, { name: `Alfa ${tag}` }), await makeCompany(t.db, { name: `Beta ${tag}` })];
  const kind = await makeKind(t.db);
  const day = (d: number, h = 10) => new Date(Date.UTC(2020, 5, d, h));
  const make = async (title: string, input: Record<string, unknown>) =>
    (await makeContact(t.db, { title: `${title} ${tag}`, actor: actorFor(anna), ...input })).contact;
  const c = {
    a: await make('aaa', { companyId: alfa.id, ownerId: anna.id, dueAt: day(1), priority: 'high', kindId: kind.id }),
    b: await make('bbb', { companyId: beta.id, ownerId: bob.id, dueAt: day(10), priority: 'low' }),
    // 23:30 UTC on the 14th is already the 15th in Warsaw (UTC+2 in June).
    c: await make('ccc', { companyId: alfa.id, ownerId: null, dueAt: day(14, 23), priority: 'normal' }),
    d: await make('ddd', { companyId: beta.id, ownerId: null, dueAt: null, priority: 'high' }),
    e: await make('eee', { companyId: alfa.id, ownerId: anna.id, dueAt: day(10), priority: 'normal', kindId: kind.id }),
  };
  return { tag, anna, bob, alfa, beta, kind, c };
}

describe('contacts list filters and sorting', () => {
  it('filters by owner (and unassigned), kind, company, overdue and a due range in the time zone', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const { tag, anna, alfa, kind, c } = await scenario();
    const ids = async (query: string) => (await allPages(b, `/contacts?q=${tag}&sort=number&dir=asc&${query}`)).sort((x, y) => x - y);
    const sorted = (...list: { id: number }[]) => list.map((x) => x.id).sort((x, y) => x - y);
    expect(await ids(`owner=${anna.id}`)).toEqual(sorted(c.a, c.e));
    expect(await ids('owner=none')).toEqual(sorted(c.c, c.d));
    expect(await ids(`kind=${kind.id}`)).toEqual(sorted(c.a, c.e));
    expect(await ids(`company=${alfa.id}`)).toEqual(sorted(c.a, c.c, c.e));
    expect(await ids('overdue=1')).toEqual(sorted(c.a, c.b, c.c, c.e)); // all those deadlines are in the past
    expect(await ids('dueFrom=2020-06-10&dueTo=2020-06-14')).toEqual(sorted(c.b, c.e)); // c is due on the 15th in Warsaw
    expect(await ids('dueFrom=2020-06-15&dueTo=2020-06-15')).toEqual(sorted(c.c));
    expect(await ids(`company=${alfa.id}&owner=none`)).toEqual(sorted(c.c));
    // The filter is kept in the page (bookmarkable) and in the export link.
    const page = await (await b.get(`/contacts?q=${tag}&owner=none&kind=${kind.id}`)).text();
    expect(page).toContain('<option value="none" selected="">');
    expect(page).toContain(`/csv/export/contacts.csv?q=${tag}&amp;owner=none&amp;kind=${kind.id}`);
  });

  it('sorts by every column both ways, NULLs last, and "more" pages neither repeat nor miss rows', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const { tag, c } = await scenario();
    const order = (...list: { id: number }[]) => list.map((x) => x.id);
    // Five rows over pages of 50 would not cross a page: check the domain pages elsewhere, and here
    // that the panel's links carry the sort and cursor (limit is the default 50).
    expect(await allPages(b, `/contacts?q=${tag}&sort=title&dir=asc`)).toEqual(order(c.a, c.b, c.c, c.d, c.e));
    expect(await allPages(b, `/contacts?q=${tag}&sort=title&dir=desc`)).toEqual(order(c.e, c.d, c.c, c.b, c.a));
    expect(await allPages(b, `/contacts?q=${tag}&sort=deadline&dir=asc`)).toEqual(order(c.a, c.b, c.e, c.c, c.d));
    expect(await allPages(b, `/contacts?q=${tag}&sort=deadline&dir=desc`)).toEqual(order(c.c, c.e, c.b, c.a, c.d));
    expect(await allPages(b, `/contacts?q=${tag}&sort=owner&dir=asc`)).toEqual(order(c.a, c.e, c.b, c.c, c.d));
    expect(await allPages(b, `/contacts?q=${tag}&sort=company&dir=desc`)).toEqual(order(c.d, c.b, c.e, c.c, c.a));
    expect(await allPages(b, `/contacts?q=${tag}&sort=priority`)).toEqual(order(c.d, c.a, c.e, c.c, c.b)); // highest first, ties newest id first
    expect(await allPages(b, `/contacts?q=${tag}&sort=number&dir=desc`)).toEqual(order(c.e, c.d, c.c, c.b, c.a));
    expect(await allPages(b, `/contacts?q=${tag}&sort=registered&dir=asc`)).toEqual(order(c.a, c.b, c.c, c.d, c.e));
    // The header links toggle the direction of the current column and keep the filter.
    const html = await (await b.get(`/contacts?q=${tag}&sort=title&dir=asc`)).text();
    expect(html).toContain(`href="/contacts?q=${tag}&amp;sort=title&amp;dir=desc"`);
    expect(html).toContain('aria-sort="ascending"');
  });

  it('follows "more" links across pages for a sort with ties and NULLs', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const tag = `m${uid()}`;
    const company = await makeCompany(t.db, { name: `Gamma ${tag}` });
    const owner = await makeEmployee(t.db);
    const made: { id: number; due: number | null }[] = [];
    for (let i = 0; i < 60; i++) {
      const dueAt = i % 3 === 0 ? null : new Date(Date.UTC(2031, 0, 1 + (i % 4)));
      const { contact } = await makeContact(t.db, { title: `row ${tag}`, companyId: company.id, actor: actorFor(owner), dueAt });
      made.push({ id: contact.id, due: dueAt?.getTime() ?? null });
    }
    const want = [...made]
      .sort((x, y) => (x.due === y.due ? x.id - y.id : x.due === null ? 1 : y.due === null ? -1 : x.due - y.due))
      .map((x) => x.id);
    const got = await allPages(b, `/contacts?q=${tag}&sort=deadline&dir=asc`);
    expect(got).toEqual(want);
    const gotDesc = await allPages(b, `/contacts?q=${tag}&sort=title&dir=desc`);
    expect(gotDesc).toEqual(made.map((x) => x.id).sort((x, y) => y - x));
  });

  it('answers htmx with the rows first, and the header and export links out of band', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const { tag, c } = await scenario();
    const html = await (await b.get(`/contacts?q=${tag}&sort=title&dir=desc`, { 'HX-Request': 'true' })).text();
    expect(html.startsWith('<tbody id="results">')).toBe(true);
    expect(rowIds(html)).toEqual([c.e.id, c.d.id, c.c.id, c.b.id, c.a.id]);
    expect(html).toContain('<thead id="list-head" hx-swap-oob="true">');
    expect(html).toContain(`href="/contacts?q=${tag}&amp;sort=title&amp;dir=asc"`);
    expect(html).toContain('<p id="list-actions" class="list-actions" hx-swap-oob="true">');
    expect(html).not.toContain('<html');
  });
});

describe('bulk changes', () => {
  const formOf = (fields: [string, string][]) => new URLSearchParams(fields);
  const confirmFields = (html: string) => [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')] as [string, string]).filter(([n]) => n !== '_csrf');

  it('reassigns after a confirmation that names the employee and the contacts, with a history entry each', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const { c } = await scenario();
    const target = await makeEmployee(t.db, { name: `Anna Nowak ${uid()}` });
    const chosen = [c.a, c.b, c.c];
    const review = await b.post('/contacts/bulk', formOf([...chosen.map((x) => ['id', String(x.id)] as [string, string]), ['action', 'reassign'], ['ownerId', String(target.id)], ['back', 'q=x']]));
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain(`3 contact(s) will be reassigned to ${target.name}:`);
    for (const x of chosen) expect(html).toContain(x.number);
    expect(html).not.toContain(c.d.number);
    // Nothing changed yet.
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: c.a.id } })).ownerId).not.toBe(target.id);

    const done = await b.post('/contacts/bulk/apply', formOf(confirmFields(html)));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('3 contact(s) changed.');
    for (const x of chosen) {
      const row = await t.db.contact.findUniqueOrThrow({ where: { id: x.id } });
      expect(row.ownerId).toBe(target.id);
      const history = await t.db.historyEntry.findMany({ where: { contactId: x.id, action: 'reassigned' } });
      expect(history).toHaveLength(1);
      expect(history[0]!.actorId).toBe(b.employee.id);
      expect(history[0]!.changes).toEqual([{ field: 'ownerId', old: x.ownerId, new: target.id }]);
    }
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: c.d.id } })).ownerId).toBeNull();
  });

  it('closes the open ones and reports the already closed one as refused', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const { anna, c } = await scenario();
    await closeContact(t.db, actorFor(anna), { id: c.b.id, outcome: 'lost' });
    const review = await (await b.post('/contacts/bulk', formOf([['id', String(c.a.id)], ['id', String(c.b.id)], ['action', 'close'], ['outcome', 'won']]))).text();
    expect(review).toContain('1 contact(s) will be closed:');
    expect(review).toContain(`Will not be changed: Contact ${c.b.number} is already closed`);
    // Confirming the page's selection plus the closed one (a forged form) still refuses that one.
    const done = await (await b.post('/contacts/bulk/apply', formOf([...confirmFields(review), ['contact', String(c.b.id)]]))).text();
    expect(done).toContain('1 contact(s) changed.');
    expect(done).toContain(`${c.b.number}: Contact ${c.b.number} is already closed`);
    const a = await t.db.contact.findUniqueOrThrow({ where: { id: c.a.id } });
    expect(a).toMatchObject({ status: 'closed', outcome: 'won' });
    expect(await t.db.historyEntry.count({ where: { contactId: c.a.id, action: 'closed' } })).toBe(1);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: c.b.id } })).outcome).toBe('lost');
  });

  it('changes the priority of all rows on the page ("all on this page") and refuses one changed meanwhile', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const { tag, anna, c } = await scenario();
    const page = await (await b.get(`/contacts?q=${tag}`)).text();
    const pageIds = [...page.matchAll(/name="pageId" value="(\d+)"/g)].map((m) => ['pageId', m[1]!] as [string, string]);
    expect(pageIds).toHaveLength(5);
    const review = await (await b.post('/contacts/bulk', formOf([...pageIds, ['all', '1'], ['action', 'priority'], ['priority', 'low']]))).text();
    // b is already low: shown as unchanged, not in the count.
    expect(review).toContain('4 contact(s) will get priority low:');
    // Someone edits c between the confirmation page and the confirm.
    await updateContact(t.db, actorFor(anna), { id: c.c.id, title: `edited ${tag}` });
    const done = await (await b.post('/contacts/bulk/apply', formOf(confirmFields(review)))).text();
    expect(done).toContain('3 contact(s) changed.');
    expect(done).toContain(`${c.c.number}: Contact ${c.c.number} was changed by someone else meanwhile`);
    const rows = await t.db.contact.findMany({ where: { id: { in: Object.values(c).map((x) => x.id) } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.priority]))).toEqual({ [c.a.id]: 'low', [c.b.id]: 'low', [c.c.id]: 'normal', [c.d.id]: 'low', [c.e.id]: 'low' });
    expect(await t.db.historyEntry.count({ where: { contactId: { in: [c.a.id, c.d.id, c.e.id] }, action: 'updated', changes: { equals: [{ field: 'priority', old: 'high', new: 'low' }] } } })).toBe(2);
  });

  it('refuses an inactive employee and an empty selection, and needs the CSRF token', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const { c } = await scenario();
    const inactive = await makeEmployee(t.db, { active: false });
    const bad = await b.post('/contacts/bulk', formOf([['id', String(c.a.id)], ['action', 'reassign'], ['ownerId', String(inactive.id)]]));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('is inactive');
    expect((await b.post('/contacts/bulk', formOf([['action', 'close']]))).status).toBe(422);
    const forged = await panelApp.request('/contacts/bulk/apply', {
      method: 'POST', body: `contact=${c.a.id}&action=close`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: b.cookie, Origin: ORIGIN },
    });
    expect(forged.status).toBe(403);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: c.a.id } })).status).toBe('open');
  });
});

describe('the company filter', () => {
  it('holds only the chosen company and finds others as one types, diacritics aside', async () => {
    const b = await panelApp.browser();
    const tag = uid();
    const [zolw, other] = [await makeCompany(t.db, { name: `Żółw Meble ${tag}` }), await makeCompany(t.db, { name: `Kot Biuro ${tag}` })];
    const page = await (await b.get(`/contacts?company=${other.id}`)).text();
    const select = /<select name="company"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    expect([...select.matchAll(/<option value="(\d*)"/g)].map((m) => m[1])).toEqual(['', String(other.id)]);

    const found = await (await b.get(`/companies/options?companySearch=zolw+meble+${tag}&any=1&selected=${other.id}`, { 'HX-Request': 'true' })).text();
    const values = [...found.matchAll(/<option value="(\d*)"( selected="")?/g)].map((m) => [m[1], !!m[2]]);
    expect(values).toEqual([['', false], [String(other.id), true], [String(zolw.id), false]]);
  });

  it('is for signed-in employees only', async () => {
    const res = await panelApp.request('/companies/options?q=a');
    expect(res.status).toBe(303);
  });
});
