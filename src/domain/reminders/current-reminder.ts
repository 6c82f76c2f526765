// Decides, at sending time, whether a planned reminder still makes sense and what it says. Only
// current data counts: a contact closed, a task done, a deadline moved, a handover or a snooze
// since planning turns the planned row into a cancellation (or a postponement), never a stale message.
import type { Db, Tx } from '../../db.ts';
import { escalationRecipients } from './escalation-recipients.ts';
import { offsetLabel } from './reminder-key.ts';
import { loadRuleBook, type ReminderRules, type RuleBook } from './reminder-rules.ts';
import type { ReminderContact, ReminderMessage, ReminderRecipient, ReminderRule } from './reminder-types.ts';
import { countWorkingStarts, isWorkingTime, nextWorkingMoment, scheduleOf } from './working-time.ts';
import { timestampFromJson } from '../shared/json-timestamp.ts';

export type CurrentReminder =
  | { action: 'send'; message: ReminderMessage }
  | { action: 'cancel'; reason: string }
  | { action: 'later'; until: Date };

/** Most contacts a digest lists; the link opens the whole list. */
const DIGEST_LIMIT = 50;

const HOUR = 3_600_000;

/** An employee as the decision needs them (recipient, owner, assignee). */
type Staff = {
  id: number; name: string; email: string; slackUserId: string | null; locale: 'pl' | 'en'; timeZone: string;
  reminderChannel: 'slack' | 'email' | 'both'; workingHours: unknown; reminderRules: unknown; role: 'admin' | 'member';
  active: boolean; managerId: number | null;
};

/** A ReminderLog row with what currentReminders checks it against. */
type LoadedLog = {
  id: number; rule: ReminderRule; status: string; occurrence: string; deadline: Date | null; itemId: number | null;
  recipient: Staff;
  contact: {
    id: number; number: string; title: string; status: string; dueAt: Date | null; priority: 'high' | 'normal' | 'low'; kindId: number | null;
    snoozedUntil: Date | null; companyName: string; owner: Staff | null;
  } | null;
  item: { id: number; type: string; text: string; dueAt: Date | null; doneAt: Date | null; snoozedUntil: Date | null; assignee: Staff | null } | null;
};

const staffJson = (alias: string) => `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object(
  'id', ${alias}.id, 'name', ${alias}.name, 'email', ${alias}.email, 'slackUserId', ${alias}."slackUserId", 'locale', ${alias}.locale,
  'timeZone', ${alias}."timeZone", 'reminderChannel', ${alias}."reminderChannel", 'workingHours', ${alias}."workingHours",
  'reminderRules', ${alias}."reminderRules", 'role', ${alias}.role, 'active', ${alias}.active, 'managerId', ${alias}."managerId") END`;

/**
 * The rows with their recipient, contact (company, owner) and task (assignee): one plain
 * statement, a JSON document per row (the ORM's nested include, and even a flat row of 45
 * columns, cost several times more to read back, per batch of reminders).
 */
const LOAD_SQL = `
  SELECT json_build_object(
    'id', l.id, 'rule', l.rule, 'status', l.status, 'occurrence', l.occurrence, 'deadline', l.deadline, 'itemId', l."itemId",
    'recipient', ${staffJson('r')},
    'contact', CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
      'id', c.id, 'number', c.number, 'title', c.title, 'status', c.status, 'dueAt', c."dueAt", 'priority', c.priority,
      'kindId', c."kindId", 'snoozedUntil', c."snoozedUntil", 'companyName', co.name, 'owner', ${staffJson('o')}) END,
    'item', CASE WHEN i.id IS NULL THEN NULL ELSE json_build_object(
      'id', i.id, 'type', i.type, 'text', i.text, 'dueAt', i."dueAt", 'doneAt', i."doneAt", 'snoozedUntil', i."snoozedUntil",
      'assignee', ${staffJson('a')}) END
  )::text AS doc
  FROM "ReminderLog" l
  JOIN "Employee" r ON r.id = l."recipientId"
  LEFT JOIN "Contact" c ON c.id = l."contactId"
  LEFT JOIN "Company" co ON co.id = c."companyId"
  LEFT JOIN "Employee" o ON o.id = c."ownerId"
  LEFT JOIN "Item" i ON i.id = l."itemId"
  LEFT JOIN "Employee" a ON a.id = i."assigneeId"
  WHERE l.id = ANY($1::int[])`;

/** The document's timestamps, as JSON text. */
const DATE_FIELDS = new Set(['deadline', 'dueAt', 'doneAt', 'snoozedUntil']);
const revive = (key: string, value: unknown) => (DATE_FIELDS.has(key) && typeof value === 'string' ? timestampFromJson(value) : value);

async function loadLogs(db: Db | Tx, ids: readonly number[]): Promise<LoadedLog[]> {
  const rows = await db.$queryRawUnsafe<{ doc: string }[]>(LOAD_SQL, [...new Set(ids)]);
  return rows.map((row) => JSON.parse(row.doc, revive) as LoadedLog);
}

const cancel = (reason: string): CurrentReminder => ({ action: 'cancel', reason });

const RULE_ENABLED: Record<ReminderRule, (r: ReminderRules) => boolean> = {
  due_soon: (r) => r.dueSoon.enabled,
  overdue: (r) => r.overdue.enabled,
  escalation: (r) => r.escalation.enabled,
  digest: (r) => r.digest.enabled,
  snooze_ended: (r) => r.snoozeEnded.enabled,
};

/** Options of currentReminder. */
export type CurrentReminderOptions = {
  /** The panel's public base URL ("https://kontakt.firma.pl"); without it, message.url is a path ("/contacts/42"). */
  publicUrl?: string;
};

/**
 * What to do with reminder `id` now: send it (with everything delivery needs), cancel it (why),
 * or try again later (the subject is snoozed, or the recipient is off work).
 */
export async function currentReminder(db: Db | Tx, id: number, now: Date = new Date(), options: CurrentReminderOptions = {}): Promise<CurrentReminder> {
  return (await currentReminders(db, [id], now, options)).get(id)!;
}

/**
 * currentReminder for a batch: the rows and the rule book are read once for all of them (the
 * reminder-send worker decides a batch of jobs at a time).
 */
export async function currentReminders(db: Db | Tx, ids: readonly number[], now: Date = new Date(), options: CurrentReminderOptions = {}): Promise<Map<number, CurrentReminder>> {
  const decisions = new Map<number, CurrentReminder>(ids.map((id) => [id, cancel('reminder not found')]));
  if (ids.length === 0) return decisions;
  const logs = await loadLogs(db, ids);
  const book = await loadRuleBook(db, logs.map((l) => l.recipient));
  for (const log of logs) decisions.set(log.id, await decide(db, log, book, now, options));
  return decisions;
}

async function decide(db: Db | Tx, log: LoadedLog, book: RuleBook, now: Date, options: CurrentReminderOptions): Promise<CurrentReminder> {
  const panel = (path: string) => `${(options.publicUrl ?? '').replace(/\/+$/, '')}${path}`;
  if (log.status !== 'planned' && log.status !== 'sending') return cancel(`already ${log.status}`);
  const recipient = log.recipient;
  if (!recipient.active) return cancel('recipient inactive');

  const contact = log.contact;
  const rules = book.for(contact?.kindId ?? null, recipient.id);
  if (!RULE_ENABLED[log.rule](rules)) return cancel('rule disabled');
  const schedule = scheduleOf(recipient);

  const base = {
    reminderId: log.id,
    rule: log.rule,
    recipient: recipientOf(recipient),
    occurrence: log.occurrence,
    deadline: log.deadline,
    escalation: null,
    digest: null,
  };

  if (log.rule === 'digest') {
    const digest = await digestFor(db, recipient, now);
    if (digest.length === 0) return cancel('nothing to say');
    if (!isWorkingTime(now, schedule)) return { action: 'later', until: nextWorkingMoment(now, schedule) };
    const url = panel(recipient.role === 'admin' ? '/contacts?view=high' : '/contacts?view=high&owner=me');
    return { action: 'send', message: { ...base, contact: null, task: null, digest, url } };
  }

  if (!contact) return cancel('contact gone');
  if (contact.status !== 'open') return cancel('contact closed');
  const item = log.item;
  if (log.itemId !== null) {
    if (!item || item.type !== 'note' || !item.dueAt) return cancel('no longer a task');
    if (item.doneAt) return cancel('task done');
  }
  const deadline = item ? item.dueAt : contact.dueAt;
  if (!deadline || !log.deadline || deadline.getTime() !== log.deadline.getTime()) return cancel('rescheduled');
  const owner = item ? item.assignee : contact.owner;
  if (!owner?.active) return cancel('no active owner');
  if (log.rule === 'escalation') {
    const employees = await db.employee.findMany({ where: { active: true, OR: [{ id: owner.managerId ?? -1 }, { role: 'admin' }] }, select: { id: true, role: true } });
    const expected = escalationRecipients({ employees: new Map(employees.map((e) => [e.id, e])), admins: employees.filter((e) => e.role === 'admin') }, owner);
    if (!expected.some((e) => e.id === recipient.id)) return cancel('escalation recipient changed');
  } else if (owner.id !== recipient.id) {
    return cancel('handed over');
  }

  const snoozedUntil = item ? item.snoozedUntil : contact.snoozedUntil;
  if (log.rule === 'snooze_ended') {
    if (snoozedUntil?.toISOString() !== log.occurrence) return cancel('snooze changed');
  } else if (snoozedUntil && snoozedUntil > now) {
    // A reminder that the snooze's own end covers (due within 24 h of it, or overdue) is dropped;
    // escalations wait for the next working morning after the snooze.
    if (log.rule === 'escalation') return cancel('snoozed');
    const covered = rules.snoozeEnded.enabled && deadline.getTime() <= snoozedUntil.getTime() + 24 * HOUR;
    if (covered) return cancel('snoozed');
    return { action: 'later', until: nextWorkingMoment(snoozedUntil, schedule) };
  }
  if (log.rule === 'due_soon' && now >= deadline) return cancel('deadline passed');

  if (!isWorkingTime(now, schedule)) {
    const smallest = rules.dueSoon.offsetsHours[rules.dueSoon.offsetsHours.length - 1];
    if (log.rule === 'due_soon' && smallest !== undefined && log.occurrence === offsetLabel(smallest)) return cancel('outside working hours');
    return { action: 'later', until: nextWorkingMoment(now, schedule) };
  }

  const message: ReminderMessage = {
    ...base,
    contact: {
      id: contact.id, number: contact.number, title: contact.title, companyName: contact.companyName,
      ownerName: contact.owner?.name ?? null, dueAt: contact.dueAt, priority: contact.priority,
    },
    task: item && item.dueAt ? { id: item.id, text: item.text, dueAt: item.dueAt } : null,
    escalation: log.rule === 'escalation' ? { ownerName: owner.name, workingDaysOverdue: countWorkingStarts(deadline, now, scheduleOf(owner)) } : null,
    url: panel(`/contacts/${contact.id}`),
  };
  return { action: 'send', message };
}

function recipientOf(e: Staff): ReminderRecipient {
  return { employeeId: e.id, name: e.name, email: e.email, slackUserId: e.slackUserId, locale: e.locale, timeZone: e.timeZone, channel: e.reminderChannel };
}

/**
 * The recipient's open high-priority contacts (for admins also the unassigned ones), soonest
 * deadline first; snoozed ones are left out (a snooze puts off all reminders of a contact).
 */
async function digestFor(db: Db | Tx, recipient: { id: number; role: string }, now: Date): Promise<ReminderContact[]> {
  const owners = recipient.role === 'admin' ? [{ ownerId: recipient.id }, { ownerId: null }] : [{ ownerId: recipient.id }];
  const contacts = await db.contact.findMany({
    where: { status: 'open', priority: 'high', OR: owners, AND: [{ OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: now } }] }] },
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: DIGEST_LIMIT,
    select: { id: true, number: true, title: true, dueAt: true, priority: true, company: { select: { name: true } }, owner: { select: { name: true } } },
  });
  return contacts.map((c) => ({
    id: c.id, number: c.number, title: c.title, companyName: c.company.name, ownerName: c.owner?.name ?? null, dueAt: c.dueAt, priority: c.priority,
  }));
}
