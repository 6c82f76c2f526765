import { beforeAll, describe, expect, it } from 'vitest';
import { isValidNip } from '../../src/domain/companies/nip.ts';
import { verifyPassword } from '../../src/domain/employees/password.ts';
import { calendarParts } from '../../src/domain/numbering/next-number.ts';
import { foldText } from '../../src/domain/shared/fold-text.ts';
import { AppError } from '../../src/errors.ts';
import { isDatabaseEmpty, loadDemoData, planDemoData, type DemoDataResult } from '../../prisma/seed/demo-data.ts';
import { useTestDb } from '../helpers/db.ts';

const t = useTestDb();
const TIME_ZONE = 'Europe/Warsaw';
/** The demo is placed around this clock; everything it wrote must lie before it. */
const NOW = new Date();

const localDay = (at: Date) => {
  const { year, month, day } = calendarParts(at, TIME_ZONE);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

// Loading takes seconds, so the file loads once and every test reads the result without changing it.
let emptyBefore: boolean;
let result: DemoDataResult;
const log: string[] = [];

beforeAll(async () => {
  emptyBefore = await isDatabaseEmpty(t.db);
  result = await loadDemoData(t.db, { now: NOW, log: (msg) => log.push(msg) });
}, 180_000);

describe('loading the demo data', () => {
  it('fills an empty database, which is then no longer empty', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(t.db)).toBe(false);
    expect(log.at(-1)).toMatch(/loaded in/);
    // Every history entry got its planned time.
    expect(log.join('\n')).not.toMatch(/kept the load time/);
  });

  it('creates the expected amounts and reports them', async () => {
    const counts = {
      employees: await t.db.employee.count(),
      companies: await t.db.company.count(),
      people: await t.db.person.count(),
      articles: await t.db.article.count(),
      contacts: await t.db.contact.count(),
      items: await t.db.item.count(),
      documents: await t.db.document.count(),
    };
    expect(counts).toMatchObject({ employees: 5, companies: 40, articles: 30, contacts: 200 });
    expect(counts.people).toBeGreaterThanOrEqual(75);
    expect(counts.items).toBeGreaterThanOrEqual(1000);
    expect(counts.documents).toBeGreaterThanOrEqual(20);
    expect(result.counts).toMatchObject(counts);
    expect(await t.db.contactKind.findMany({ orderBy: { id: 'asc' }, select: { name: true, defaultProbability: true } })).toEqual([
      { name: 'Szansa sprzedaży', defaultProbability: 60 },
      { name: 'Sprawa dostawcy', defaultProbability: 50 },
      { name: 'Sprawa serwisowa', defaultProbability: 30 },
      { name: 'Reklamacja', defaultProbability: 20 },
    ]);
    expect(await t.db.paymentForm.findMany({ orderBy: { days: 'asc' }, select: { name: true, days: true } })).toEqual([
      { name: 'Gotówka', days: 0 },
      { name: 'Przelew 7 dni', days: 7 },
      { name: 'Przelew 14 dni', days: 14 },
      { name: 'Przelew 30 dni', days: 30 },
    ]);
  });

  it('refuses a database that is not empty, changing nothing', async () => {
    const before = await t.db.contact.count();
    const error = await loadDemoData(t.db, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect(await t.db.contact.count()).toBe(before);
    expect(await t.db.employee.count()).toBe(5);
  });

  it('forced onto a database that holds the demo, fails on the duplicates and writes nothing', async () => {
    const before = await t.db.employee.findUniqueOrThrow({ where: { email: 'admin@kontakt.demo' } });
    const error = await loadDemoData(t.db, { now: NOW, force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    // createAdmin had already reset the admin's password when the next employee failed: rolled back too.
    expect((await t.db.employee.findUniqueOrThrow({ where: { id: before.id } })).passwordHash).toBe(before.passwordHash);
    expect(await t.db.employee.count()).toBe(5);
    expect(await t.db.contact.count()).toBe(200);
  });
});

describe('the team', () => {
  it('lets the admin log in with the returned password', async () => {
    expect(result.admin.email).toBe('admin@kontakt.demo');
    const admin = await t.db.employee.findUniqueOrThrow({ where: { email: result.admin.email } });
    expect(admin).toMatchObject({ role: 'admin', active: true });
    expect(await verifyPassword(result.admin.password, admin.passwordHash!)).toBe(true);
    expect(await verifyPassword(`${result.admin.password}x`, admin.passwordHash!)).toBe(false);
  });

  it('has four members, three of them reporting to the fourth, with mixed locales, zones and Slack ids', async () => {
    const employees = await t.db.employee.findMany({ include: { reports: true } });
    const members = employees.filter((e) => e.role === 'member');
    expect(members).toHaveLength(4);
    const manager = members.find((m) => m.reports.length > 0)!;
    expect(manager.reports.map((r) => r.id).sort()).toEqual(members.filter((m) => m !== manager).map((m) => m.id).sort());
    expect(employees.filter((e) => e.locale === 'en')).toHaveLength(1);
    expect(employees.filter((e) => e.timeZone === 'Europe/London')).toHaveLength(1);
    expect(employees.filter((e) => e.timeZone === 'Europe/Warsaw')).toHaveLength(4);
    const withSlack = employees.filter((e) => e.slackUserId !== null).length;
    expect(withSlack).toBeGreaterThan(0);
    expect(withSlack).toBeLessThan(5);
    expect(employees.filter((e) => /[ąćęłńóśźż]/i.test(e.name)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('companies and people', () => {
  it('gives every company a valid NIP and Polish address data', async () => {
    const companies = await t.db.company.findMany();
    expect(companies.every((c) => c.nip !== null && isValidNip(c.nip))).toBe(true);
    expect(new Set(companies.map((c) => c.nip)).size).toBe(40);
    expect(companies.every((c) => /^\d{2}-\d{3}$/.test(c.postalCode ?? ''))).toBe(true);
    expect(companies.every((c) => /^\+48\d{9}$/.test(c.phone ?? ''))).toBe(true);
    expect(companies.every((c) => c.emailDomains.length > 0 && c.city && c.street)).toBe(true);
    const faxes = companies.filter((c) => c.fax !== null);
    expect(faxes.length).toBeGreaterThanOrEqual(3);
    expect(faxes.every((c) => /^\+48\d{9}$/.test(c.fax!))).toBe(true);
    expect(new Set(companies.map((c) => c.kind))).toEqual(new Set(['client', 'prospect', 'partner', 'competitor', 'supplier']));
    expect(companies.filter((c) => !c.active)).toHaveLength(1);
  });

  it('gives people Polish names, positions and e-mail addresses at their company', async () => {
    const people = await t.db.person.findMany({ include: { company: true } });
    expect(people.every((p) => p.email && p.company.emailDomains.includes(p.email.split('@')[1]!))).toBe(true);
    expect(people.every((p) => p.position && p.phone?.startsWith('+48'))).toBe(true);
    expect(people.filter((p) => /[ąćęłńóśźż]/i.test(p.name)).length).toBeGreaterThan(10);
    const companiesWithPeople = new Set(people.map((p) => p.companyId));
    expect(companiesWithPeople.size).toBe(40);
  });
});

describe('contacts', () => {
  it('covers every status, outcome and priority, open and closed', async () => {
    const groups = await t.db.contact.groupBy({ by: ['status', 'outcome', 'priority'], _count: { _all: true } });
    const has = (status: string, outcome: string | null, priority?: string) =>
      groups.some((g) => g.status === status && g.outcome === outcome && (!priority || g.priority === priority));
    for (const outcome of ['won', 'lost', 'cancelled']) expect(has('closed', outcome), outcome).toBe(true);
    expect(has('closed', null)).toBe(true);
    for (const priority of ['high', 'normal', 'low']) {
      expect(has('open', null, priority), `open ${priority}`).toBe(true);
      expect(groups.some((g) => g.status === 'closed' && g.priority === priority), `closed ${priority}`).toBe(true);
    }
    const open = await t.db.contact.findMany({ where: { status: 'open' } });
    expect(open.every((c) => c.closedAt === null && c.outcome === null)).toBe(true);
    expect(await t.db.contact.count({ where: { status: 'closed', OR: [{ closedAt: null }, { closedAt: { gt: NOW } }] } })).toBe(0);
  });

  it('has deadlines of every kind around now: overdue, today, this week, later, none; and snoozed ones', async () => {
    const open = await t.db.contact.findMany({ where: { status: 'open' } });
    const week = new Date(NOW.getTime() + 7 * 86_400_000);
    const overdue = open.filter((c) => c.dueAt && c.dueAt < NOW);
    const today = open.filter((c) => c.dueAt && c.dueAt >= NOW && localDay(c.dueAt) === localDay(NOW));
    expect(overdue.length).toBeGreaterThanOrEqual(10);
    expect(today.length).toBeGreaterThanOrEqual(1);
    expect(open.filter((c) => c.dueAt && c.dueAt > NOW && c.dueAt <= week).length).toBeGreaterThanOrEqual(5);
    expect(open.filter((c) => c.dueAt && c.dueAt > week).length).toBeGreaterThanOrEqual(5);
    expect(open.filter((c) => c.dueAt === null).length).toBeGreaterThanOrEqual(5);
    expect(open.filter((c) => c.snoozedUntil && c.snoozedUntil > NOW).length).toBeGreaterThanOrEqual(3);
    expect(open.filter((c) => c.ownerId === null).length).toBeGreaterThanOrEqual(1);
  });

  it('spreads registrations over last year and this year, none in the future', async () => {
    const contacts = await t.db.contact.findMany({ select: { registeredAt: true } });
    const years = new Set(contacts.map((c) => calendarParts(c.registeredAt, TIME_ZONE).year));
    const thisYear = calendarParts(NOW, TIME_ZONE).year;
    expect(years).toEqual(new Set([thisYear - 1, thisYear]));
    expect(contacts.every((c) => c.registeredAt <= NOW)).toBe(true);
  });

  it('numbers contacts gaplessly per year, in order of registration', async () => {
    const contacts = await t.db.contact.findMany({ orderBy: { registeredAt: 'asc' }, select: { number: true, registeredAt: true } });
    const byYear = new Map<number, number[]>();
    for (const c of contacts) {
      const m = /^K\/(\d{4})\/(\d{4})$/.exec(c.number)!;
      expect(Number(m[1])).toBe(calendarParts(c.registeredAt, TIME_ZONE).year);
      byYear.set(Number(m[1]), [...(byYear.get(Number(m[1])) ?? []), Number(m[2])]);
    }
    for (const numbers of byYear.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('uses every contact kind and fills forecasts, restrictions and search text through the domain', async () => {
    const contacts = await t.db.contact.findMany({ include: { company: true, person: true, kind: true } });
    expect(new Set(contacts.map((c) => c.kind?.name))).toEqual(new Set(['Szansa sprzedaży', 'Sprawa dostawcy', 'Sprawa serwisowa', 'Reklamacja', undefined]));
    expect(contacts.filter((c) => c.probability !== null && c.expectedCloseAt !== null).length).toBeGreaterThanOrEqual(10);
    expect(contacts.filter((c) => c.restrictToSalesLines).length).toBeGreaterThanOrEqual(5);
    for (const c of contacts) {
      expect(c.searchText.startsWith(foldText(c.number))).toBe(true);
      expect(c.searchText).toContain(foldText(c.company.name));
      if (c.person) expect(c.searchText).toContain(foldText(c.person.name));
    }
  });

  it('puts a priced sales subject on most sales opportunities', async () => {
    const sales = await t.db.contact.findMany({ where: { kind: { name: 'Szansa sprzedaży' } }, include: { salesLines: true } });
    const withLines = sales.filter((c) => c.salesLines.length > 0);
    expect(withLines.length / sales.length).toBeGreaterThan(0.6);
    expect(withLines.every((c) => c.salesLines.length <= 4)).toBe(true);
    const lines = withLines.flatMap((c) => c.salesLines);
    expect(lines.filter((l) => l.paymentFormId !== null).length / lines.length).toBeGreaterThan(0.7);
    expect(lines.every((l) => Number(l.unitNetPrice) > 0 && Number(l.quantity) > 0)).toBe(true);
    const articles = new Map((await t.db.article.findMany()).map((a) => [a.id, a]));
    expect(lines.some((l) => Number(l.unitNetPrice) < Number(articles.get(l.articleId)!.listNetPrice))).toBe(true);
  });
});

describe('timelines', () => {
  it('has notes of many kinds, tasks done and open (some overdue), documents and linked documents', async () => {
    const items = await t.db.item.findMany({ include: { contact: { select: { registeredAt: true } } } });
    const notes = items.filter((i) => i.type === 'note' && i.dueAt === null);
    const kinds = new Set(notes.map((n) => n.noteKind));
    for (const kind of ['telefon', 'e-mail', 'spotkanie', 'prezentacja', 'oferta', 'fax']) expect(kinds, kind).toContain(kind);
    const tasks = items.filter((i) => i.type === 'note' && i.dueAt !== null);
    expect(tasks.filter((i) => i.doneAt !== null).length).toBeGreaterThanOrEqual(20);
    expect(tasks.filter((i) => i.doneAt === null && i.dueAt! < NOW).length).toBeGreaterThanOrEqual(5);
    expect(tasks.filter((i) => i.doneAt === null && i.dueAt! > NOW).length).toBeGreaterThanOrEqual(5);
    expect(tasks.every((i) => i.assigneeId !== null)).toBe(true);
    expect(items.every((i) => i.occurredAt <= NOW && i.occurredAt >= i.contact.registeredAt)).toBe(true);
    expect(items.every((i) => i.doneAt === null || (i.doneAt <= NOW && i.doneAt >= i.occurredAt))).toBe(true);
    expect(new Set(items.map((i) => i.source))).toEqual(new Set(['panel', 'slack', 'email']));
  });

  it('issues invoices, goods-issue notes and orders with gapless monthly numbers, and links some elsewhere', async () => {
    const documents = await t.db.document.findMany({ include: { items: true }, orderBy: { number: 'asc' } });
    expect(new Set(documents.map((d) => d.kindCode))).toEqual(new Set(['invoice', 'goods_issue', 'customer_order']));
    const byScope = new Map<string, number[]>();
    for (const d of documents) {
      const m = /^(FV|WZ|ZK)\/(\d{4})\/(\d{2})\/(\d{4})$/.exec(d.number)!;
      expect(`${m[2]}-${m[3]}`).toBe(d.issueDate.toISOString().slice(0, 7));
      byScope.set(`${m[1]}:${m[2]}-${m[3]}`, [...(byScope.get(`${m[1]}:${m[2]}-${m[3]}`) ?? []), Number(m[4])]);
    }
    for (const numbers of byScope.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(documents.every((d) => d.contactId !== null && d.items.some((i) => i.contactId === d.contactId))).toBe(true);
    expect(documents.every((d) => Number(d.grossTotal) > Number(d.netTotal))).toBe(true);
    const linkedElsewhere = documents.flatMap((d) => d.items.filter((i) => i.contactId !== d.contactId));
    expect(linkedElsewhere.length).toBeGreaterThanOrEqual(1);
  });

  it('records a history of every kind of change, dated when it happened', async () => {
    const history = await t.db.historyEntry.findMany({ include: { contact: { select: { registeredAt: true } } } });
    const actions = new Set(history.map((h) => h.action));
    for (const action of [
      'created', 'updated', 'reassigned', 'closed', 'reopened', 'note added', 'task added', 'task done',
      'sales line added', 'sales line updated', 'document issued', 'document linked',
    ]) expect(actions, action).toContain(action);
    expect(new Set(history.map((h) => h.channel))).toEqual(new Set(['panel', 'slack', 'email']));
    expect(history.every((h) => h.at <= NOW && h.at >= h.contact.registeredAt)).toBe(true);
    // The closing time recorded in a closing's changes is the (backdated) time of the entry.
    for (const h of history.filter((e) => e.action === 'closed')) {
      const changes = h.changes as { field: string; new: unknown }[];
      expect(changes.find((c) => c.field === 'closedAt')!.new).toBe(h.at.toISOString());
    }
  });
});

describe('planning', () => {
  it('is deterministic: the same seed plans the same demo, another seed another one', () => {
    const at = new Date('2026-06-15T10:00:00Z');
    const a = planDemoData(2026, at, TIME_ZONE);
    const b = planDemoData(2026, at, TIME_ZONE);
    const c = planDemoData(7, at, TIME_ZONE);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
    expect(c.contacts).toHaveLength(200);
    expect(c.companies.every((company) => isValidNip(company.nip))).toBe(true);
  });
});
