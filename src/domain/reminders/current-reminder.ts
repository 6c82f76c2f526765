// Decides, at sending time, whether a planned reminder still makes sense and what it says. Only
// current data counts: a contact closed, a task done, a deadline moved, a handover or a snooze
// since planning turns the planned row into a cancellation (or a postponement), never a stale message.
import type { Db, Prisma, Tx } from '../../db.ts';
import { escalationRecipients } from './escalation-recipients.ts';
import { offsetLabel } from './reminder-key.ts';
import { loadRuleBook, type ReminderRules, type RuleBook } from './reminder-rules.ts';
import type { ReminderContact, ReminderMessage, ReminderRecipient, ReminderRule } from './reminder-types.ts';
import { countWorkingStarts, isWorkingTime, nextWorkingMoment, scheduleOf } from './working-time.ts';

export type CurrentReminder =
  | { action: 'send'; message: ReminderMessage }
  | { action: 'cancel'; reason: string }
  | { action: 'later'; until: Date };

/** Most contacts a digest lists; the link opens the whole list. */
const DIGEST_LIMIT = 50;

const HOUR = 3_600_000;

const employeeSelect = {
  id: true, name: true, email: true, slackUserId: true, locale: true, timeZone: true, reminderChannel: true,
  workingHours: true, reminderRules: true, role: true, active: true, managerId: true,
} as const;

const contactSelect = {
  id: true, number: true, title: true, status: true, dueAt: true, priority: true, ownerId: true, kindId: true, snoozedUntil: true,
  company: { select: { name: true } },
  owner: { select: employeeSelect },
} as const;

const logInclude = {
  recipient: { select: employeeSelect },
  contact: { select: contactSelect },
  item: { select: { id: true, type: true, text: true, dueAt: true, doneAt: true, snoozedUntil: true, assigneeId: true, assignee: { select: employeeSelect } } },
} as const;

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
  const logs = await db.reminderLog.findMany({ where: { id: { in: [...new Set(ids)] } }, include: logInclude });
  const book = await loadRuleBook(db, logs.map((l) => l.recipient));
  for (const log of logs) decisions.set(log.id, await decide(db, log, book, now, options));
  return decisions;
}

type LoadedLog = Prisma.ReminderLogGetPayload<{ include: typeof logInclude }>;

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
      id: contact.id, number: contact.number, title: contact.title, companyName: contact.company.name,
      ownerName: contact.owner?.name ?? null, dueAt: contact.dueAt, priority: contact.priority,
    },
    task: item && item.dueAt ? { id: item.id, text: item.text, dueAt: item.dueAt } : null,
    escalation: log.rule === 'escalation' ? { ownerName: owner.name, workingDaysOverdue: countWorkingStarts(deadline, now, scheduleOf(owner)) } : null,
    url: panel(`/contacts/${contact.id}`),
  };
  return { action: 'send', message };
}

type EmployeeRow = {
  id: number; name: string; email: string; slackUserId: string | null; locale: 'pl' | 'en'; timeZone: string;
  reminderChannel: 'slack' | 'email' | 'both';
};

function recipientOf(e: EmployeeRow): ReminderRecipient {
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
