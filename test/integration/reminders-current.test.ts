// Sending time: currentReminder re-checks a planned reminder against current data; the record-*
// functions write what became of it. Expected instants are written out by hand (Warsaw: CEST =
// UTC+2 in summer, CET = UTC+1 in winter; default hours Mon–Fri 08:00–17:00). Tests share the
// file's database and its single scan state: each sets the scan position itself and looks only at
// its own employees and contacts.
import { describe, expect, it } from 'vitest';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { handover } from '../../src/domain/handover/handover.ts';
import { currentReminder } from '../../src/domain/reminders/current-reminder.ts';
import { dueReminderIds } from '../../src/domain/reminders/due-reminders.ts';
import { planReminders } from '../../src/domain/reminders/plan-reminders.ts';
import { markCancelled, markFailed, markSending, markSent, postpone } from '../../src/domain/reminders/record-reminder.ts';
import {
  getEffectiveReminderRules, getReminderRules, setEmployeeReminderRules, setKindReminderRules, setReminderRules,
} from '../../src/domain/reminders/reminder-settings.ts';
import { DEFAULT_REMINDER_RULES } from '../../src/domain/reminders/reminder-rules.ts';
import { systemActor } from '../../src/domain/shared/actor.ts';
import { isAppError } from '../../src/errors.ts';
import { actorFor, makeKind, uid } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { reminderContact, reminderEmployee, reminderTask, setScanPosition } from '../helpers/reminders.ts';

const t = useTestDb();

const employee = reminderEmployee;
const contact = reminderContact;
const task = reminderTask;
const scanFrom = (at: string) => setScanPosition(t.db, new Date(at));
const plan = (at: string) => planReminders(t.db, { now: new Date(at) });
const when = (iso: string) => new Date(iso);

/** Marks a row as changed at `at` on the test clock (the app writes the real time). */
async function touch(table: 'Contact' | 'Item', id: number, at: string) {
  if (table === 'Contact') await t.db.$executeRaw`UPDATE "Contact" SET "updatedAt" = ${new Date(at)} WHERE id = ${id}`;
  else await t.db.$executeRaw`UPDATE "Item" SET "updatedAt" = ${new Date(at)} WHERE id = ${id}`;
}

async function reminder(where: { contactId?: number; itemId?: number; recipientId?: number; rule?: 'due_soon' | 'overdue' | 'escalation' | 'digest' | 'snooze_ended'; occurrence?: string }) {
  const rows = await t.db.reminderLog.findMany({ where, orderBy: { id: 'asc' } });
  expect(rows, JSON.stringify(where)).toHaveLength(1);
  return rows[0]!;
}

describe('sending a reminder', () => {
  it('sends with current data, records it once, with a "reminder sent" history entry', async () => {
    const owner = await employee(t.db, { slackUserId: `U${uid().toUpperCase()}`, locale: 'en', reminderChannel: 'both' });
    // Wednesday 2027-06-02 14:00 CEST.
    const c = await contact(t.db, owner.id, '2027-06-02T12:00:00.000Z', { priority: 'high' });
    const company = await t.db.company.findUniqueOrThrow({ where: { id: c.companyId } });
    await scanFrom('2027-06-01T11:59:00.000Z');
    await plan('2027-06-01T12:00:00.000Z');
    const row = await reminder({ contactId: c.id, rule: 'due_soon' });

    const decision = await currentReminder(t.db, row.id, when('2027-06-01T12:00:30.000Z'));
    expect(decision).toEqual({
      action: 'send',
      message: {
        reminderId: row.id,
        rule: 'due_soon',
        recipient: { employeeId: owner.id, name: owner.name, email: owner.email, slackUserId: owner.slackUserId, locale: 'en', timeZone: 'Europe/Warsaw', channel: 'both' },
        occurrence: '24h',
        contact: { id: c.id, number: c.number, title: c.title, companyName: company.name, ownerName: owner.name, dueAt: when('2027-06-02T12:00:00.000Z'), priority: 'high' },
        task: null,
        deadline: when('2027-06-02T12:00:00.000Z'),
        escalation: null,
        digest: null,
        url: `/contacts/${c.id}`,
      },
    });

    expect(await markSending(t.db, row.id)).toEqual({ attempts: 1 });
    expect(await markSending(t.db, row.id)).toEqual({ attempts: 2 }); // a retry
    expect(await markSent(t.db, row.id, { channel: 'slack', messageRef: 'D123/1780000000.000100' }, when('2027-06-01T12:00:40.000Z'))).toBe(true);
    expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'sent', sentAt: when('2027-06-01T12:00:40.000Z'), channel: 'slack', messageRef: 'D123/1780000000.000100', attempts: 2, reason: null,
    });
    const history = await t.db.historyEntry.findMany({ where: { contactId: c.id, action: 'reminder sent' } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      actorId: null, channel: 'system', entity: 'contact', entityId: c.id,
      changes: [{ field: 'reminder', old: null, new: `due_soon to ${owner.name} via slack` }],
    });

    // Already sent: nothing more happens, whatever a late retry says.
    expect(await markSent(t.db, row.id, { channel: 'email', messageRef: 'x@y' })).toBe(false);
    expect(await markCancelled(t.db, row.id, 'late')).toBe(false);
    expect(await markFailed(t.db, row.id, new Error('late'))).toBe(false);
    expect(await markSending(t.db, row.id)).toBeNull();
    expect(await currentReminder(t.db, row.id, when('2027-06-01T12:01:00.000Z'))).toEqual({ action: 'cancel', reason: 'already sent' });
    expect(await t.db.historyEntry.count({ where: { contactId: c.id, action: 'reminder sent' } })).toBe(1);
    expect((await t.db.reminderLog.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
  });

  it('records the e-mail fallback and failures', async () => {
    const owner = await employee(t.db);
    const c = await contact(t.db, owner.id, '2027-06-02T13:00:00.000Z');
    await scanFrom('2027-06-01T12:59:00.000Z');
    await plan('2027-06-01T13:00:00.000Z');
    const row = await reminder({ contactId: c.id, rule: 'due_soon' });
    await markSending(t.db, row.id);
    await markSent(t.db, row.id, { channel: 'email', messageRef: 'abc@kontakt.test', fellBackFrom: { channel: 'slack', error: 'user_not_found' } });
    expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'sent', channel: 'email', reason: 'slack failed: user_not_found' });

    await plan('2027-06-02T12:00:00.000Z');
    const oneHour = await reminder({ contactId: c.id, occurrence: '1h' });
    expect(await markFailed(t.db, oneHour.id, new Error('SMTP 550'))).toBe(true);
    expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: oneHour.id } })).toMatchObject({ status: 'failed', reason: 'SMTP 550' });
    expect(await currentReminder(t.db, oneHour.id, when('2027-06-02T12:00:10.000Z'))).toEqual({ action: 'cancel', reason: 'already failed' });
  });
});

describe('current data only', () => {
  it('cancels a reminder of a contact closed since planning', async () => {
    const owner = await employee(t.db);
    const c = await contact(t.db, owner.id, '2027-06-02T14:00:00.000Z');
    await scanFrom('2027-06-01T13:59:00.000Z');
    await plan('2027-06-01T14:00:00.000Z');
    const row = await reminder({ contactId: c.id, rule: 'due_soon' });
    await closeContact(t.db, actorFor(owner), { id: c.id, outcome: 'won' });
    expect(await currentReminder(t.db, row.id, when('2027-06-01T14:00:10.000Z'))).toEqual({ action: 'cancel', reason: 'contact closed' });
    expect(await markCancelled(t.db, row.id, 'contact closed')).toBe(true);
    expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'cancelled', reason: 'contact closed' });
    expect(await t.db.historyEntry.count({ where: { contactId: c.id, action: 'reminder sent' } })).toBe(0);
  });

  it('cancels after a reschedule; the new deadline (in 30 minutes) gets a fresh 1 h warning at once', async () => {
    const owner = await employee(t.db);
    // Thursday 2027-06-03 14:00 CEST; the 24 h warning on Wednesday 14:00 CEST.
    const c = await contact(t.db, owner.id, '2027-06-03T12:00:00.000Z');
    await scanFrom('2027-06-02T11:59:00.000Z');
    await plan('2027-06-02T12:00:00.000Z');
    const old = await reminder({ contactId: c.id, rule: 'due_soon' });

    // Wednesday 16:00 CEST: moved to 16:30 CEST the same day.
    await t.db.contact.update({ where: { id: c.id }, data: { dueAt: when('2027-06-02T14:30:00.000Z') } });
    await touch('Contact', c.id, '2027-06-02T14:00:00.000Z');
    expect(await currentReminder(t.db, old.id, when('2027-06-02T14:00:10.000Z'))).toEqual({ action: 'cancel', reason: 'rescheduled' });

    // The planner ticked every minute until 16:00 CEST; the 1 h trigger (15:30 CEST) was already past.
    await scanFrom('2027-06-02T14:00:00.000Z');
    await plan('2027-06-02T14:01:00.000Z');
    const fresh = await reminder({ contactId: c.id, occurrence: '1h' });
    expect(fresh).toMatchObject({ rule: 'due_soon', recipientId: owner.id, deadline: when('2027-06-02T14:30:00.000Z'), deliverAt: when('2027-06-02T14:01:00.000Z') });
    const decision = await currentReminder(t.db, fresh.id, when('2027-06-02T14:01:05.000Z'));
    expect(decision.action).toBe('send');

    // Moved again, to next week: the 1 h warning for 16:30 is stale.
    await t.db.contact.update({ where: { id: c.id }, data: { dueAt: when('2027-06-09T12:00:00.000Z') } });
    expect(await currentReminder(t.db, fresh.id, when('2027-06-02T14:02:00.000Z'))).toEqual({ action: 'cancel', reason: 'rescheduled' });
  });

  it('after a handover cancels the old owner’s reminders; the new owner gets them from current data', async () => {
    const from = await employee(t.db);
    const to = await employee(t.db);
    // Friday 2027-06-04 12:00 CEST.
    const c = await contact(t.db, from.id, '2027-06-04T10:00:00.000Z');
    const onOther = await contact(t.db, from.id, null);
    const openTask = await task(t.db, onOther.id, from.id, '2027-06-04T10:00:00.000Z');
    await scanFrom('2027-06-03T09:59:00.000Z');
    await plan('2027-06-03T10:00:00.000Z');
    const oldContact = await reminder({ contactId: c.id, rule: 'due_soon' });
    const oldTask = await reminder({ itemId: openTask.id, rule: 'due_soon' });

    // Thursday 15:00 CEST.
    await handover(t.db, systemActor(), { fromEmployeeId: from.id, toEmployeeId: to.id });
    await touch('Contact', c.id, '2027-06-03T13:00:00.000Z');
    await touch('Item', openTask.id, '2027-06-03T13:00:00.000Z');
    expect(await currentReminder(t.db, oldContact.id, when('2027-06-03T13:00:10.000Z'))).toEqual({ action: 'cancel', reason: 'handed over' });
    expect(await currentReminder(t.db, oldTask.id, when('2027-06-03T13:00:10.000Z'))).toEqual({ action: 'cancel', reason: 'handed over' });

    await plan('2027-06-03T13:01:00.000Z');
    await plan('2027-06-04T09:00:00.000Z');
    const byRecipient = async (where: { contactId?: number; itemId?: number }) =>
      (await t.db.reminderLog.findMany({ where: { ...where, rule: 'due_soon' }, orderBy: { id: 'asc' } })).map((r) => `${r.recipientId} ${r.occurrence} ${r.deliverAt.toISOString()}`);
    expect(await byRecipient({ contactId: c.id, itemId: null as never })).toEqual([
      `${from.id} 24h 2027-06-03T10:00:00.000Z`,
      `${to.id} 24h 2027-06-03T13:01:00.000Z`,
      `${to.id} 1h 2027-06-04T09:00:00.000Z`,
    ]);
    expect(await byRecipient({ itemId: openTask.id })).toEqual([
      `${from.id} 24h 2027-06-03T10:00:00.000Z`,
      `${to.id} 24h 2027-06-03T13:01:00.000Z`,
      `${to.id} 1h 2027-06-04T09:00:00.000Z`,
    ]);
    const forNewOwner = await reminder({ itemId: openTask.id, recipientId: to.id, occurrence: '1h' });
    const decision = await currentReminder(t.db, forNewOwner.id, when('2027-06-04T09:00:05.000Z'));
    expect(decision.action === 'send' && decision.message.task).toEqual({ id: openTask.id, text: openTask.text, dueAt: when('2027-06-04T10:00:00.000Z') });
  });

  it('cancels a done task’s reminder', async () => {
    const owner = await employee(t.db);
    const c = await contact(t.db, owner.id, null);
    const openTask = await task(t.db, c.id, owner.id, '2027-06-08T10:00:00.000Z');
    await scanFrom('2027-06-07T09:59:00.000Z');
    await plan('2027-06-07T10:00:00.000Z');
    const row = await reminder({ itemId: openTask.id });
    await t.db.item.update({ where: { id: openTask.id }, data: { doneAt: when('2027-06-07T10:00:05.000Z') } });
    expect(await currentReminder(t.db, row.id, when('2027-06-07T10:00:10.000Z'))).toEqual({ action: 'cancel', reason: 'task done' });
  });

  it('snoozed now: dropped when the snooze’s end will speak up, else later (moved into working hours)', async () => {
    const owner = await employee(t.db);
    const noSnoozeEnded = await employee(t.db, { reminderRules: { snoozeEnded: { enabled: false } } });
    // Friday 2027-06-11 16:00 CEST; 24 h warnings on Thursday 16:00 CEST.
    const a = await contact(t.db, owner.id, '2027-06-11T14:00:00.000Z');
    const b = await contact(t.db, noSnoozeEnded.id, '2027-06-11T14:00:00.000Z');
    await scanFrom('2027-06-10T13:59:00.000Z');
    await plan('2027-06-10T14:00:00.000Z');
    const rowA = await reminder({ contactId: a.id });
    const rowB = await reminder({ contactId: b.id });
    // Snoozed until Friday 18:00 CEST.
    await t.db.contact.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { snoozedUntil: when('2027-06-11T16:00:00.000Z') } });
    expect(await currentReminder(t.db, rowA.id, when('2027-06-10T14:00:10.000Z'))).toEqual({ action: 'cancel', reason: 'snoozed' });
    // Friday 18:00 CEST is after hours: Monday 2027-06-14 08:00 CEST.
    const later = await currentReminder(t.db, rowB.id, when('2027-06-10T14:00:10.000Z'));
    expect(later).toEqual({ action: 'later', until: when('2027-06-14T06:00:00.000Z') });
    expect(await postpone(t.db, rowB.id, when('2027-06-14T06:00:00.000Z'))).toBe(true);
    expect(await t.db.reminderLog.findUniqueOrThrow({ where: { id: rowB.id } })).toMatchObject({ status: 'planned', deliverAt: when('2027-06-14T06:00:00.000Z') });
  });

  it('keeps humane hours at sending time: a late 24 h waits for the morning, a late 1 h is dropped, none after the deadline', async () => {
    const owner = await employee(t.db);
    // Wednesday 2027-06-16 17:30 CEST: 24 h on Tuesday 17:30 (after hours → Wednesday 08:00), 1 h at 16:30 CEST.
    const c = await contact(t.db, owner.id, '2027-06-16T15:30:00.000Z');
    await scanFrom('2027-06-15T15:29:00.000Z');
    await plan('2027-06-15T15:30:00.000Z');
    await plan('2027-06-16T14:30:00.000Z');
    const day = await reminder({ contactId: c.id, occurrence: '24h' });
    const hour = await reminder({ contactId: c.id, occurrence: '1h' });
    expect(day.deliverAt).toEqual(when('2027-06-16T06:00:00.000Z'));
    // A worker that was down picks the 24 h up at 05:00 CEST: later, at 08:00 CEST.
    expect(await currentReminder(t.db, day.id, when('2027-06-16T03:00:00.000Z'))).toEqual({ action: 'later', until: when('2027-06-16T06:00:00.000Z') });
    // … and the 1 h at 17:05 CEST, after hours but before the deadline: dropped.
    expect(await currentReminder(t.db, hour.id, when('2027-06-16T15:05:00.000Z'))).toEqual({ action: 'cancel', reason: 'outside working hours' });
    // After the deadline a warning is stale.
    expect(await currentReminder(t.db, hour.id, when('2027-06-16T15:31:00.000Z'))).toEqual({ action: 'cancel', reason: 'deadline passed' });
    expect((await currentReminder(t.db, hour.id, when('2027-06-16T14:30:05.000Z'))).action).toBe('send');
  });

  it('cancels for an inactive recipient and for a disabled rule', async () => {
    const owner = await employee(t.db);
    const other = await employee(t.db);
    const a = await contact(t.db, owner.id, '2027-06-17T10:00:00.000Z');
    const b = await contact(t.db, other.id, '2027-06-17T10:00:00.000Z');
    await scanFrom('2027-06-16T09:59:00.000Z');
    await plan('2027-06-16T10:00:00.000Z');
    await t.db.employee.update({ where: { id: owner.id }, data: { active: false } });
    await t.db.employee.update({ where: { id: other.id }, data: { reminderRules: { dueSoon: { enabled: false } } } });
    expect(await currentReminder(t.db, (await reminder({ contactId: a.id })).id, when('2027-06-16T10:00:05.000Z'))).toEqual({ action: 'cancel', reason: 'recipient inactive' });
    expect(await currentReminder(t.db, (await reminder({ contactId: b.id })).id, when('2027-06-16T10:00:05.000Z'))).toEqual({ action: 'cancel', reason: 'rule disabled' });
  });
});

describe('escalation and digest', () => {
  it('an escalation says whose it is and for how many working days; cancelled when the manager changes', async () => {
    const manager = await employee(t.db);
    const owner = await employee(t.db, { managerId: manager.id });
    // Thursday 2027-06-10 10:00 CEST. Mornings: Fri 06-11, Mon 06-14, Tue 06-15 → escalated on Tuesday.
    const c = await contact(t.db, owner.id, '2027-06-10T08:00:00.000Z');
    await scanFrom('2027-06-15T05:00:00.000Z');
    await plan('2027-06-15T06:30:00.000Z');
    const row = await reminder({ contactId: c.id, rule: 'escalation' });
    expect(row).toMatchObject({ recipientId: manager.id, occurrence: '2027-06-15', deliverAt: when('2027-06-15T06:00:00.000Z') });
    const decision = await currentReminder(t.db, row.id, when('2027-06-15T06:31:00.000Z'));
    expect(decision.action === 'send' && decision.message).toMatchObject({
      rule: 'escalation', recipient: { employeeId: manager.id }, escalation: { ownerName: owner.name, workingDaysOverdue: 3 }, contact: { id: c.id, ownerName: owner.name },
    });
    const newManager = await employee(t.db);
    await t.db.employee.update({ where: { id: owner.id }, data: { managerId: newManager.id } });
    expect(await currentReminder(t.db, row.id, when('2027-06-15T06:32:00.000Z'))).toEqual({ action: 'cancel', reason: 'escalation recipient changed' });
  });

  it('a digest lists open high-priority contacts (admins: also unassigned), soonest first; nothing to say → cancelled', async () => {
    const member = await employee(t.db);
    const admin = await employee(t.db, { role: 'admin' });
    const idle = await employee(t.db);
    const later = await contact(t.db, member.id, '2027-06-30T10:00:00.000Z', { priority: 'high' });
    const sooner = await contact(t.db, member.id, '2027-06-25T10:00:00.000Z', { priority: 'high' });
    const noDeadline = await contact(t.db, member.id, null, { priority: 'high' });
    await contact(t.db, member.id, '2027-06-22T10:00:00.000Z', { priority: 'normal' });
    const closed = await contact(t.db, member.id, '2027-06-22T10:00:00.000Z', { priority: 'high' });
    await closeContact(t.db, systemActor(), { id: closed.id });
    const snoozed = await contact(t.db, member.id, '2027-06-22T10:00:00.000Z', { priority: 'high' });
    await t.db.contact.update({ where: { id: snoozed.id }, data: { snoozedUntil: when('2027-06-23T10:00:00.000Z') } });
    const adminsOwn = await contact(t.db, admin.id, '2027-06-28T10:00:00.000Z', { priority: 'high' });
    const unassigned = await contact(t.db, null, '2027-06-24T10:00:00.000Z', { priority: 'high' });

    // Monday 2027-06-21 08:30 CEST = 06:30Z.
    await scanFrom('2027-06-21T06:00:00.000Z');
    await plan('2027-06-21T06:45:00.000Z');
    const now = when('2027-06-21T06:46:00.000Z');
    const forMember = await currentReminder(t.db, (await reminder({ recipientId: member.id, rule: 'digest' })).id, now);
    expect(forMember.action === 'send' && forMember.message.digest?.map((d) => d.id)).toEqual([sooner.id, later.id, noDeadline.id]);
    expect(forMember.action === 'send' && forMember.message).toMatchObject({ rule: 'digest', occurrence: '2027-06-21', contact: null, deadline: null, url: '/contacts?view=high&owner=me' });

    const forAdmin = await currentReminder(t.db, (await reminder({ recipientId: admin.id, rule: 'digest' })).id, now);
    expect(forAdmin.action === 'send' && forAdmin.message.digest?.map((d) => d.id)).toEqual([unassigned.id, adminsOwn.id]);
    expect(forAdmin.action === 'send' && forAdmin.message.digest?.[0]).toMatchObject({ ownerName: null, priority: 'high' });
    expect(forAdmin.action === 'send' && forAdmin.message.url).toBe('/contacts?view=high');

    expect(await currentReminder(t.db, (await reminder({ recipientId: idle.id, rule: 'digest' })).id, now)).toEqual({ action: 'cancel', reason: 'nothing to say' });
    await closeContact(t.db, systemActor(), { id: unassigned.id });
  });
});

describe('due reminders', () => {
  it('lists planned reminders due now, oldest first, up to the limit', async () => {
    const owner = await employee(t.db);
    // Tuesday 2026-12-15 13:00 and 14:00 CET: 24 h warnings Monday 12:00Z and 13:00Z.
    const first = await contact(t.db, owner.id, '2026-12-15T12:00:00.000Z');
    const second = await contact(t.db, owner.id, '2026-12-15T13:00:00.000Z');
    const third = await contact(t.db, owner.id, '2026-12-15T12:30:00.000Z');
    await scanFrom('2026-12-14T11:59:00.000Z');
    await plan('2026-12-14T13:00:00.000Z');
    const [r1, r2, r3] = [await reminder({ contactId: first.id }), await reminder({ contactId: second.id }), await reminder({ contactId: third.id })];
    await markCancelled(t.db, r3.id, 'test');

    const at1230 = await dueReminderIds(t.db, { now: when('2026-12-14T12:30:00.000Z'), limit: 100 });
    expect(at1230).toContain(r1.id);
    expect(at1230).not.toContain(r2.id);
    expect(at1230).not.toContain(r3.id);
    const at1330 = await dueReminderIds(t.db, { now: when('2026-12-14T13:30:00.000Z'), limit: 100 });
    expect(at1330.indexOf(r1.id)).toBeLessThan(at1330.indexOf(r2.id));
    expect(at1330).not.toContain(r3.id);
    const rows = await t.db.reminderLog.findMany({ where: { id: { in: at1330 } } });
    expect(rows.every((r) => r.status === 'planned' && r.deliverAt <= when('2026-12-14T13:30:00.000Z'))).toBe(true);
    expect(await dueReminderIds(t.db, { now: when('2026-12-14T13:30:00.000Z'), limit: 1 })).toEqual([at1330[0]]);
  });
});

describe('reminder settings', () => {
  it('global rules: admins only, merged patches, validated', async () => {
    const admin = await employee(t.db, { role: 'admin' });
    const member = await employee(t.db);
    try {
      expect(await getReminderRules(t.db)).toEqual(DEFAULT_REMINDER_RULES);
      await expect(setReminderRules(t.db, actorFor(member), { digest: { time: '09:00' } })).rejects.toSatisfy((e) => isAppError(e, 'FORBIDDEN'));
      await setReminderRules(t.db, actorFor(admin), { digest: { time: '09:00' } });
      const rules = await setReminderRules(t.db, actorFor(admin), { dueSoon: { offsetsHours: [2, 48] } });
      expect(rules).toEqual({ ...DEFAULT_REMINDER_RULES, digest: { enabled: true, time: '09:00' }, dueSoon: { enabled: true, offsetsHours: [48, 2] } });
      expect(await getReminderRules(t.db)).toEqual(rules);
      for (const bad of [{ dueSoon: { offsetsHours: [-1] } }, { digest: { time: '25:00' } }, { escalation: { afterWorkingDays: 0 } }, { bogus: true }]) {
        await expect(setReminderRules(t.db, actorFor(admin), bad)).rejects.toSatisfy((e) => isAppError(e, 'VALIDATION'));
      }
    } finally {
      await t.db.setting.deleteMany({ where: { key: 'reminders' } });
    }
  });

  it('kind and employee overrides: replaced, validated, and merged into the effective rules', async () => {
    const admin = await employee(t.db, { role: 'admin' });
    const member = await employee(t.db);
    const colleague = await employee(t.db);
    const kind = await makeKind(t.db);
    await expect(setKindReminderRules(t.db, actorFor(member), { kindId: kind.id, rules: { overdue: { enabled: false } } })).rejects.toSatisfy((e) => isAppError(e, 'FORBIDDEN'));
    await setKindReminderRules(t.db, actorFor(admin), { kindId: kind.id, rules: { dueSoon: { offsetsHours: [4] }, overdue: { enabled: false } } });
    await expect(setKindReminderRules(t.db, actorFor(admin), { kindId: kind.id, rules: { dueSoon: { offsetsHours: [] } } })).rejects.toSatisfy((e) => isAppError(e, 'VALIDATION'));

    await setEmployeeReminderRules(t.db, actorFor(member), { employeeId: member.id, rules: { overdue: { enabled: true }, digest: { enabled: false } } });
    await expect(setEmployeeReminderRules(t.db, actorFor(colleague), { employeeId: member.id, rules: null })).rejects.toSatisfy((e) => isAppError(e, 'FORBIDDEN'));
    expect(await getEffectiveReminderRules(t.db, { employeeId: member.id, kindId: kind.id })).toEqual({
      ...DEFAULT_REMINDER_RULES,
      dueSoon: { enabled: true, offsetsHours: [4] },
      overdue: { enabled: true },
      digest: { enabled: false, time: '08:30' },
    });
    // Replaced, not merged: the employee's overdue override is gone, so the kind's applies again.
    await setEmployeeReminderRules(t.db, actorFor(admin), { employeeId: member.id, rules: { digest: { enabled: false } } });
    expect((await getEffectiveReminderRules(t.db, { employeeId: member.id, kindId: kind.id })).overdue).toEqual({ enabled: false });
    await setKindReminderRules(t.db, actorFor(admin), { kindId: kind.id, rules: null });
    expect((await t.db.contactKind.findUniqueOrThrow({ where: { id: kind.id } })).reminderRules).toBeNull();
  });
});
