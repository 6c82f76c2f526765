// Planning reminders against a real database. Every expected instant is written out by hand:
// Warsaw is CET (UTC+1) until Sunday 2027-03-28 01:00Z, CEST (UTC+2) after; New York is EST
// (UTC-5) until Sunday 2027-03-14 07:00Z, EDT (UTC-4) after. Default hours: Mon–Fri 08:00–17:00.
// Tests share the file's database and its single scan state: each one sets the scan position
// itself and looks only at its own employees and contacts.
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db.ts';
import { planReminders } from '../../src/domain/reminders/plan-reminders.ts';
import { makeKind } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { reminderContact, reminderEmployee, reminderTask, setScanPosition } from '../helpers/reminders.ts';

const t = useTestDb();

const employee = reminderEmployee;
const contact = reminderContact;
const task = reminderTask;
const scanFrom = (at: string) => setScanPosition(t.db, new Date(at));
const plan = (at: string) => planReminders(t.db, { now: new Date(at) });

/** The reminder log of some subjects/recipients, as comparable strings "rule occurrence deliverAt →recipient". */
async function log(where: { contactId?: number | { in: number[] }; itemId?: number; recipientId?: number | { in: number[] }; rule?: 'due_soon' | 'overdue' | 'escalation' | 'digest' | 'snooze_ended' }) {
  const rows = await t.db.reminderLog.findMany({ where, orderBy: [{ deliverAt: 'asc' }, { rule: 'asc' }, { recipientId: 'asc' }] });
  return rows.map((r) => `${r.rule} ${r.occurrence} ${r.deliverAt.toISOString()} →${r.recipientId}`);
}

describe('due soon', () => {
  it('warns 24 h and 1 h before a deadline inside working hours, then overdue when it passes', async () => {
    const owner = await employee(t.db);
    // Wednesday 2027-03-24 14:00 CET.
    const c = await contact(t.db, owner.id, '2027-03-24T13:00:00.000Z');
    await scanFrom('2027-03-23T12:00:00.000Z');
    await plan('2027-03-23T12:59:00.000Z');
    expect(await log({ contactId: c.id })).toEqual([]);
    await plan('2027-03-23T13:00:00.000Z');
    expect(await log({ contactId: c.id })).toEqual([`due_soon 24h 2027-03-23T13:00:00.000Z →${owner.id}`]);
    const [row] = await t.db.reminderLog.findMany({ where: { contactId: c.id } });
    expect(row).toMatchObject({ key: `due_soon|contact:${c.id}|2027-03-24T13:00:00.000Z|${owner.id}|24h`, status: 'planned', itemId: null });
    expect(row!.deadline!.toISOString()).toBe('2027-03-24T13:00:00.000Z');

    await plan('2027-03-24T12:00:00.000Z');
    await plan('2027-03-24T13:00:00.000Z');
    expect(await log({ contactId: c.id })).toEqual([
      `due_soon 24h 2027-03-23T13:00:00.000Z →${owner.id}`,
      `due_soon 1h 2027-03-24T12:00:00.000Z →${owner.id}`,
      `overdue 2027-03-24 2027-03-24T13:00:00.000Z →${owner.id}`,
    ]);
  });

  it('defers to Monday 08:00 across the weekend and the DST change; a 1 h warning at that moment replaces a deferred 24 h one', async () => {
    const owner = await employee(t.db);
    // Monday 2027-03-29 09:30 CEST: the 24 h warning falls on Sunday 09:30 → Monday 08:00 CEST = 06:00Z; 1 h at 08:30 CEST.
    const monday0930 = await contact(t.db, owner.id, '2027-03-29T07:30:00.000Z');
    // Monday 09:00 CEST: 24 h → Monday 08:00, but the 1 h warning is due at 08:00 too: only the 1 h.
    const monday0900 = await contact(t.db, owner.id, '2027-03-29T07:00:00.000Z');
    // Friday 2027-03-26 18:00 CET, after hours: overdue on Monday 08:00 CEST (not 07:00Z, Friday's offset).
    const friday1800 = await contact(t.db, owner.id, '2027-03-26T17:00:00.000Z');

    await scanFrom('2027-03-26T15:00:00.000Z');
    for (const at of ['2027-03-26T16:00:00.000Z', '2027-03-26T18:00:00.000Z', '2027-03-27T12:00:00.000Z', '2027-03-28T06:30:00.000Z', '2027-03-28T08:00:00.000Z', '2027-03-29T05:00:00.000Z', '2027-03-29T06:15:00.000Z', '2027-03-29T07:00:00.000Z']) {
      await plan(at);
    }
    expect(await log({ contactId: monday0930.id, rule: 'due_soon' })).toEqual([
      `due_soon 24h 2027-03-29T06:00:00.000Z →${owner.id}`,
      `due_soon 1h 2027-03-29T06:30:00.000Z →${owner.id}`,
    ]);
    expect(await log({ contactId: monday0900.id })).toEqual([
      `due_soon 1h 2027-03-29T06:00:00.000Z →${owner.id}`,
      `overdue 2027-03-29 2027-03-29T07:00:00.000Z →${owner.id}`,
    ]);
    // The deadline's own overdue and Monday morning's are the same reminder: one row.
    expect(await log({ contactId: friday1800.id })).toEqual([`overdue 2027-03-29 2027-03-29T06:00:00.000Z →${owner.id}`]);
  });

  it('skips a 1 h warning outside working hours, and a warning that would arrive after the deadline', async () => {
    const owner = await employee(t.db);
    // Tuesday 2027-03-23 07:30 CET: 1 h warning at 06:30 CET is outside hours; 24 h (Mon 07:30 CET) → Mon 08:00 CET.
    const early = await contact(t.db, owner.id, '2027-03-23T06:30:00.000Z');
    // Tuesday 17:30 CET: 1 h warning at 16:30 CET is inside hours.
    const late = await contact(t.db, owner.id, '2027-03-23T16:30:00.000Z');
    // Saturday 2027-03-27 12:00 CET: 24 h warning Friday 12:00 is fine; the 1 h on Saturday is skipped.
    const saturday = await contact(t.db, owner.id, '2027-03-27T11:00:00.000Z');
    // Saturday 18:00 CET: the 24 h warning (Friday 18:00, after hours) would only arrive on Monday: not planned.
    const saturdayEvening = await contact(t.db, owner.id, '2027-03-27T17:00:00.000Z');
    await scanFrom('2027-03-22T05:00:00.000Z');
    for (const at of ['2027-03-22T20:00:00.000Z', '2027-03-23T12:00:00.000Z', '2027-03-23T16:00:00.000Z', '2027-03-23T20:00:00.000Z', '2027-03-26T12:00:00.000Z', '2027-03-26T18:00:00.000Z', '2027-03-27T12:00:00.000Z', '2027-03-27T18:00:00.000Z']) {
      await plan(at);
    }
    expect(await log({ contactId: early.id, rule: 'due_soon' })).toEqual([`due_soon 24h 2027-03-22T07:00:00.000Z →${owner.id}`]);
    // 24 h: Monday 17:30 CET is after hours → Tuesday 08:00 CET; 1 h at 16:30 CET as it is.
    expect(await log({ contactId: late.id, rule: 'due_soon' })).toEqual([
      `due_soon 24h 2027-03-23T07:00:00.000Z →${owner.id}`,
      `due_soon 1h 2027-03-23T15:30:00.000Z →${owner.id}`,
    ]);
    expect(await log({ contactId: saturday.id, rule: 'due_soon' })).toEqual([`due_soon 24h 2027-03-26T11:00:00.000Z →${owner.id}`]);
    // Only the overdue, on Monday 08:00 CEST.
    expect(await log({ contactId: saturdayEvening.id })).toEqual([`overdue 2027-03-29 2027-03-29T06:00:00.000Z →${owner.id}`]);
  });
});

describe('time zones', () => {
  it('plans in the recipient’s zone: New York across its DST change', async () => {
    const owner = await employee(t.db, { timeZone: 'America/New_York' });
    // Monday 2027-03-15 10:00 EDT = 14:00Z. 24 h: Sunday → Monday 08:00 EDT = 12:00Z; 1 h: 09:00 EDT = 13:00Z.
    const c = await contact(t.db, owner.id, '2027-03-15T14:00:00.000Z');
    await scanFrom('2027-03-12T12:00:00.000Z');
    for (const at of ['2027-03-12T14:00:00.000Z', '2027-03-13T12:00:00.000Z', '2027-03-14T12:00:00.000Z', '2027-03-14T15:00:00.000Z', '2027-03-15T12:45:00.000Z', '2027-03-15T13:30:00.000Z']) {
      await plan(at);
    }
    expect(await log({ contactId: c.id })).toEqual([
      `due_soon 24h 2027-03-15T12:00:00.000Z →${owner.id}`,
      `due_soon 1h 2027-03-15T13:00:00.000Z →${owner.id}`,
    ]);
    // Digest at 08:30 local: Friday 08:30 EST = 13:30Z, none at the weekend, Monday 08:30 EDT = 12:30Z.
    expect(await log({ recipientId: owner.id, rule: 'digest' })).toEqual([
      `digest 2027-03-12 2027-03-12T13:30:00.000Z →${owner.id}`,
      `digest 2027-03-15 2027-03-15T12:30:00.000Z →${owner.id}`,
    ]);
  });
});

describe('overdue and escalation', () => {
  it('repeats each working morning and escalates to the manager after exactly 3 working days (not 2)', async () => {
    const manager = await employee(t.db, { timeZone: 'America/New_York' });
    const owner = await employee(t.db, { managerId: manager.id });
    const other = await employee(t.db);
    // Thursday 2027-04-01 10:00 CEST. Working mornings after it: Fri 04-02, Mon 04-05, Tue 04-06 (08:00 CEST = 06:00Z).
    const c = await contact(t.db, owner.id, '2027-04-01T08:00:00.000Z');
    const onOther = await contact(t.db, other.id, null);
    const overdueTask = await task(t.db, onOther.id, owner.id, '2027-04-01T08:00:00.000Z');

    await scanFrom('2027-04-01T07:00:00.000Z');
    for (const at of ['2027-04-01T08:30:00.000Z', '2027-04-02T06:30:00.000Z', '2027-04-05T06:30:00.000Z']) await plan(at);
    expect(await log({ contactId: c.id, rule: 'escalation' })).toEqual([]);
    expect(await log({ itemId: overdueTask.id, rule: 'escalation' })).toEqual([]);

    await plan('2027-04-06T06:30:00.000Z');
    expect(await log({ contactId: c.id, rule: { in: ['overdue', 'escalation'] } as never })).toEqual([
      `overdue 2027-04-01 2027-04-01T08:00:00.000Z →${owner.id}`,
      `overdue 2027-04-02 2027-04-02T06:00:00.000Z →${owner.id}`,
      `overdue 2027-04-05 2027-04-05T06:00:00.000Z →${owner.id}`,
      `overdue 2027-04-06 2027-04-06T06:00:00.000Z →${owner.id}`,
      // The manager's next working moment: Tuesday 08:00 EDT.
      `escalation 2027-04-06 2027-04-06T12:00:00.000Z →${manager.id}`,
    ]);
    expect(await log({ itemId: overdueTask.id })).toEqual([
      `overdue 2027-04-01 2027-04-01T08:00:00.000Z →${owner.id}`,
      `overdue 2027-04-02 2027-04-02T06:00:00.000Z →${owner.id}`,
      `overdue 2027-04-05 2027-04-05T06:00:00.000Z →${owner.id}`,
      `overdue 2027-04-06 2027-04-06T06:00:00.000Z →${owner.id}`,
      `escalation 2027-04-06 2027-04-06T12:00:00.000Z →${manager.id}`,
    ]);
    const [escalation] = await t.db.reminderLog.findMany({ where: { itemId: overdueTask.id, rule: 'escalation' } });
    expect(escalation).toMatchObject({ contactId: onOther.id, key: `escalation|task:${overdueTask.id}|2027-04-01T08:00:00.000Z|${manager.id}|2027-04-06` });
  });

  it('escalates to every active admin (not the owner) when there is no active manager; the weekend does not count', async () => {
    const gone = await employee(t.db);
    await t.db.employee.update({ where: { id: gone.id }, data: { active: false } });
    const owner = await employee(t.db, { managerId: gone.id, role: 'admin' });
    const admins = [await employee(t.db, { role: 'admin' }), await employee(t.db, { role: 'admin' })];
    const inactiveAdmin = await employee(t.db, { role: 'admin' });
    await t.db.employee.update({ where: { id: inactiveAdmin.id }, data: { active: false } });
    // Friday 2027-04-09 10:00 CEST. Mornings: Mon 04-12 (1), Tue 04-13 (2), Wed 04-14 (3).
    const c = await contact(t.db, owner.id, '2027-04-09T08:00:00.000Z');

    await scanFrom('2027-04-13T05:00:00.000Z');
    await plan('2027-04-13T06:30:00.000Z');
    expect(await log({ contactId: c.id, rule: 'escalation' })).toEqual([]);

    await scanFrom('2027-04-14T05:00:00.000Z');
    await plan('2027-04-14T06:30:00.000Z');
    const expected = await t.db.employee.findMany({ where: { role: 'admin', active: true, id: { not: owner.id } }, orderBy: { id: 'asc' } });
    expect(expected.map((e) => e.id)).toEqual(expect.arrayContaining(admins.map((a) => a.id)));
    expect(await log({ contactId: c.id, rule: 'escalation' })).toEqual(expected.map((a) => `escalation 2027-04-14 2027-04-14T06:00:00.000Z →${a.id}`));
  });
});

describe('digest', () => {
  it('is planned at 08:30 local on working days only, once per day; its own time and switch per employee', async () => {
    const e = await employee(t.db);
    const early = await employee(t.db, { reminderRules: { digest: { time: '07:00' } } });
    const off = await employee(t.db, { reminderRules: { digest: { enabled: false } } });
    await scanFrom('2027-04-16T04:00:00.000Z');
    for (const at of ['2027-04-16T07:00:00.000Z', '2027-04-16T07:00:30.000Z', '2027-04-17T07:00:00.000Z', '2027-04-18T07:00:00.000Z', '2027-04-19T07:00:00.000Z']) {
      await plan(at);
    }
    // Friday 2027-04-16 and Monday 2027-04-19, 08:30 CEST = 06:30Z.
    expect(await log({ recipientId: e.id, rule: 'digest' })).toEqual([
      `digest 2027-04-16 2027-04-16T06:30:00.000Z →${e.id}`,
      `digest 2027-04-19 2027-04-19T06:30:00.000Z →${e.id}`,
    ]);
    const [row] = await t.db.reminderLog.findMany({ where: { recipientId: e.id, rule: 'digest' }, orderBy: { deliverAt: 'asc' } });
    expect(row).toMatchObject({ key: `digest|employee:${e.id}||${e.id}|2027-04-16`, contactId: null, itemId: null, deadline: null });
    // 07:00 is before working hours: delivered at 08:00 CEST.
    expect(await log({ recipientId: early.id, rule: 'digest' })).toEqual([
      `digest 2027-04-16 2027-04-16T06:00:00.000Z →${early.id}`,
      `digest 2027-04-19 2027-04-19T06:00:00.000Z →${early.id}`,
    ]);
    expect(await log({ recipientId: off.id })).toEqual([]);
  });
});

describe('snooze', () => {
  it('plans nothing during a snooze, snooze_ended when it runs out (if due within 24 h or overdue), then the usual again', async () => {
    const owner = await employee(t.db);
    // Tuesday 2027-04-20 12:00 CEST, snoozed until 10:00 CEST: no 24 h warning (Monday 12:00), snooze_ended at 10:00, 1 h at 11:00.
    const c = await contact(t.db, owner.id, '2027-04-20T10:00:00.000Z');
    await t.db.contact.update({ where: { id: c.id }, data: { snoozedUntil: new Date('2027-04-20T08:00:00.000Z') } });
    // Due Friday: the snooze ends more than 24 h before it — nothing to say then.
    const far = await contact(t.db, owner.id, '2027-04-23T10:00:00.000Z');
    await t.db.contact.update({ where: { id: far.id }, data: { snoozedUntil: new Date('2027-04-20T08:00:00.000Z') } });
    // A task due Monday 12:00 CEST, snoozed until Tuesday 11:00 CEST: no overdue on Monday nor Tuesday morning.
    const onOther = await contact(t.db, owner.id, null);
    const snoozedTask = await task(t.db, onOther.id, owner.id, '2027-04-19T10:00:00.000Z');
    await t.db.item.update({ where: { id: snoozedTask.id }, data: { snoozedUntil: new Date('2027-04-20T09:00:00.000Z') } });

    await scanFrom('2027-04-19T08:30:00.000Z');
    for (const at of ['2027-04-19T11:00:00.000Z', '2027-04-20T06:30:00.000Z', '2027-04-20T08:30:00.000Z', '2027-04-20T09:30:00.000Z', '2027-04-21T06:30:00.000Z']) {
      await plan(at);
    }
    expect(await log({ contactId: c.id })).toEqual([
      `snooze_ended 2027-04-20T08:00:00.000Z 2027-04-20T08:00:00.000Z →${owner.id}`,
      `due_soon 1h 2027-04-20T09:00:00.000Z →${owner.id}`,
      `overdue 2027-04-20 2027-04-20T10:00:00.000Z →${owner.id}`,
      `overdue 2027-04-21 2027-04-21T06:00:00.000Z →${owner.id}`,
    ]);
    expect(await log({ itemId: snoozedTask.id })).toEqual([
      `snooze_ended 2027-04-20T09:00:00.000Z 2027-04-20T09:00:00.000Z →${owner.id}`,
      `overdue 2027-04-21 2027-04-21T06:00:00.000Z →${owner.id}`,
    ]);
    expect(await log({ contactId: far.id })).toEqual([]);
  });
});

describe('rules per kind and employee', () => {
  it('uses defaults ← kind ← employee, and a disabled rule plans nothing', async () => {
    const kind = await makeKind(t.db);
    await t.db.contactKind.update({ where: { id: kind.id }, data: { reminderRules: { dueSoon: { offsetsHours: [2] } } } });
    const plain = await employee(t.db);
    const noOverdue = await employee(t.db, { reminderRules: { overdue: { enabled: false } } });
    const threeHours = await employee(t.db, { reminderRules: { dueSoon: { offsetsHours: [3] } } });
    const quiet = await employee(t.db, { reminderRules: { dueSoon: { enabled: false }, overdue: { enabled: false } } });
    // Thursday 2027-04-22 14:00 CEST.
    const due = '2027-04-22T12:00:00.000Z';
    const ofKind = await contact(t.db, plain.id, due, { kindId: kind.id });
    const noKind = await contact(t.db, noOverdue.id, due);
    const employeeWins = await contact(t.db, threeHours.id, due, { kindId: kind.id });
    const silent = await contact(t.db, quiet.id, due, { kindId: kind.id });

    await scanFrom('2027-04-21T11:00:00.000Z');
    for (const at of ['2027-04-21T13:00:00.000Z', '2027-04-22T08:30:00.000Z', '2027-04-22T10:30:00.000Z', '2027-04-22T11:30:00.000Z', '2027-04-22T12:30:00.000Z']) {
      await plan(at);
    }
    expect(await log({ contactId: ofKind.id })).toEqual([
      `due_soon 2h 2027-04-22T10:00:00.000Z →${plain.id}`,
      `overdue 2027-04-22 2027-04-22T12:00:00.000Z →${plain.id}`,
    ]);
    expect(await log({ contactId: noKind.id })).toEqual([
      `due_soon 24h 2027-04-21T12:00:00.000Z →${noOverdue.id}`,
      `due_soon 1h 2027-04-22T11:00:00.000Z →${noOverdue.id}`,
    ]);
    expect(await log({ contactId: employeeWins.id })).toEqual([
      `due_soon 3h 2027-04-22T09:00:00.000Z →${threeHours.id}`,
      `overdue 2027-04-22 2027-04-22T12:00:00.000Z →${threeHours.id}`,
    ]);
    expect(await log({ contactId: silent.id })).toEqual([]);
  });
});

describe('windows and concurrency', () => {
  it('two concurrent planners (two clients) plan every reminder once', async () => {
    const owner = await employee(t.db);
    const contacts = [];
    // Thursday 2027-05-06 from 12:00 CEST, a minute apart: all 24 h triggers on Wednesday 12:00–12:29 CEST.
    for (let i = 0; i < 30; i++) contacts.push(await contact(t.db, owner.id, new Date(Date.parse('2027-05-06T10:00:00.000Z') + i * 60_000).toISOString()));
    const ids = contacts.map((c) => c.id);
    await scanFrom('2027-05-05T09:59:00.000Z');
    const [db1, db2] = [createDb(t.url, { max: 2 }), createDb(t.url, { max: 2 })];
    try {
      const now = new Date('2027-05-05T10:30:00.000Z');
      const results = await Promise.all([planReminders(db1, { now }), planReminders(db2, { now })]);
      expect(results.map((r) => r.planned).sort((a, b) => a - b).at(-1)).toBeGreaterThanOrEqual(30);
      const ours = await t.db.reminderLog.count({ where: { contactId: { in: ids } } });
      expect(ours).toBe(30);
      // The second found the window covered.
      expect(results.some((r) => r.considered === 0 && r.from.getTime() === now.getTime())).toBe(true);

      // Different clocks, racing again: still one row per reminder.
      const later = await Promise.all([
        planReminders(db1, { now: new Date('2027-05-05T10:31:00.000Z') }),
        planReminders(db2, { now: new Date('2027-05-05T10:30:30.000Z') }),
        planReminders(t.db, { now: new Date('2027-05-05T10:31:00.000Z') }),
      ]);
      // Whoever came second (or with an older clock) found nothing left to scan.
      expect(later.filter((r) => r.from < r.to).length).toBeLessThanOrEqual(2);
      expect(later.filter((r) => r.from >= r.to).length).toBeGreaterThanOrEqual(1);
      expect(await t.db.reminderLog.count({ where: { contactId: { in: ids } } })).toBe(30);
      const keys = await t.db.reminderLog.groupBy({ by: ['contactId', 'rule', 'occurrence'], where: { contactId: { in: ids } }, _count: true });
      expect(keys.every((k) => k._count === 1)).toBe(true);
    } finally {
      await Promise.all([db1.$disconnect(), db2.$disconnect()]);
    }
  });

  it('after a 3-hour gap plans what triggered in the gap, once; catches up at most a day', async () => {
    const owner = await employee(t.db);
    // Wednesday 2027-05-12; the planner is down 10:00–13:00 CEST (08:00Z–11:00Z).
    const soon = await contact(t.db, owner.id, '2027-05-12T11:30:00.000Z'); // 1 h warning at 10:30Z
    const passed = await contact(t.db, owner.id, '2027-05-12T09:30:00.000Z'); // due in the gap: overdue, no warning
    const tomorrow = await contact(t.db, owner.id, '2027-05-13T09:00:00.000Z'); // 24 h warning at 09:00Z
    const ids = [soon.id, passed.id, tomorrow.id];
    await scanFrom('2027-05-12T07:59:00.000Z');
    await plan('2027-05-12T08:00:00.000Z');
    expect(await log({ contactId: { in: ids } })).toEqual([]);

    const gap = await plan('2027-05-12T11:00:00.000Z');
    expect([gap.from.toISOString(), gap.to.toISOString()]).toEqual(['2027-05-12T08:00:00.000Z', '2027-05-12T11:00:00.000Z']);
    const planned = [
      `due_soon 24h 2027-05-12T09:00:00.000Z →${owner.id}`,
      `overdue 2027-05-12 2027-05-12T09:30:00.000Z →${owner.id}`,
      `due_soon 1h 2027-05-12T10:30:00.000Z →${owner.id}`,
    ];
    expect(await log({ contactId: { in: ids } })).toEqual(planned);
    await plan('2027-05-12T11:01:00.000Z');
    expect(await log({ contactId: { in: ids } })).toEqual(planned);

    // Down for 30 hours: only the last 24 are scanned.
    await scanFrom('2027-05-20T00:00:00.000Z');
    const long = await plan('2027-05-21T06:00:00.000Z');
    expect(long.from.toISOString()).toBe('2027-05-20T06:00:00.000Z');
  });
});

describe('the log without foreign keys', () => {
  it('loses the rows of a deleted task, contact or employee (delete triggers), and only theirs', async () => {
    const owner = await employee(t.db);
    const other = await employee(t.db);
    const kept = await contact(t.db, other.id, '2027-05-05T13:00:00.000Z');
    const c = await contact(t.db, owner.id, '2027-05-05T13:00:00.000Z');
    const gone = await contact(t.db, owner.id, '2027-05-05T13:00:00.000Z');
    const tk = await task(t.db, c.id, owner.id, '2027-05-05T13:00:00.000Z');
    await scanFrom('2027-05-04T12:00:00.000Z');
    await plan('2027-05-04T13:00:00.000Z'); // the 24 h warnings of all four
    const rows = async () => (await t.db.reminderLog.findMany({ where: { contactId: { in: [kept.id, c.id, gone.id] } }, orderBy: { id: 'asc' } }))
      .map((r) => `${r.contactId === kept.id ? 'kept' : r.contactId === gone.id ? 'gone' : r.itemId === tk.id ? 'task' : 'c'} →${r.recipientId === owner.id ? 'owner' : 'other'}`).sort();
    expect(await rows()).toEqual(['c →owner', 'gone →owner', 'kept →other', 'task →owner']);

    await t.db.item.delete({ where: { id: tk.id } });
    expect(await rows()).toEqual(['c →owner', 'gone →owner', 'kept →other']);
    await t.db.contact.delete({ where: { id: gone.id } });
    expect(await rows()).toEqual(['c →owner', 'kept →other']);
    await t.db.employee.delete({ where: { id: owner.id } }); // its contacts stay, without an owner
    expect(await rows()).toEqual(['kept →other']);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: c.id } })).ownerId).toBeNull();
  });
});
