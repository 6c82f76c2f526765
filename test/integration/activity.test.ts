// The salespeople's activity report (issue 7). One scenario of notes, tasks, contacts and
// documents around ISO week and month boundaries in Europe/Warsaw, on contacts of a kind of its
// own (so the kind filter isolates it from other tests' rows). Every expected figure is computed
// here from the scenario's own list with Intl and plain date arithmetic — not with the report's
// zone module or SQL — and compared with the report.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { getActivity, getActivitySummary, previousPeriodOf, type Activity, type ActivityBucket } from '../../src/domain/analytics/activity.ts';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { reopenContact } from '../../src/domain/contacts/reopen-contact.ts';
import { issueDocument } from '../../src/domain/documents/issue-document.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { editItem } from '../../src/domain/items/edit-item.ts';
import { systemActor, type Actor } from '../../src/domain/shared/actor.ts';
import { useTestDb } from '../helpers/db.ts';
import { usePanelApp } from '../helpers/panel.ts';
import { actorFor, makeArticle, makeCompany, makeEmployee, makeKind, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

const WARSAW = 'Europe/Warsaw';
/** The report's "now" in the scenario: Thursday of ISO week 48 of 2026. */
const NOW = new Date('2026-11-26T12:00:00Z');
/** Three ISO weeks: W47 (16–22 Nov), W48 (23–29 Nov), W49 (30 Nov – 6 Dec). */
const PERIOD = { from: '2026-11-16', to: '2026-12-06' };
/** Long before anything counted: contacts registered then are not "opened" in any period here. */
const LONG_AGO = new Date('2026-01-05T10:00:00Z');

// ---------------------------------------------------------------------------------------------
// The expected side: local dates with Intl, weeks and months with plain UTC-date arithmetic.

const localDate = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const mondayOf = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const bucketOf = (date: string, bucket: ActivityBucket) => (bucket === 'week' ? mondayOf(date) : `${date.slice(0, 7)}-01`);
/** 'previous', a bucket start, or null (outside both periods). */
function placeOf(date: string, period: { from: string; to: string }, previous: { from: string; to: string }, bucket: ActivityBucket) {
  if (date >= period.from && date <= period.to) return bucketOf(date, bucket);
  if (date >= previous.from && date <= previous.to) return 'previous';
  return null;
}

type Key = string;
const add = (map: Map<Key, number>, key: Key, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

// ---------------------------------------------------------------------------------------------
// The scenario

type NoteSpec = { who: 'A' | 'B' | null; kind: string | null; at: string; otherKind?: boolean };
type TaskSpec = { assignee: 'A' | 'B'; author: 'A' | 'B'; due: string; done: string | null };
type DocSpec = { who: 'A' | 'B'; kindCode: 'invoice' | 'goods_issue'; issueDate: string; quantity: string; price: string; vat: '23' | '8'; status: 'issued' | 'draft' | 'cancelled'; net: number; gross: number };

const NOTES: NoteSpec[] = [
  { who: 'A', kind: 'telefon', at: '2026-11-16T08:00:00Z' },
  { who: 'A', kind: 'telefon', at: '2026-11-18T10:00:00Z' },
  { who: 'A', kind: 'spotkanie', at: '2026-11-24T09:00:00Z' },
  { who: 'A', kind: null, at: '2026-11-25T12:00:00Z' },
  // Sunday 23:30 UTC is Monday 00:30 in Warsaw: the next ISO week (W49).
  { who: 'A', kind: 'telefon', at: '2026-11-29T23:30:00Z' },
  { who: 'A', kind: 'e-mail', at: '2026-12-06T22:59:00Z' }, // Sunday 23:59 local: still W49
  { who: 'A', kind: 'e-mail', at: '2026-12-06T23:00:00Z' }, // Monday 7 Dec local: after the period
  { who: 'A', kind: 'telefon', at: '2026-11-15T22:59:00Z' }, // Sunday 15 Nov 23:59 local: previous period
  { who: 'A', kind: 'telefon', at: '2026-11-15T23:00:00Z' }, // Monday 16 Nov 00:00 local: W47
  { who: 'A', kind: 'telefon', at: '2026-11-17T09:00:00Z', otherKind: true }, // another contact kind
  { who: 'B', kind: 'prezentacja', at: '2026-11-20T10:00:00Z' },
  { who: 'B', kind: 'e-mail', at: '2026-12-01T10:00:00Z' },
  { who: 'B', kind: 'telefon', at: '2026-11-02T10:00:00Z' },
  { who: 'B', kind: 'spotkanie', at: '2026-10-26T00:30:00Z' }, // Monday 26 Oct 01:30 local (CET): first day of the previous period
  { who: 'B', kind: 'telefon', at: '2026-10-25T22:59:00Z' }, // Sunday 25 Oct 23:59 local: before it
  { who: 'B', kind: 'telefon', at: '2026-10-31T23:30:00Z' }, // 1 Nov 00:30 local: November
  { who: null, kind: 'fax', at: '2026-11-19T10:00:00Z' }, // filed by the system: no one's
];

const TASKS: TaskSpec[] = [
  { assignee: 'B', author: 'A', due: '2026-11-17T10:00:00Z', done: '2026-11-17T09:00:00Z' }, // on time
  { assignee: 'B', author: 'A', due: '2026-11-17T10:00:00Z', done: '2026-11-17T10:00:00Z' }, // on time (done exactly when due)
  { assignee: 'B', author: 'A', due: '2026-11-18T10:00:00Z', done: '2026-11-19T10:00:00Z' }, // late
  { assignee: 'B', author: 'A', due: '2026-11-24T10:00:00Z', done: null }, // overdue at NOW
  { assignee: 'B', author: 'A', due: '2026-11-27T10:00:00Z', done: null }, // not yet due
  { assignee: 'B', author: 'B', due: '2026-11-29T23:30:00Z', done: null }, // W49 in Warsaw
  { assignee: 'B', author: 'A', due: '2026-11-10T10:00:00Z', done: '2026-11-12T10:00:00Z' }, // previous period, late
  { assignee: 'A', author: 'B', due: '2026-11-20T10:00:00Z', done: '2026-11-20T08:00:00Z' }, // A's, on time
];

// Net = quantity × price in grosze; VAT on the net, rounded half up; gross = net + VAT.
const DOCUMENTS: DocSpec[] = [
  { who: 'A', kindCode: 'invoice', issueDate: '2026-11-18', quantity: '2', price: '100.00', vat: '23', status: 'issued', net: 20000, gross: 24600 },
  { who: 'A', kindCode: 'invoice', issueDate: '2026-12-06', quantity: '1', price: '12.34', vat: '8', status: 'issued', net: 1234, gross: 1333 },
  { who: 'B', kindCode: 'goods_issue', issueDate: '2026-11-24', quantity: '3', price: '100.00', vat: '23', status: 'issued', net: 30000, gross: 36900 },
  { who: 'B', kindCode: 'invoice', issueDate: '2026-11-10', quantity: '1', price: '100.00', vat: '23', status: 'issued', net: 10000, gross: 12300 },
  { who: 'A', kindCode: 'invoice', issueDate: '2026-11-19', quantity: '5', price: '100.00', vat: '23', status: 'draft', net: 50000, gross: 61500 },
  { who: 'A', kindCode: 'invoice', issueDate: '2026-11-20', quantity: '7', price: '100.00', vat: '23', status: 'cancelled', net: 70000, gross: 86100 },
];

/** Contacts opened (registeredAt) and closed (closedAt, outcome) in and around the periods. */
type ContactSpec = { owner: 'A' | 'B'; registered: string; closed?: { at: string; outcome: 'won' | 'lost' | 'cancelled'; reopened?: boolean } };
const CONTACTS: ContactSpec[] = [
  { owner: 'A', registered: '2026-11-16T10:00:00Z', closed: { at: '2026-11-25T10:00:00Z', outcome: 'won' } },
  { owner: 'A', registered: '2026-11-29T23:30:00Z' }, // W49 in Warsaw
  { owner: 'B', registered: '2026-11-05T10:00:00Z', closed: { at: '2026-12-02T10:00:00Z', outcome: 'lost' } },
  { owner: 'B', registered: '2026-01-05T10:00:00Z', closed: { at: '2026-11-03T10:00:00Z', outcome: 'won' } }, // won in the previous period
  { owner: 'A', registered: '2026-01-05T10:00:00Z', closed: { at: '2026-11-17T10:00:00Z', outcome: 'cancelled' } }, // not counted
  { owner: 'B', registered: '2026-01-05T10:00:00Z', closed: { at: '2026-11-18T10:00:00Z', outcome: 'won', reopened: true } }, // open again
];

type Scenario = { A: { id: number; name: string }; B: { id: number; name: string }; kindId: number; otherKindId: number };

async function seedScenario(names: { A?: string; B?: string } = {}): Promise<Scenario> {
  const [A, B] = await Promise.all([makeEmployee(t.db, { name: names.A ?? `Łukasz Żółć ${uid()}` }), makeEmployee(t.db, { name: names.B ?? `Beata Kęska ${uid()}` })]);
  const [kind, otherKind, company, article8, article23] = await Promise.all([
    makeKind(t.db), makeKind(t.db), makeCompany(t.db), makeArticle(t.db, { vatRate: '8', listNetPrice: '12.34' }), makeArticle(t.db, { vatRate: '23', listNetPrice: '100.00' }),
  ]);
  const who = (w: 'A' | 'B') => (w === 'A' ? A : B);
  const actor = (w: 'A' | 'B' | null): Actor => (w ? actorFor(who(w)) : systemActor('email'));
  const contactOf = async (owner: 'A' | 'B', registeredAt: Date, kindId = kind.id) =>
    createContact(t.db, actor(owner), { companyId: company.id, title: `Activity ${uid()}`, ownerId: who(owner).id, kindId, registeredAt });
  const base = { A: await contactOf('A', LONG_AGO), B: await contactOf('B', LONG_AGO) };
  const otherKindContact = await contactOf('A', LONG_AGO, otherKind.id);

  for (const n of NOTES) {
    const contact = n.otherKind ? otherKindContact : base[n.who ?? 'A'];
    await addNote(t.db, actor(n.who), { contactId: contact.id, text: `Note ${uid()}`, noteKind: n.kind, occurredAt: n.at });
  }
  // Not notes: a file, a task (counted as a task), and the document items issued below.
  await t.db.item.create({ data: { contactId: base.A.id, type: 'file', occurredAt: new Date('2026-11-17T10:00:00Z'), authorId: A.id, text: 'scan.pdf' } });
  for (const task of TASKS) {
    const item = await addNote(t.db, actor(task.author), {
      contactId: base[task.author].id, text: `Task ${uid()}`, noteKind: 'telefon', occurredAt: '2026-11-16T07:00:00Z', dueAt: task.due, assigneeId: who(task.assignee).id,
    });
    if (task.done) {
      await editItem(t.db, actor(task.assignee), { id: item.id, done: true });
      await t.db.item.update({ where: { id: item.id }, data: { doneAt: new Date(task.done) } });
    }
  }
  for (const c of CONTACTS) {
    const contact = await contactOf(c.owner, new Date(c.registered));
    if (!c.closed) continue;
    await closeContact(t.db, actor(c.owner), { id: contact.id, outcome: c.closed.outcome });
    if (c.closed.reopened) await reopenContact(t.db, actor(c.owner), { id: contact.id });
    else await t.db.contact.update({ where: { id: contact.id }, data: { closedAt: new Date(c.closed.at) } });
  }
  for (const d of DOCUMENTS) {
    const document = await issueDocument(t.db, actor(d.who), {
      kindCode: d.kindCode, companyId: company.id, contactId: base[d.who].id, issueDate: d.issueDate, status: d.status === 'draft' ? 'draft' : 'issued',
      lines: [{ articleId: d.vat === '8' ? article8.id : article23.id, quantity: d.quantity, unitNetPrice: d.price }],
    });
    if (d.status === 'cancelled') await t.db.document.update({ where: { id: document.id }, data: { status: 'cancelled' } });
  }
  return { A, B, kindId: kind.id, otherKindId: otherKind.id };
}

let scenario: Promise<Scenario> | undefined;
/** The scenario is seeded once per file and only read by the tests. */
const seeded = () => (scenario ??= seedScenario());

// ---------------------------------------------------------------------------------------------
// The report's side, flattened to comparable maps.

const employeeKey = (s: Scenario, id: number | null) => (id === s.A.id ? 'A' : id === s.B.id ? 'B' : id === null ? 'none' : `other ${id}`);

function reportedNotes(s: Scenario, a: Activity) {
  const map = new Map<Key, number>();
  for (const c of a.cells) for (const [kind, n] of Object.entries(c.figures.notes)) add(map, `${employeeKey(s, c.employeeId)}|${c.bucket}|${kind}`, n);
  for (const e of a.byEmployee) for (const [kind, n] of Object.entries(e.previous.notes)) add(map, `${employeeKey(s, e.employeeId)}|previous|${kind}`, n);
  return map;
}

function expectedNotes(timeZone: string, bucket: ActivityBucket, period: { from: string; to: string }, previous: { from: string; to: string }, only?: 'A' | 'B') {
  const map = new Map<Key, number>();
  for (const n of NOTES) {
    if (n.otherKind || (only && n.who !== only)) continue;
    const place = placeOf(localDate(new Date(n.at), timeZone), period, previous, bucket);
    if (place) add(map, `${n.who ?? 'none'}|${place}|${n.kind ?? 'other'}`, 1);
  }
  return map;
}

const sorted = (map: Map<Key, number>) => [...map].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b));

describe('activity report', () => {
  it('counts notes by kind for their author in ISO weeks of the time zone; files, documents and tasks are not notes', async () => {
    const s = await seeded();
    const activity = await getActivity(t.db, { ...PERIOD, timeZone: WARSAW, bucket: 'week', kindId: s.kindId, now: NOW });
    expect(activity.buckets).toEqual([
      { start: '2026-11-16', label: '2026-W47' }, { start: '2026-11-23', label: '2026-W48' }, { start: '2026-11-30', label: '2026-W49' },
    ]);
    expect(activity.previousPeriod).toEqual({ from: '2026-10-26', to: '2026-11-15' });
    expect(sorted(reportedNotes(s, activity))).toEqual(sorted(expectedNotes(WARSAW, 'week', PERIOD, activity.previousPeriod)));
    // Spelled out: Sunday 2026-11-29T23:30Z is Monday 30 Nov in Warsaw, so A's W49 has that call.
    const aW49 = activity.cells.find((c) => c.employeeId === s.A.id && c.bucket === '2026-11-30');
    expect(aW49?.figures.notes).toEqual({ telefon: 1, 'e-mail': 1 });
    // A note without a kind is "other"; the fax filed by the system is no one's.
    expect(activity.cells.find((c) => c.employeeId === s.A.id && c.bucket === '2026-11-23')?.figures.notes).toEqual({ spotkanie: 1, other: 1 });
    expect(activity.byEmployee.find((e) => e.employeeId === null)?.figures.notes).toEqual({ fax: 1 });
    expect(activity.employees.map((e) => e.id)).toEqual([s.B.id, s.A.id, null]); // by name (B's sorts first), no one last
    // The team per bucket adds up the cells.
    const team = expectedNotes(WARSAW, 'week', PERIOD, activity.previousPeriod);
    const perBucket = (start: string) => sorted(new Map([...team].filter(([k]) => k.split('|')[1] === start).map(([k, n]) => [k.split('|')[2]!, n] as const).reduce((m, [k, n]) => add(m, k, n), new Map<Key, number>())));
    for (const b of activity.byBucket) expect(sorted(new Map(Object.entries(b.figures.notes))), b.bucket).toEqual(perBucket(b.bucket));
    expect(activity.total.notesTotal).toBe([...team].filter(([k]) => !k.includes('|previous|')).reduce((sum, [, n]) => sum + n, 0));
    expect(activity.noteKinds[0]).toBe('telefon');
  });

  it('puts the same instant in the other week under UTC, and months follow the zone too', async () => {
    const s = await seeded();
    const utc = await getActivity(t.db, { ...PERIOD, timeZone: 'UTC', bucket: 'week', kindId: s.kindId, now: NOW });
    expect(sorted(reportedNotes(s, utc))).toEqual(sorted(expectedNotes('UTC', 'week', PERIOD, utc.previousPeriod)));
    expect(utc.cells.find((c) => c.employeeId === s.A.id && c.bucket === '2026-11-23')?.figures.notes.telefon).toBe(1);

    // 2026-10-31T23:30Z is 1 November in Warsaw: B's call counts in November, against October.
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const months = await getActivity(t.db, { ...november, timeZone: WARSAW, bucket: 'month', kindId: s.kindId, now: NOW });
    expect(months.previousPeriod).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(months.buckets).toEqual([{ start: '2026-11-01', label: '2026-11' }]);
    expect(sorted(reportedNotes(s, months))).toEqual(sorted(expectedNotes(WARSAW, 'month', november, months.previousPeriod)));
    expect(months.byEmployee.find((e) => e.employeeId === s.B.id)?.previous.notes).toEqual({ spotkanie: 1, telefon: 1 });
  });

  it('counts tasks for their assignee in the bucket of the due date: planned, done on time, late, overdue', async () => {
    const s = await seeded();
    const activity = await getActivity(t.db, { ...PERIOD, timeZone: WARSAW, bucket: 'week', kindId: s.kindId, now: NOW });
    const expected = new Map<Key, number>();
    for (const task of TASKS) {
      const place = placeOf(localDate(new Date(task.due), WARSAW), PERIOD, activity.previousPeriod, 'week');
      if (!place) continue;
      const key = `${task.assignee}|${place}`;
      add(expected, `${key}|planned`);
      if (task.done && task.done <= task.due) add(expected, `${key}|onTime`);
      if (task.done && task.done > task.due) add(expected, `${key}|late`);
      if (!task.done && new Date(task.due) < NOW) add(expected, `${key}|overdue`);
    }
    const reported = new Map<Key, number>();
    const put = (prefix: string, f: Activity['total']) => {
      add(reported, `${prefix}|planned`, f.tasksPlanned);
      add(reported, `${prefix}|onTime`, f.tasksDoneOnTime);
      add(reported, `${prefix}|late`, f.tasksDoneLate);
      add(reported, `${prefix}|overdue`, f.tasksOverdue);
    };
    for (const c of activity.cells) put(`${employeeKey(s, c.employeeId)}|${c.bucket}`, c.figures);
    for (const e of activity.byEmployee) put(`${employeeKey(s, e.employeeId)}|previous`, e.previous);
    expect(sorted(reported)).toEqual(sorted(expected));
    // Spelled out for B in W48: two due, one overdue, one not yet due.
    expect(activity.cells.find((c) => c.employeeId === s.B.id && c.bucket === '2026-11-23')?.figures).toMatchObject({ tasksPlanned: 2, tasksDoneOnTime: 0, tasksDoneLate: 0, tasksOverdue: 1 });
    expect(activity.total).toMatchObject({ tasksPlanned: 7, tasksDoneOnTime: 3, tasksDoneLate: 1, tasksOverdue: 1 });
    expect(activity.previousTotal).toMatchObject({ tasksPlanned: 1, tasksDoneLate: 1 });
  });

  it('counts contacts opened and closed won or lost for the owner, and issued documents with their values in grosze', async () => {
    const s = await seeded();
    const activity = await getActivity(t.db, { ...PERIOD, timeZone: WARSAW, bucket: 'week', kindId: s.kindId, now: NOW });
    const expected = new Map<Key, number>();
    for (const c of CONTACTS) {
      const opened = placeOf(localDate(new Date(c.registered), WARSAW), PERIOD, activity.previousPeriod, 'week');
      if (opened) add(expected, `${c.owner}|${opened}|opened`);
      if (c.closed && !c.closed.reopened && c.closed.outcome !== 'cancelled') {
        const closed = placeOf(localDate(new Date(c.closed.at), WARSAW), PERIOD, activity.previousPeriod, 'week');
        if (closed) add(expected, `${c.owner}|${closed}|${c.closed.outcome}`);
      }
    }
    for (const d of DOCUMENTS) {
      const place = d.status === 'issued' ? placeOf(d.issueDate, PERIOD, activity.previousPeriod, 'week') : null;
      if (!place) continue;
      add(expected, `${d.who}|${place}|doc ${d.kindCode}`);
      add(expected, `${d.who}|${place}|net ${d.kindCode}`, d.net);
      add(expected, `${d.who}|${place}|gross ${d.kindCode}`, d.gross);
    }
    const reported = new Map<Key, number>();
    const put = (prefix: string, f: Activity['total']) => {
      add(reported, `${prefix}|opened`, f.contactsOpened);
      add(reported, `${prefix}|won`, f.contactsWon);
      add(reported, `${prefix}|lost`, f.contactsLost);
      for (const [code, d] of Object.entries(f.documents)) {
        add(reported, `${prefix}|doc ${code}`, d.count);
        add(reported, `${prefix}|net ${code}`, Number(d.netGrosze));
        add(reported, `${prefix}|gross ${code}`, Number(d.grossGrosze));
      }
    };
    for (const c of activity.cells) put(`${employeeKey(s, c.employeeId)}|${c.bucket}`, c.figures);
    for (const e of activity.byEmployee) put(`${employeeKey(s, e.employeeId)}|previous`, e.previous);
    expect(sorted(reported)).toEqual(sorted(expected));
    // Money stays in integer grosze (bigint), totals across kinds included.
    expect(activity.total).toMatchObject({ documentsIssued: 3, documentsNetGrosze: 51234n, documentsGrossGrosze: 62833n, contactsOpened: 2, contactsWon: 1, contactsLost: 1 });
    expect(activity.previousTotal).toMatchObject({ documentsIssued: 1, documentsNetGrosze: 10000n, contactsOpened: 1, contactsWon: 1 });
    expect(activity.documentKinds.map((k) => k.code)).toEqual(['goods_issue', 'invoice']);
  });

  it('compares with the previous period of the same length, whole months with whole months', async () => {
    expect(previousPeriodOf({ from: '2026-11-16', to: '2026-12-06' })).toEqual({ from: '2026-10-26', to: '2026-11-15' });
    expect(previousPeriodOf({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousPeriodOf({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriodOf({ from: '2026-06-01', to: '2026-11-30' })).toEqual({ from: '2025-12-01', to: '2026-05-31' });
    expect(previousPeriodOf({ from: '2026-11-10', to: '2026-11-10' })).toEqual({ from: '2026-11-09', to: '2026-11-09' });

    const s = await seeded();
    const activity = await getActivity(t.db, { ...PERIOD, timeZone: WARSAW, bucket: 'week', kindId: s.kindId, now: NOW });
    const previousNotes = [...expectedNotes(WARSAW, 'week', PERIOD, activity.previousPeriod)].filter(([k]) => k.includes('|previous|'));
    expect(activity.previousTotal.notesTotal).toBe(previousNotes.reduce((sum, [, n]) => sum + n, 0));
    expect(activity.previousTotal.notes).toEqual({ telefon: 3, spotkanie: 1 });

    // The chat summary: this week against last week, for one salesperson.
    const summary = await getActivitySummary(t.db, { employeeId: s.A.id, bucket: 'week', now: NOW, timeZone: WARSAW, kindId: s.kindId });
    expect(summary.current).toMatchObject({ from: '2026-11-23', to: '2026-11-29', label: '2026-W48' });
    expect(summary.previous).toMatchObject({ from: '2026-11-16', to: '2026-11-22', label: '2026-W47' });
    const expectedA = (start: string) => [...expectedNotes(WARSAW, 'week', PERIOD, previousPeriodOf(PERIOD), 'A')].filter(([k]) => k.split('|')[1] === start).reduce((sum, [, n]) => sum + n, 0);
    expect(summary.current.figures.notesTotal).toBe(expectedA('2026-11-23'));
    expect(summary.previous.figures.notesTotal).toBe(expectedA('2026-11-16'));
    expect(summary.current.figures.contactsWon).toBe(1);
    expect(summary.notesByKind).toContainEqual({ kind: 'telefon', current: 0, previous: 3 });
  });

  it('filters by employee and by contact kind', async () => {
    const s = await seeded();
    const onlyB = await getActivity(t.db, { ...PERIOD, timeZone: WARSAW, bucket: 'week', kindId: s.kindId, employeeId: s.B.id, now: NOW });
    expect(new Set(onlyB.cells.map((c) => c.employeeId))).toEqual(new Set([s.B.id]));
    expect(sorted(reportedNotes(s, onlyB))).toEqual(sorted(expectedNotes(WARSAW, 'week', PERIOD, onlyB.previousPeriod, 'B')));
    // A's note on a contact of the other kind shows under that kind only.
    const other = await getActivity(t.db, { ...PERIOD, timeZone: WARSAW, bucket: 'week', kindId: s.otherKindId, now: NOW });
    expect(other.cells.map((c) => [employeeKey(s, c.employeeId), c.bucket, c.figures.notes])).toEqual([['A', '2026-11-16', { telefon: 1 }]]);
    expect(other.total.tasksPlanned + other.total.documentsIssued + other.total.contactsOpened).toBe(0);
    // An employee with nothing still gets a (zero) row.
    const idle = await makeEmployee(t.db);
    const none = await getActivity(t.db, { ...PERIOD, timeZone: WARSAW, bucket: 'week', employeeId: idle.id, now: NOW });
    expect(none.cells).toEqual([]);
    expect(none.byEmployee).toHaveLength(1);
    expect(none.employees).toEqual([{ id: idle.id, name: idle.name }]);
  });

  it('refuses a period that ends before it starts, is too long or names no real date', async () => {
    const base = { timeZone: WARSAW, bucket: 'week' as const, now: NOW };
    await expect(getActivity(t.db, { ...base, from: '2026-11-10', to: '2026-11-09' })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { to: expect.any(String) } } });
    await expect(getActivity(t.db, { ...base, from: '2020-01-01', to: '2026-11-09' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(getActivity(t.db, { ...base, from: '2026-02-30', to: '2026-03-09' })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { from: expect.any(String) } } });
    await expect(getActivity(t.db, { ...base, from: '2026-11-01', to: '2026-11-09', timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(getActivity(t.db, { ...base, from: '2026-13-01', to: '2026-13-09' })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { from: 'no such date', to: 'no such date' } } });
  });
});

describe('activity page', () => {
  const query = (s: Scenario, extra: Record<string, string> = {}) => new URLSearchParams({ ...PERIOD, bucket: 'week', kind: String(s.kindId), ...extra }).toString();

  it('draws each chart as accessible SVG with its table beneath, in Polish and in English', async () => {
    const s = await seeded();
    const pl = await panelApp.browser();
    const res = await pl.get(`/activity?${query(s)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Aktywność handlowców');
    expect(html).toContain('Notatki według rodzaju');
    // Every chart: role img, labelled by its title and description, and a table with a caption.
    const charts = html.match(/<svg [^>]*role="img"[^>]*aria-labelledby="ac-[\w-]+-title ac-[\w-]+-desc"/g) ?? [];
    expect(charts).toHaveLength(5);
    expect(html.match(/<table class="chart-table"><caption>/g)).toHaveLength(5);
    expect(html.match(/<table class="chart-table" aria-labelledby="ac-heading-(summary|employees|detail)">/g)).toHaveLength(3);
    expect(html).toContain('2026-W49');
    expect(html).toContain(s.A.name);
    expect(html).not.toMatch(/<script(?![^>]*src=)/); // nothing inline for the CSP to refuse
    expect(html).not.toMatch(/ style=/);
    expect(html).toContain('format=csv');

    const en = await panelApp.browser({ locale: 'en' });
    const english = await (await en.get(`/activity?${query(s)}`)).text();
    expect(english).toContain("Salespeople&#39;s activity");
    expect(english).toContain('Tasks by due date');
    expect(english).toContain('Totals and the previous period');
  });

  it('shows the default period (8 ISO weeks) without a query, and only the report to htmx', async () => {
    const browser = await panelApp.browser({ locale: 'en' });
    const page = await (await browser.get('/activity')).text();
    expect(page).toMatch(/name="from" value="\d{4}-\d{2}-\d{2}"/);
    expect(page).toContain('<option value="week" selected');
    const s = await seeded();
    const partial = await browser.get(`/activity?${query(s)}`, { 'HX-Request': 'true' });
    const fragment = await partial.text();
    expect(fragment.startsWith('<div id="activity-report">')).toBe(true);
    expect(fragment).not.toContain('<html');
  });

  it('exports every table as CSV in UTF-8 (with a BOM) and windows-1250, with semicolons', async () => {
    const s = await seeded();
    const browser = await panelApp.browser();
    const utf8 = await browser.get(`/activity?${query(s, { format: 'csv', table: 'employees' })}`);
    expect(utf8.status).toBe(200);
    expect(utf8.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(utf8.headers.get('content-disposition')).toMatch(/attachment; filename="activity-employees-2026-11-16-2026-12-06\.csv"/);
    const bytes = Buffer.from(await utf8.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Handlowiec;Notatki;Zadania z terminem;Wykonane w terminie;/);
    const rowA = lines.find((l) => l.startsWith(s.A.name))!.split(';');
    const header = lines[0]!.split(';');
    const col = (name: string) => rowA[header.indexOf(name)];
    expect(col('Notatki')).toBe('7'); // A's notes in the period (see the first test)
    expect(col('Wartość netto')).toBe('212,34'); // grosze as a decimal with a Polish comma
    expect(col('Wystawione dokumenty')).toBe('2');

    const win = await browser.get(`/activity?${query(s, { format: 'csv', table: 'employees', encoding: 'windows-1250' })}`);
    expect(win.headers.get('content-type')).toBe('text/csv; charset=windows-1250');
    const raw = Buffer.from(await win.arrayBuffer());
    expect(raw[0]).not.toBe(0xef);
    expect(raw.includes(0xa3)).toBe(true); // "Ł" of Łukasz in windows-1250
    expect(iconv.decode(raw, 'win1250')).toBe(lines.join('\r\n'));

    // Every table of the page has its CSV.
    for (const table of ['summary', 'notes', 'employee-notes', 'tasks', 'contacts', 'documents', 'detail']) {
      const res = await browser.get(`/activity?${query(s, { format: 'csv', table })}`);
      expect(res.status, table).toBe(200);
    }
    const summary = Buffer.from(await (await browser.get(`/activity?${query(s, { format: 'csv', table: 'summary' })}`)).arrayBuffer()).subarray(3).toString('utf8');
    expect(summary).toContain('\r\nZadania z terminem;7;1;6;600\r\n');
  });

  it('keeps spreadsheet formulas out of the CSV', async () => {
    const s = await seedScenario({ A: `=HYPERLINK("http://evil.test") ${uid()}` });
    const browser = await panelApp.browser();
    const res = await browser.get(`/activity?${query(s, { format: 'csv', table: 'employees' })}`);
    const text = Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"") `);
  });

  it('sends the signed-out to sign in, refuses a bad period (422) and an unknown table (404)', async () => {
    const out = await panelApp.request('/activity');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?next=%2Factivity');
    expect((await panelApp.request('/activity?format=csv&table=summary')).status).toBe(303);

    const browser = await panelApp.browser({ locale: 'en' });
    const bad = await browser.get('/activity?from=2026-11-10&to=2026-11-01');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('the period ends before it starts');
    expect((await browser.get('/activity?format=csv&table=passwords', { Accept: 'text/html' })).status).toBe(404);
    expect((await browser.get('/activity?format=csv&table=summary&from=nonsense', { Accept: 'text/html' })).status).toBe(422);
    // Ids that are not ids are ignored, not passed to SQL.
    expect((await browser.get("/activity?employee=1%20OR%201=1&kind=-3")).status).toBe(200);
  });
});
