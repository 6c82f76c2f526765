// The sales forecast (issue 7): figures on seeded data checked against a model computed here (per
// line rounding half away from zero, probability fallback, month buckets in the viewer's zone),
// win rates and cycle length, the dashboard page, its drill-down links (each leads to a list of
// exactly the contacts counted) and its CSV downloads in UTF-8 and windows-1250.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { getForecast } from '../../src/domain/analytics/forecast.ts';
import { addMonths, monthAt } from '../../src/domain/analytics/sales-filters.ts';
import { getWinRates } from '../../src/domain/analytics/win-rates.ts';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { searchContacts } from '../../src/domain/contacts/search-contacts.ts';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';
import { useTestDb } from '../helpers/db.ts';
import { usePanelApp, type PanelBrowser } from '../helpers/panel.ts';
import { actorFor, makeArticle, makeCompany, makeContact, makeEmployee, makeKind, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

// ---- an independent model of the money rules -------------------------------------------------

/** n / d rounded half away from zero. */
function roundHalfAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  return 2n * (r < 0n ? -r : r) >= d ? q + (n < 0n ? -1n : 1n) : q;
}
/** "12.5" with `scale` decimals → 1250n (scale 2). */
const scaled = (s: string, scale: number) => {
  const [whole, frac = ''] = s.split('.');
  return BigInt(whole! + frac.padEnd(scale, '0'));
};
/** A line's value in grosze: quantity (thousandths) × price (grosze) / 1000, rounded half away from zero. */
const lineGrosze = (quantity: string, price: string) => roundHalfAway(scaled(quantity, 3) * scaled(price, 2), 1000n);

type Line = [quantity: string, price: string];
type Seeded = { id: number; lines: Line[]; probability: number; value: bigint; weighted: bigint };

function model(lines: Line[], probability: number) {
  const value = lines.reduce((sum, [q, p]) => sum + lineGrosze(q, p), 0n);
  return { value, weighted: roundHalfAway(value * BigInt(probability), 100n) };
}
const sum = (rows: { value: bigint; weighted: bigint }[]) => ({
  count: rows.length,
  value: rows.reduce((s, r) => s + r.value, 0n),
  weighted: rows.reduce((s, r) => s + r.weighted, 0n),
});

// ---- seeding --------------------------------------------------------------------------------

async function seedContact(input: {
  ownerId: number; companyId: number; kindId?: number | null; probability?: number | null; expectedCloseAt?: string | null;
  dueAt?: Date | null; registeredAt?: Date; lines?: Line[]; title?: string;
}) {
  const { lines = [], ...rest } = input;
  const actor = actorFor({ id: input.ownerId, role: 'member' });
  const { contact } = await makeContact(t.db, { actor, ...rest, title: rest.title ?? `Forecast ${uid()}` });
  for (const [quantity, unitNetPrice] of lines) {
    const article = await makeArticle(t.db);
    await addSalesLine(t.db, actor, { contactId: contact.id, articleId: article.id, quantity, unitNetPrice });
  }
  return contact;
}

async function company(kind: 'client' | 'prospect' | 'partner' | 'competitor' | 'supplier') {
  const made = await makeCompany(t.db);
  return t.db.company.update({ where: { id: made.id }, data: { kind } });
}

/** Closes a contact with an outcome, at a chosen instant. */
async function closeAt(contactId: number, ownerId: number, outcome: 'won' | 'lost' | 'cancelled' | null, closedAt: Date) {
  await closeContact(t.db, actorFor({ id: ownerId, role: 'member' }), { id: contactId, outcome });
  await t.db.contact.update({ where: { id: contactId }, data: { closedAt } });
}

/**
 * One owner's open pipeline. `now` is 2026-11-15 (window November 2026 – April 2027). The deadline
 * 2026-11-30T23:30Z is 1 December 00:30 in Warsaw but 30 November 18:30 in New York.
 */
async function seedPipeline() {
  const owner = await makeEmployee(t.db, { name: `Łucja Żółkiewska ${uid()}` });
  const [kindA, kindB] = [await makeKind(t.db, { defaultProbability: 30 }), await makeKind(t.db, { defaultProbability: 80 })];
  const [client, prospect, partner, supplier] = [await company('client'), await company('prospect'), await company('partner'), await company('supplier')];
  const make = async (spec: Parameters<typeof seedContact>[0] & { lines: Line[] }, probability: number) => {
    const contact = await seedContact(spec);
    return { id: contact.id, lines: spec.lines, probability, ...model(spec.lines, probability) } satisfies Seeded;
  };
  const base = { ownerId: owner.id };
  const c = {
    // 3 × 33.33 = 99.99; 1.5 × 10.01 = 15.015 → 15.02 (half away from zero); kind A's 30 %.
    dec: await make({ ...base, companyId: client.id, kindId: kindA.id, expectedCloseAt: '2026-12-10', lines: [['3', '33.33'], ['1.5', '10.01']] }, 30),
    // Its own 45 % beats kind B's 80 %; 2.5 × 0.99 = 2.475 → 2.48.
    boundary: await make({ ...base, companyId: client.id, kindId: kindB.id, probability: 45, dueAt: new Date('2026-11-30T23:30:00Z'), lines: [['2.5', '0.99'], ['1', '1000']] }, 45),
    // No kind, no probability: 0 %.
    overdue: await make({ ...base, companyId: prospect.id, dueAt: new Date('2026-10-05T09:00:00Z'), lines: [['1', '500']] }, 0),
    // 7 × 12.35 = 86.45 at 10 % = 8.645 → 8.65 (weighted rounds half away from zero too).
    undated: await make({ ...base, companyId: partner.id, probability: 10, lines: [['7', '12.35']] }, 10),
    // No lines: counted, worth 0.
    later: await make({ ...base, companyId: client.id, kindId: kindA.id, expectedCloseAt: '2027-06-01', lines: [] }, 30),
    // The expected close date wins over the (earlier) deadline; 0.05 at 30 % = 0.015 → 0.02.
    nov: await make({ ...base, companyId: supplier.id, kindId: kindA.id, expectedCloseAt: '2026-11-01', dueAt: new Date('2026-09-01T10:00:00Z'), lines: [['1', '0.05']] }, 30),
  };
  // Closed contacts are not forecast.
  const closed = await seedContact({ ...base, companyId: client.id, kindId: kindB.id, expectedCloseAt: '2026-12-01', lines: [['1', '999']] });
  await closeAt(closed.id, owner.id, 'won', new Date('2026-11-10T10:00:00Z'));
  return { owner, kindA, kindB, c };
}

const NOW = new Date('2026-11-15T12:00:00Z');
const plain = <T extends { count: number; value: bigint; weighted: bigint }>(r: T | undefined) => (r ? { count: r.count, value: r.value, weighted: r.weighted } : undefined);

describe('forecast figures', () => {
  it('values lines rounded per line, weights by the contact’s probability, else its kind’s, else 0 %', async () => {
    const { owner, kindA, kindB, c } = await seedPipeline();
    // Hand-computed, to pin the model itself: 99.99 + 15.02 = 115.01 at 30 % = 34.503 → 34.50.
    expect(c.dec).toMatchObject({ value: 11_501n, weighted: 3_450n });
    expect(c.boundary).toMatchObject({ value: 100_248n, weighted: 45_112n });
    expect(c.undated).toMatchObject({ value: 8_645n, weighted: 865n });
    expect(c.nov).toMatchObject({ value: 5n, weighted: 2n });

    const f = await getForecast(t.db, { now: NOW, timeZone: 'Europe/Warsaw', ownerId: owner.id });
    const all = Object.values(c);
    expect(f.total).toEqual(sum(all));
    expect(f.window).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04']);
    const bucket = (b: string, m: string | null = null) => plain(f.months.find((r) => r.bucket === b && r.month === m));
    expect(bucket('overdue')).toEqual(sum([c.overdue]));
    expect(bucket('month', '2026-11')).toEqual(sum([c.nov]));
    expect(bucket('month', '2026-12')).toEqual(sum([c.dec, c.boundary]));
    expect(bucket('month', '2027-01')).toEqual({ count: 0, value: 0n, weighted: 0n });
    expect(bucket('later')).toEqual(sum([c.later]));
    expect(bucket('undated')).toEqual(sum([c.undated]));
    expect(f.months).toHaveLength(9);

    expect(f.owners.map((r) => ({ ownerId: r.ownerId, name: r.name, ...plain(r) }))).toEqual([{ ownerId: owner.id, name: owner.name, ...sum(all) }]);
    const kind = (id: number | null) => plain(f.kinds.find((r) => r.kindId === id));
    expect(kind(kindA.id)).toEqual(sum([c.dec, c.later, c.nov]));
    expect(kind(kindB.id)).toEqual(sum([c.boundary]));
    expect(kind(null)).toEqual(sum([c.overdue, c.undated]));
    expect(f.kinds.find((r) => r.kindId === kindA.id)?.defaultProbability).toBe(30);
    const companyKind = (k: string) => plain(f.companyKinds.find((r) => r.companyKind === k));
    expect(f.companyKinds.map((r) => r.companyKind)).toEqual(['client', 'prospect', 'partner', 'competitor', 'supplier']);
    expect(companyKind('client')).toEqual(sum([c.dec, c.boundary, c.later]));
    expect(companyKind('prospect')).toEqual(sum([c.overdue]));
    expect(companyKind('competitor')).toEqual({ count: 0, value: 0n, weighted: 0n });

    // Each filter narrows every table.
    const onlyB = await getForecast(t.db, { now: NOW, timeZone: 'Europe/Warsaw', ownerId: owner.id, kindId: kindB.id });
    expect(onlyB.total).toEqual(sum([c.boundary]));
    const noKind = await getForecast(t.db, { now: NOW, timeZone: 'Europe/Warsaw', ownerId: owner.id, kindId: null, companyKind: 'partner' });
    expect(noKind.total).toEqual(sum([c.undated]));
  });

  it('buckets by month in the viewer’s time zone', async () => {
    const { owner, c } = await seedPipeline();
    // 2026-11-30T23:30Z: December in Warsaw, November in New York.
    const ny = await getForecast(t.db, { now: NOW, timeZone: 'America/New_York', ownerId: owner.id });
    expect(plain(ny.months.find((r) => r.month === '2026-11'))).toEqual(sum([c.nov, c.boundary]));
    expect(plain(ny.months.find((r) => r.month === '2026-12'))).toEqual(sum([c.dec]));

    // "Now" decides the window in the zone too: at 2026-11-30T23:30Z Warsaw is already in
    // December, so November's contacts are overdue there, but not in New York.
    const late = new Date('2026-11-30T23:30:00Z');
    const waw = await getForecast(t.db, { now: late, timeZone: 'Europe/Warsaw', ownerId: owner.id });
    expect(waw.window[0]).toBe('2026-12');
    expect(plain(waw.months.find((r) => r.bucket === 'overdue'))).toEqual(sum([c.overdue, c.nov]));
    expect(plain(waw.months.find((r) => r.month === '2026-12'))).toEqual(sum([c.dec, c.boundary]));
    const nyLate = await getForecast(t.db, { now: late, timeZone: 'America/New_York', ownerId: owner.id });
    expect(nyLate.window[0]).toBe('2026-11');
    expect(plain(nyLate.months.find((r) => r.bucket === 'overdue'))).toEqual(sum([c.overdue]));
    // 2027-06-01 is "later" from November (window to April) and still from December (to May).
    expect(plain(waw.months.find((r) => r.bucket === 'later'))).toEqual(sum([c.later]));
  });

  it('an empty pipeline has zero rows in every month and no owners', async () => {
    const owner = await makeEmployee(t.db);
    const f = await getForecast(t.db, { now: NOW, timeZone: 'Europe/Warsaw', ownerId: owner.id });
    expect(f.total).toEqual({ count: 0, value: 0n, weighted: 0n });
    expect(f.months.every((r) => r.count === 0 && r.value === 0n)).toBe(true);
    expect(f.owners).toEqual([]);
    await expect(getForecast(t.db, { now: NOW, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

/**
 * One owner's history. Period 2026-03-01 … 2026-04-30. A contact won at 2026-04-30T22:30Z closed on
 * 1 May in Warsaw (outside) but on 30 April in New York (inside).
 */
async function seedHistory() {
  const owner = await makeEmployee(t.db);
  const kind = await makeKind(t.db, { defaultProbability: 50 });
  const co = await company('client');
  const make = async (title: string, registeredAt: string, outcome: 'won' | 'lost' | 'cancelled' | null, closedAt: string, lines: Line[] = [], kindId: number | null = null) => {
    const contact = await seedContact({ ownerId: owner.id, companyId: co.id, kindId, registeredAt: new Date(registeredAt), lines, title: `${title} ${uid()}` });
    await closeAt(contact.id, owner.id, outcome, new Date(closedAt));
    return { id: contact.id, days: (Date.parse(closedAt) - Date.parse(registeredAt)) / 86_400_000, value: model(lines, 0).value };
  };
  const h = {
    won1: await make('won1', '2026-03-01T10:00:00Z', 'won', '2026-03-11T10:00:00Z', [['2', '100']]), // 10 days
    won2: await make('won2', '2026-03-05T00:00:00Z', 'won', '2026-04-04T12:00:00Z', [['0.125', '0.04'], ['3', '0.34']], kind.id), // 30.5 days; 0.005 → 0.01
    lost1: await make('lost1', '2026-02-01T00:00:00Z', 'lost', '2026-03-03T00:00:00Z', [['1', '50']]), // 30 days
    cancelled: await make('cancelled', '2026-03-01T00:00:00Z', 'cancelled', '2026-03-20T00:00:00Z'),
    noOutcome: await make('noOutcome', '2026-03-01T00:00:00Z', null, '2026-03-21T00:00:00Z'),
    wonBefore: await make('wonBefore', '2026-01-01T00:00:00Z', 'won', '2026-02-28T22:59:59Z'), // 23:59:59 on 28 Feb in Warsaw
    edge: await make('edge', '2026-04-20T00:00:00Z', 'won', '2026-04-30T22:30:00Z', [['1', '7.77']]),
  };
  return { owner, kind, h };
}

describe('win rates and cycle length', () => {
  it('counts won and lost closed in the period, leaves cancelled and no-outcome out', async () => {
    const { owner, kind, h } = await seedHistory();
    expect([h.won1.days, h.won2.days, h.lost1.days]).toEqual([10, 30.5, 30]);
    const w = await getWinRates(t.db, { from: '2026-03-01', to: '2026-04-30', timeZone: 'Europe/Warsaw', ownerId: owner.id });
    expect(w.total.won).toBe(2);
    expect(w.total.lost).toBe(1);
    expect(w.total.winRate).toBeCloseTo(2 / 3, 12);
    expect(w.total.avgDaysToClose).toBeCloseTo((10 + 30.5 + 30) / 3, 9);
    expect(w.byOwner).toHaveLength(1);
    expect(w.byOwner[0]).toMatchObject({ ownerId: owner.id, won: 2, lost: 1 });
    const byKind = (id: number | null) => w.byKind.find((r) => r.kindId === id);
    expect(byKind(kind.id)).toMatchObject({ won: 1, lost: 0, winRate: 1, name: kind.name });
    expect(byKind(kind.id)?.avgDaysToClose).toBeCloseTo(30.5, 9);
    expect(byKind(null)).toMatchObject({ won: 1, lost: 1, winRate: 0.5 });
    expect(byKind(null)?.avgDaysToClose).toBeCloseTo(20, 9);
    expect(w.months).toEqual(['2026-03', '2026-04']);
    expect(w.valueWonByMonth).toEqual([
      { month: '2026-03', won: 1, value: h.won1.value },
      { month: '2026-04', won: 1, value: h.won2.value },
    ]);
    expect([h.won1.value, h.won2.value]).toEqual([20_000n, 103n]);
  });

  it('reads the period and the months in the viewer’s time zone', async () => {
    const { owner, h } = await seedHistory();
    const ny = await getWinRates(t.db, { from: '2026-03-01', to: '2026-04-30', timeZone: 'America/New_York', ownerId: owner.id });
    // New York: the edge contact closed on 30 April (inside); wonBefore on 28 February (outside).
    expect(ny.total).toMatchObject({ won: 3, lost: 1 });
    expect(ny.valueWonByMonth.find((r) => r.month === '2026-04')).toEqual({ month: '2026-04', won: 2, value: h.won2.value + h.edge.value });
    // Warsaw, March to May: the edge contact is May's.
    const waw = await getWinRates(t.db, { from: '2026-03-01', to: '2026-05-31', timeZone: 'Europe/Warsaw', ownerId: owner.id });
    expect(waw.valueWonByMonth.find((r) => r.month === '2026-05')).toEqual({ month: '2026-05', won: 1, value: h.edge.value });
    const empty = await getWinRates(t.db, { from: '2025-01-01', to: '2025-01-31', timeZone: 'Europe/Warsaw', ownerId: owner.id });
    expect(empty.total).toEqual({ won: 0, lost: 0, winRate: null, avgDaysToClose: null });
    await expect(getWinRates(t.db, { from: '2026-05-01', to: '2026-04-01', timeZone: 'Europe/Warsaw' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

// ---- the page -------------------------------------------------------------------------------

const decode = (html: string) => html.replace(/&amp;/g, '&');
/** Contact ids of the list's result rows. */
function rowIds(html: string): number[] {
  const body = /<tbody id="results">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<a href="\/contacts\/(\d+)">/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
}
/** The href of the table cell in the row headed `rowLabel` of the table captioned `caption`, column `column` (0-based). */
function cellLink(html: string, caption: string, rowLabel: string, column = 0): string {
  const table = new RegExp(`<caption>${caption}</caption>([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (!table) throw new Error(`no table ${caption}`);
  const row = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].find((m) => m[1]!.includes(`<th scope="row">${rowLabel}</th>`))?.[1];
  if (!row) throw new Error(`no row ${rowLabel} in ${caption}`);
  const href = [...row.matchAll(/<td class="num"><a href="([^"]+)">/g)][column]?.[1];
  if (!href) throw new Error(`no link in ${rowLabel}`);
  return decode(href);
}
const ids = (...list: { id: number }[]) => list.map((x) => x.id).sort((a, b) => a - b);

async function signedIn(timeZone: string, locale: 'pl' | 'en'): Promise<PanelBrowser> {
  const b = await panelApp.browser({ locale });
  await t.db.employee.update({ where: { id: b.employee.id }, data: { timeZone } });
  return b;
}

/** An owner's pipeline around the real clock (the page uses it). */
async function seedAroundNow(timeZone: string) {
  const owner = await makeEmployee(t.db, { name: `Żaneta Ślęzak ${uid()}` });
  const kind = await makeKind(t.db, { defaultProbability: 40 });
  const co = await company('prospect');
  const next = addMonths(monthAt(new Date(), timeZone), 1);
  const base = { ownerId: owner.id, companyId: co.id };
  const inNext = [
    await seedContact({ ...base, kindId: kind.id, expectedCloseAt: `${next}-03`, lines: [['2', '1234.56']] }),
    await seedContact({ ...base, expectedCloseAt: `${next}-28`, probability: 75, lines: [['1', '99.99'], ['0.5', '0.01']] }),
  ];
  const overdue = await seedContact({ ...base, dueAt: new Date(Date.now() - 400 * 86_400_000), lines: [['1', '10']] });
  const undated = await seedContact({ ...base, kindId: kind.id, lines: [['1', '1']] });
  const won = await seedContact({ ...base, kindId: kind.id, registeredAt: new Date(Date.now() - 12 * 86_400_000), lines: [['1', '300']] });
  await closeAt(won.id, owner.id, 'won', new Date(Date.now() - 2 * 86_400_000));
  const lost = await seedContact({ ...base, registeredAt: new Date(Date.now() - 5 * 86_400_000) });
  await closeAt(lost.id, owner.id, 'lost', new Date(Date.now() - 86_400_000));
  return { owner, kind, next, inNext, overdue, undated, won, lost };
}

describe('forecast page', () => {
  it('needs a signed-in employee', async () => {
    const res = await panelApp.request('/forecast');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fforecast');
    const b = await signedIn('Europe/Warsaw', 'en');
    expect((await b.get('/forecast?format=csv&table=secrets')).status).toBe(404);
  });

  it('renders accessible charts with tables; each figure drills down to exactly the contacts it counts', async () => {
    const b = await signedIn('Europe/Warsaw', 'en');
    const s = await seedAroundNow('Europe/Warsaw');
    const res = await b.get(`/forecast?owner=${s.owner.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg viewBox="0 0 720 240" role="img" aria-labelledby="fc-months-title fc-months-desc"');
    expect(html).toContain('<caption>Forecast by expected close month</caption>');
    expect(html).not.toMatch(/<script(?![^>]*src=)/); // nothing inline for the CSP
    const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${s.next}-01T00:00:00Z`));
    const list = async (href: string) => rowIds(await (await b.get(href)).text());

    // Next month's value: the two contacts expected then, and the list shows exactly them.
    const nextHref = cellLink(html, 'Forecast by expected close month', monthLabel);
    expect(nextHref).toContain(`closeFrom=${s.next}&closeTo=${s.next}`);
    expect(await list(nextHref)).toEqual(ids(...s.inNext));
    // The weighted column links to the same contacts.
    expect(cellLink(html, 'Forecast by expected close month', monthLabel, 1)).toBe(nextHref);
    expect(await list(cellLink(html, 'Forecast by expected close month', 'Overdue'))).toEqual(ids(s.overdue));
    expect(await list(cellLink(html, 'Forecast by expected close month', 'Undated'))).toEqual(ids(s.undated));
    // An empty figure links nowhere ("later": nothing expected after the six months).
    expect(() => cellLink(html, 'Forecast by expected close month', 'Later')).toThrow('no link');
    expect(await list(cellLink(html, 'Forecast by contact kind', s.kind.name))).toEqual(ids(s.inNext[0]!, s.undated));
    expect(await list(cellLink(html, 'Forecast by contact kind', 'no kind'))).toEqual(ids(s.inNext[1]!, s.overdue));
    expect(await list(cellLink(html, 'Forecast by owner', s.owner.name))).toEqual(ids(...s.inNext, s.overdue, s.undated));
    expect(await list(cellLink(html, 'Forecast by company kind', 'prospect'))).toEqual(ids(...s.inNext, s.overdue, s.undated));

    // History: won and lost in the default period (the last twelve months), and the rate's contacts.
    expect(await list(cellLink(html, 'Won and lost by owner', s.owner.name, 0))).toEqual(ids(s.won));
    expect(await list(cellLink(html, 'Won and lost by owner', s.owner.name, 1))).toEqual(ids(s.lost));
    expect(await list(cellLink(html, 'Win rate and cycle length by owner', s.owner.name))).toEqual(ids(s.won, s.lost));
    expect(html).toMatch(/<th scope="row">Total<\/th><td class="num"><a href="[^"]+">50\.0%<\/a><\/td>/);

    // The drill-down list shows its extra filters in words and keeps them as hidden fields.
    const listHtml = await (await b.get(nextHref)).text();
    expect(listHtml).toContain('Drill-down from the dashboard:');
    expect(listHtml).toContain(`<input type="hidden" name="closeFrom" value="${s.next}"/>`);
  });

  it('speaks Polish', async () => {
    const b = await signedIn('Europe/Warsaw', 'pl');
    const s = await seedAroundNow('Europe/Warsaw');
    const html = await (await b.get(`/forecast?owner=${s.owner.id}`)).text();
    expect(html).toContain('<h1>Prognoza sprzedaży</h1>');
    expect(html).toContain('<caption>Prognoza według miesiąca zamknięcia</caption>');
    expect(html).toContain('Zaległe');
  });

  it('downloads every table as CSV, in UTF-8 and windows-1250, with the same figures', async () => {
    const b = await signedIn('Europe/Warsaw', 'pl');
    const s = await seedAroundNow('Europe/Warsaw');
    const f = await getForecast(t.db, { now: new Date(), timeZone: 'Europe/Warsaw', ownerId: s.owner.id });
    const csv = async (table: string, encoding: 'utf-8' | 'windows-1250') => {
      const res = await b.get(`/forecast?owner=${s.owner.id}&format=csv&table=${table}&encoding=${encoding}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`text/csv; charset=${encoding}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (encoding === 'utf-8') expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, 'win1250');
      return parse(text, { delimiter: ';', bom: true }) as string[][];
    };
    const pln = (grosze: bigint) => `${grosze / 100n},${String(grosze % 100n).padStart(2, '0')}`;
    // The model's figures for next month: 2 × 1234.56 at 40 % and 99.99 + 0.01 (0.005 → 0.01) at 75 %.
    const first = model([['2', '1234.56']], 40);
    const second = model([['1', '99.99'], ['0.5', '0.01']], 75);
    expect(second.value).toBe(10_000n);
    for (const encoding of ['utf-8', 'windows-1250'] as const) {
      const months = await csv('months', encoding);
      expect(months[0]).toEqual(['Miesiąc', 'Kontakty', 'Wartość (PLN)', 'Wartość ważona (PLN)']);
      expect(months.find((r) => r[0] === s.next)).toEqual([s.next, '2', pln(first.value + second.value), pln(first.weighted + second.weighted)]);
      expect(months.at(-1)).toEqual(['Razem', String(f.total.count), pln(f.total.value), pln(f.total.weighted)]);
      expect(months.find((r) => r[0] === 'Zaległe')?.[1]).toBe('1');
      const owners = await csv('owners', encoding);
      expect(owners[1]).toEqual([s.owner.name, '4', pln(f.total.value), pln(f.total.weighted)]);
      const wins = await csv('winByOwner', encoding);
      expect(wins[0]).toEqual(['Odpowiedzialny', 'Wygrane', 'Przegrane', 'Skuteczność (%)', 'Średnio dni do zamknięcia']);
      expect(wins[1]).toEqual([s.owner.name, '1', '1', '50,0', '7,0']);
      const wonByMonth = await csv('wonByMonth', encoding);
      expect(wonByMonth).toHaveLength(13);
      expect(wonByMonth.slice(1).reduce((total, r) => total + Number(r[2]!.replace(',', '.')), 0)).toBeCloseTo(300, 9);
    }
    for (const table of ['kinds', 'companyKinds', 'winByKind']) expect((await csv(table, 'windows-1250')).length).toBeGreaterThan(1);
  });
});

describe('contacts list drill-down filters', () => {
  it('filter by close month in the zone, undated, company kind, kind none, outcome and closed range, across keyset pages', async () => {
    const owner = await makeEmployee(t.db);
    const co = await company('competitor');
    const base = { ownerId: owner.id, companyId: co.id };
    const dec = [
      await seedContact({ ...base, expectedCloseAt: '2026-12-01' }),
      await seedContact({ ...base, dueAt: new Date('2026-11-30T23:30:00Z') }), // December in Warsaw only
      await seedContact({ ...base, expectedCloseAt: '2026-12-31' }),
    ];
    const undated = await seedContact({ ...base });
    const search = async (input: Parameters<typeof searchContacts>[1]) => {
      const found: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof searchContacts>> = await searchContacts(t.db, { ownerId: owner.id, sort: 'number', limit: 1, ...input, cursor });
        found.push(...page.contacts.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      return found.sort((a, b) => a - b);
    };
    expect(await search({ closeFrom: '2026-12-01', closeTo: '2026-12-31', timeZone: 'Europe/Warsaw' })).toEqual(ids(...dec));
    expect(await search({ closeFrom: '2026-12-01', closeTo: '2026-12-31', timeZone: 'America/New_York' })).toEqual(ids(dec[0]!, dec[2]!));
    expect(await search({ undated: true })).toEqual(ids(undated));
    expect(await search({ companyKind: 'competitor', kindId: null })).toEqual(ids(...dec, undated));
    expect(await search({ companyKind: 'client' })).toEqual([]);
    await closeAt(dec[0]!.id, owner.id, 'won', new Date('2026-11-30T23:30:00Z'));
    await closeAt(dec[2]!.id, owner.id, null, new Date('2026-11-29T10:00:00Z'));
    expect(await search({ outcome: 'won' })).toEqual(ids(dec[0]!));
    expect(await search({ outcome: ['won', 'none'], status: 'closed' })).toEqual(ids(dec[0]!, dec[2]!));
    expect(await search({ closedFrom: new Date('2026-11-30T00:00:00Z'), closedTo: new Date('2026-11-30T23:59:59.999Z') })).toEqual(ids(dec[0]!));

    // The same through the URL: whole days and months in the employee's zone; unknown values ignored.
    const b = await signedIn('Europe/Warsaw', 'en');
    const listIds = async (query: string) => rowIds(await (await b.get(`/contacts?owner=${owner.id}&${query}`)).text());
    expect(await listIds('closeFrom=2026-12&closeTo=2026-12')).toEqual(ids(...dec));
    expect(await listIds('status=closed&outcome=won&closedFrom=2026-12-01&closedTo=2026-12-01')).toEqual(ids(dec[0]!));
    expect(await listIds('closedFrom=2026-11-30&closedTo=2026-11-30')).toEqual([]);
    expect(await listIds('undated=1&kind=none&companyKind=competitor')).toEqual(ids(undated));
    expect(await listIds('closeFrom=2026-13&outcome=maybe&companyKind=alien')).toEqual(ids(...dec, undated));
  });
});
