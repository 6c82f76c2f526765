// Plans reminders: each tick looks at the window (last scan, now] and writes one ReminderLog row
// for every reminder whose trigger fell in it. The log's unique key makes planning idempotent, so
// overlapping windows, retries and concurrent workers cannot plan anything twice; whether a planned
// reminder still makes sense is decided again when it is sent (current-reminder.ts).
import { Prisma, type Db, type Tx } from '../../db.ts';
import type { Role } from '../../generated/prisma/enums.ts';
import { inTransaction } from '../shared/transaction.ts';
import { escalationRecipients } from './escalation-recipients.ts';
import { offsetLabel, reminderKey } from './reminder-key.ts';
import { loadRuleBook, type RuleBook } from './reminder-rules.ts';
import type { ReminderRule } from './reminder-types.ts';
import {
  dailyMomentsBetween, isWorkingTime, nextWorkingMoment, nthLatestWorkingStart, scheduleOf, workingPeriodStartsBetween,
  type WorkSchedule,
} from './working-time.ts';
import { localDay } from '../shared/zoned-time.ts';

/** Options of planReminders. */
export type PlanRemindersOptions = {
  /** The clock (tests); default: the current time. */
  now?: Date;
};

export type PlanRemindersResult = {
  /** The window scanned: (from, to]; empty when another run has already covered it. */
  from: Date;
  to: Date;
  /** Reminders considered (before the unique key) and rows actually inserted. */
  considered: number;
  planned: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A first run looks this far back. */
const FIRST_SCAN_LOOKBACK = 5 * MINUTE;
/** After a long outage only the last day is caught up; older triggers are stale anyway. */
const MAX_CATCH_UP = 24 * HOUR;
/**
 * Rows changed this long before the window are looked at again: a transaction that wrote
 * updatedAt before a scan but committed after it would otherwise never be seen. Harmless: the
 * unique key drops what was already planned.
 */
const COMMIT_LAG = 5 * MINUTE;

type Employee = {
  id: number;
  name: string;
  role: Role;
  managerId: number | null;
  schedule: WorkSchedule;
};

/** A contact or a task with a deadline and the person it belongs to (owner or assignee). */
type Subject = {
  subject: 'contact' | 'task';
  id: number;
  contactId: number;
  recipientId: number;
  deadline: Date;
  kindId: number | null;
  snoozedUntil: Date | null;
};

type Row = {
  key: string;
  rule: ReminderRule;
  contactId: number | null;
  itemId: number | null;
  recipientId: number;
  deadline: Date | null;
  occurrence: string;
  deliverAt: Date;
};

type Context = {
  now: Date;
  from: Date;
  employees: Map<number, Employee>;
  admins: Employee[];
  rules: RuleBook;
  /** Per-employee time computations, shared by the many subjects of one morning. */
  memo: Map<string, unknown>;
};

function memo<T>(ctx: Context, key: string, compute: () => T): T {
  if (!ctx.memo.has(key)) ctx.memo.set(key, compute());
  return ctx.memo.get(key) as T;
}

/**
 * Plans every reminder that triggered since the last scan (at most a day back), in one
 * transaction that holds the scan state's row lock: concurrent callers run one after the other,
 * and the second finds an empty window.
 */
export async function planReminders(db: Db | Tx, options: PlanRemindersOptions = {}): Promise<PlanRemindersResult> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (tx) => {
    // The range queries look costly to the planner (it cannot see how narrow the ranges are), so
    // PostgreSQL would JIT-compile them: 40–50 ms of compiling for 1–2 ms of work.
    await tx.$executeRaw`SET LOCAL jit = off`;
    await tx.$executeRaw`
      INSERT INTO "ReminderScanState" ("id", "scannedUntil", "updatedAt") VALUES (1, ${new Date(now.getTime() - FIRST_SCAN_LOOKBACK)}, now())
      ON CONFLICT ("id") DO NOTHING`;
    const [state] = await tx.$queryRaw<{ scannedUntil: Date }[]>`SELECT "scannedUntil" FROM "ReminderScanState" WHERE "id" = 1 FOR UPDATE`;
    const from = new Date(Math.max(state!.scannedUntil.getTime(), now.getTime() - MAX_CATCH_UP));
    if (from >= now) return { from, to: now, considered: 0, planned: 0 };

    const ctx = await loadContext(tx, now, from);
    const rows = new Map<string, Row>();
    const add = (row: Row) => rows.set(row.key, row);

    const offsets = ctx.rules.allOffsets();
    const [due, updated, mornings, snoozes] = [
      await dueInWindow(tx, from, now, offsets),
      await changedInWindow(tx, new Date(from.getTime() - COMMIT_LAG), now),
      await overdueAtMornings(tx, ctx),
      await snoozesEndedInWindow(tx, from, now),
    ];
    for (const { offset, ...s } of due) {
      if (offset === 0) planOverdueAtDeadline(ctx, s, add);
      else planDueSoon(ctx, s, offset, s.deadline.getTime() - offset * HOUR, add);
    }
    for (const s of updated) planAfterChange(ctx, s, add);
    for (const { start, ...s } of mornings) planMorning(ctx, s, start, add);
    for (const s of snoozes) planSnoozeEnded(ctx, s, add);
    planDigests(ctx, add);

    const planned = await insertRows(tx, [...rows.values()]);
    await tx.$executeRaw`UPDATE "ReminderScanState" SET "scannedUntil" = ${now}, "updatedAt" = now() WHERE "id" = 1`;
    return { from, to: now, considered: rows.size, planned };
  });
}

async function loadContext(tx: Tx, now: Date, from: Date): Promise<Context> {
  const active = await tx.employee.findMany({
    where: { active: true },
    select: { id: true, name: true, role: true, managerId: true, timeZone: true, workingHours: true, reminderRules: true },
  });
  const employees = new Map(active.map((e) => [e.id, { id: e.id, name: e.name, role: e.role, managerId: e.managerId, schedule: scheduleOf(e) }]));
  const admins = [...employees.values()].filter((e) => e.role === 'admin');
  return { now, from, employees, admins, rules: await loadRuleBook(tx, active), memo: new Map() };
}

// ---------------------------------------------------------------------------------------------
// Queries. Every one is a range scan on an index: Contact(status, dueAt), Item(dueAt),
// Contact(ownerId, status, dueAt), Item(assigneeId, doneAt, dueAt), *(snoozedUntil), *(updatedAt).
// Arrays travel as ISO text and are cast: the columns are UTC timestamps without zone.
// ---------------------------------------------------------------------------------------------

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

/**
 * A task's contact when open, looked up by primary key per task. OFFSET 0 keeps PostgreSQL from
 * flattening it into a join: misjudging how many tasks a range holds, it would hash every open
 * contact (200 ms at a million contacts) to match a handful of tasks.
 */
const openContactOf = Prisma.sql`(SELECT oc."kindId" FROM "Contact" oc WHERE oc.id = i."contactId" AND oc.status = 'open' OFFSET 0) c`;

/** Open subjects with a deadline in (from + offset, to + offset] for each offset (0: the deadline itself). */
function dueInWindow(tx: Tx, from: Date, to: Date, offsetsHours: number[]) {
  const offsets = [...offsetsHours, 0];
  const los = iso(offsets.map((h) => new Date(from.getTime() + h * HOUR)));
  const his = iso(offsets.map((h) => new Date(to.getTime() + h * HOUR)));
  return tx.$queryRaw<(Subject & { offset: number })[]>`
    SELECT r."offset", s.* FROM unnest(${offsets}::float8[], ${los}::timestamp[], ${his}::timestamp[]) AS r("offset", lo, hi)
    CROSS JOIN LATERAL (
      SELECT 'contact' AS subject, c.id, c.id AS "contactId", c."ownerId" AS "recipientId", c."dueAt" AS deadline, c."kindId", c."snoozedUntil"
      FROM "Contact" c
      WHERE c.status = 'open' AND c."dueAt" > r.lo AND c."dueAt" <= r.hi AND c."ownerId" IS NOT NULL
      UNION ALL
      SELECT 'task', i.id, i."contactId", i."assigneeId", i."dueAt", c."kindId", i."snoozedUntil"
      FROM "Item" i CROSS JOIN LATERAL ${openContactOf}
      WHERE i."dueAt" > r.lo AND i."dueAt" <= r.hi AND i.type = 'note' AND i."doneAt" IS NULL AND i."assigneeId" IS NOT NULL
    ) s`;
}

/** Open subjects with a future deadline changed (rescheduled, handed over, created) since `since`. */
function changedInWindow(tx: Tx, since: Date, to: Date) {
  return tx.$queryRaw<Subject[]>`
    SELECT 'contact' AS subject, c.id, c.id AS "contactId", c."ownerId" AS "recipientId", c."dueAt" AS deadline, c."kindId", c."snoozedUntil"
    FROM "Contact" c
    WHERE c."updatedAt" > ${since} AND c."updatedAt" <= ${to} AND c.status = 'open' AND c."dueAt" > ${to} AND c."ownerId" IS NOT NULL
    UNION ALL
    SELECT 'task', i.id, i."contactId", i."assigneeId", i."dueAt", c."kindId", i."snoozedUntil"
    FROM "Item" i CROSS JOIN LATERAL ${openContactOf}
    WHERE i."updatedAt" > ${since} AND i."updatedAt" <= ${to} AND i.type = 'note' AND i."doneAt" IS NULL AND i."dueAt" > ${to}
      AND i."assigneeId" IS NOT NULL`;
}

/** For each employee whose working period started in the window: their open subjects overdue at that start. */
async function overdueAtMornings(tx: Tx, ctx: Context) {
  const ids: number[] = [];
  const starts: Date[] = [];
  for (const e of ctx.employees.values()) {
    for (const start of workingPeriodStartsBetween(ctx.from, ctx.now, e.schedule)) {
      ids.push(e.id);
      starts.push(start);
    }
  }
  if (ids.length === 0) return [];
  return tx.$queryRaw<(Subject & { start: Date })[]>`
    SELECT m.start, s.* FROM unnest(${ids}::int[], ${iso(starts)}::timestamp[]) AS m(employee, start)
    CROSS JOIN LATERAL (
      SELECT 'contact' AS subject, c.id, c.id AS "contactId", c."ownerId" AS "recipientId", c."dueAt" AS deadline, c."kindId", c."snoozedUntil"
      FROM "Contact" c
      WHERE c."ownerId" = m.employee AND c.status = 'open' AND c."dueAt" < m.start
      UNION ALL
      SELECT 'task', i.id, i."contactId", i."assigneeId", i."dueAt", c."kindId", i."snoozedUntil"
      FROM "Item" i CROSS JOIN LATERAL ${openContactOf}
      WHERE i."assigneeId" = m.employee AND i."doneAt" IS NULL AND i."dueAt" < m.start AND i.type = 'note'
    ) s`;
}

/** Open subjects whose snooze ran out in the window and that are due within 24 h of it, or overdue. */
function snoozesEndedInWindow(tx: Tx, from: Date, to: Date) {
  return tx.$queryRaw<Subject[]>`
    SELECT 'contact' AS subject, c.id, c.id AS "contactId", c."ownerId" AS "recipientId", c."dueAt" AS deadline, c."kindId", c."snoozedUntil"
    FROM "Contact" c
    WHERE c."snoozedUntil" > ${from} AND c."snoozedUntil" <= ${to} AND c.status = 'open' AND c."ownerId" IS NOT NULL
      AND c."dueAt" <= c."snoozedUntil" + interval '24 hours'
    UNION ALL
    SELECT 'task', i.id, i."contactId", i."assigneeId", i."dueAt", c."kindId", i."snoozedUntil"
    FROM "Item" i CROSS JOIN LATERAL ${openContactOf}
    WHERE i."snoozedUntil" > ${from} AND i."snoozedUntil" <= ${to} AND i.type = 'note' AND i."doneAt" IS NULL
      AND i."assigneeId" IS NOT NULL AND i."dueAt" <= i."snoozedUntil" + interval '24 hours'`;
}

async function insertRows(tx: Tx, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.$executeRaw`
    INSERT INTO "ReminderLog" ("key", "rule", "contactId", "itemId", "recipientId", "deadline", "occurrence", "deliverAt")
    SELECT k, r::"ReminderRule", c, i, e, d, o, a
    FROM unnest(
      ${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.rule)}::text[], ${rows.map((r) => r.contactId)}::int[],
      ${rows.map((r) => r.itemId)}::int[], ${rows.map((r) => r.recipientId)}::int[],
      ${rows.map((r) => r.deadline?.toISOString() ?? null)}::timestamp[], ${rows.map((r) => r.occurrence)}::text[],
      ${iso(rows.map((r) => r.deliverAt))}::timestamp[]
    ) AS t(k, r, c, i, e, d, o, a)
    ON CONFLICT ("key") DO NOTHING`;
  return inserted;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

const refOf = (s: Subject) => ({ contactId: s.contactId, itemId: s.subject === 'task' ? s.id : null });

function row(rule: ReminderRule, s: Subject, recipientId: number, occurrence: string, deliverAt: Date): Row {
  const ref = refOf(s);
  return { key: reminderKey(rule, ref, s.deadline, recipientId, occurrence), rule, ...ref, recipientId, deadline: s.deadline, occurrence, deliverAt };
}

/** Snoozed past `at`: nothing for it now; snooze_ended speaks up when the snooze runs out. */
const snoozedAt = (s: Subject, at: Date) => s.snoozedUntil !== null && s.snoozedUntil > at;

/**
 * When the warning `hours` before the deadline goes out if triggered at `trigger`: the smallest
 * warning only inside working hours (else never), the others at the next working moment.
 */
function warningDelivery(offsets: number[], hours: number, trigger: Date, schedule: WorkSchedule): Date | null {
  if (hours === offsets[offsets.length - 1]) return isWorkingTime(trigger, schedule) ? trigger : null;
  return nextWorkingMoment(trigger, schedule);
}

/**
 * A due-soon warning `hours` before the deadline, triggered at `triggerMs` (the deadline minus the
 * offset, or later for a subject that only just got its deadline or owner). Not planned when a
 * smaller warning goes out no later (a 24 h warning deferred over the weekend to 08:00 for a 09:00
 * deadline: the 1 h warning at 08:00 says it all), nor when it would arrive after the deadline.
 */
function planDueSoon(ctx: Context, s: Subject, hours: number, triggerMs: number, add: (r: Row) => void): void {
  const recipient = ctx.employees.get(s.recipientId);
  if (!recipient || s.deadline <= ctx.now) return;
  const rules = ctx.rules.for(s.kindId, recipient.id).dueSoon;
  if (!rules.enabled || !rules.offsetsHours.includes(hours)) return;
  const trigger = new Date(triggerMs);
  if (snoozedAt(s, trigger)) return;
  const deliverAt = warningDelivery(rules.offsetsHours, hours, trigger, recipient.schedule);
  if (!deliverAt || deliverAt >= s.deadline) return;
  for (const smaller of rules.offsetsHours.filter((h) => h < hours)) {
    const other = warningDelivery(rules.offsetsHours, smaller, new Date(s.deadline.getTime() - smaller * HOUR), recipient.schedule);
    if (other && other < s.deadline && other <= deliverAt) return;
  }
  add(row('due_soon', s, recipient.id, offsetLabel(hours), deliverAt));
}

/**
 * A subject changed in the window with a future deadline (rescheduled, handed over, created late):
 * warnings whose triggers passed before the window were never planned for this deadline or
 * owner. The smallest such warning goes out now (the larger ones are stale); ones triggering in
 * the window or later are planned by the range scan.
 */
function planAfterChange(ctx: Context, s: Subject, add: (r: Row) => void): void {
  const recipient = ctx.employees.get(s.recipientId);
  if (!recipient) return;
  const { offsetsHours } = ctx.rules.for(s.kindId, recipient.id).dueSoon;
  const passed = offsetsHours.filter((h) => s.deadline.getTime() - h * HOUR <= ctx.from.getTime());
  const smallest = passed[passed.length - 1];
  if (smallest !== undefined) planDueSoon(ctx, s, smallest, ctx.now.getTime(), add);
}

/** The deadline passed in the window: overdue, at the next working moment, keyed by that working day. */
function planOverdueAtDeadline(ctx: Context, s: Subject, add: (r: Row) => void): void {
  const recipient = ctx.employees.get(s.recipientId);
  if (!recipient || !ctx.rules.for(s.kindId, recipient.id).overdue.enabled || snoozedAt(s, s.deadline)) return;
  const deliverAt = nextWorkingMoment(s.deadline, recipient.schedule);
  add(row('overdue', s, recipient.id, localDay(deliverAt, recipient.schedule.timeZone), deliverAt));
}

/**
 * The owner's working period started in the window and the subject was overdue then: overdue
 * again (same key as the deadline's own reminder if it passed overnight: at most one a day), and
 * once overdue for N working days, an escalation to the owner's manager or else the admins.
 */
function planMorning(ctx: Context, s: Subject, start: Date, add: (r: Row) => void): void {
  const owner = ctx.employees.get(s.recipientId);
  if (!owner || snoozedAt(s, start)) return;
  const day = memo(ctx, `day:${owner.id}:${start.getTime()}`, () => localDay(start, owner.schedule.timeZone));
  if (ctx.rules.for(s.kindId, owner.id).overdue.enabled) add(row('overdue', s, owner.id, day, start));

  for (const recipient of memo(ctx, `escalate:${owner.id}`, () => escalationRecipients(ctx, owner))) {
    const rules = ctx.rules.for(s.kindId, recipient.id).escalation;
    if (!rules.enabled) continue;
    // Overdue for N working days at `start` ⇔ the deadline is before the N-th latest start.
    const cutoff = memo(ctx, `cutoff:${owner.id}:${start.getTime()}:${rules.afterWorkingDays}`, () => nthLatestWorkingStart(start, rules.afterWorkingDays, owner.schedule));
    if (s.deadline >= cutoff) continue;
    const deliverAt = memo(ctx, `next:${recipient.id}:${start.getTime()}`, () => nextWorkingMoment(start, recipient.schedule));
    add(row('escalation', s, recipient.id, day, deliverAt));
  }
}

/** The snooze ran out in the window: one reminder, at the next working moment. */
function planSnoozeEnded(ctx: Context, s: Subject, add: (r: Row) => void): void {
  const recipient = ctx.employees.get(s.recipientId);
  if (!recipient || !s.snoozedUntil || !ctx.rules.for(s.kindId, recipient.id).snoozeEnded.enabled) return;
  add(row('snooze_ended', s, recipient.id, s.snoozedUntil.toISOString(), nextWorkingMoment(s.snoozedUntil, recipient.schedule)));
}

/**
 * Each employee's digest time on a working day in the window: one row per employee and day;
 * what it lists (if anything) is decided when it is sent.
 */
function planDigests(ctx: Context, add: (r: Row) => void): void {
  for (const e of ctx.employees.values()) {
    const rules = ctx.rules.for(null, e.id).digest;
    if (!rules.enabled) continue;
    for (const at of dailyMomentsBetween(ctx.from, ctx.now, rules.time, e.schedule)) {
      const deliverAt = nextWorkingMoment(at, e.schedule);
      const occurrence = localDay(deliverAt, e.schedule.timeZone);
      const ref = { contactId: null, itemId: null, employeeId: e.id };
      add({ key: reminderKey('digest', ref, null, e.id, occurrence), rule: 'digest', contactId: null, itemId: null, recipientId: e.id, deadline: null, occurrence, deliverAt });
    }
  }
}
