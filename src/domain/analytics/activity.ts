// Salespeople's activity (issue 7): per employee and week or month, what they recorded, planned,
// opened, closed and issued, with team totals and the same figures for the previous period.
//
// Definitions (one place; the page, its CSV and the Slack command all read them from here):
// - Calendar. Weeks are ISO weeks (Monday to Sunday) and months calendar months of ONE time zone
//   per report: the reader's (the panel passes the signed-in employee's zone, Slack the caller's).
//   One calendar keeps team totals adding up; a per-salesperson zone would put the same instant in
//   two different weeks of one table. The period is whole local days `from`..`to` (inclusive).
// - Previous period: the same length immediately before. A period of whole calendar months
//   compares with as many whole months before (November with October, not "2 Oct–31 Oct");
//   anything else with the same number of days before (8 ISO weeks with the 8 weeks before).
// - Notes by kind: items of type note WITHOUT a due date, for their author, in the bucket of
//   occurredAt; kind null → "other". Files and linked documents are not notes. E-mails and faxes
//   filed by the mail ingester are notes of kind 'e-mail' / 'fax' (src/domain/mail/file-mail.ts)
//   and count for the forwarding employee (author null — filed by the system — counts for "no
//   one"). Tasks are left out of this count on purpose: a task's occurredAt is when it was
//   planned, not when the call or meeting happened; tasks have their own figures below.
// - Tasks (notes with a due date) count for their ASSIGNEE in the bucket of dueAt: "planned" = due
//   in the bucket; "done on time" = doneAt ≤ dueAt; "done late" = doneAt > dueAt; "overdue" = not
//   done and dueAt < now. Planned − on time − late − overdue = not yet due.
// - Contacts opened: registeredAt in the bucket, for the OWNER (not createdBy): the creator is
//   often an assistant, the mail ingester or an import, while the owner is the salesperson whose
//   pipeline it is, and opened/won/lost then describe one funnel. Closed won / lost: contacts now
//   closed with that outcome, closedAt in the bucket, for the owner. Cancelled is not counted.
// - Documents issued: status 'issued' (drafts and cancelled ones are not), issueDate (a calendar
//   date, no zone) in the bucket, for createdById; value = netTotal and grossTotal in integer
//   grosze, per document kind and in total. An invoice and the goods-issue note of the same sale
//   are two documents: read the per-kind split where a firm issues both.
// - Filter "kind" = the kind of the contact the note, task or document belongs to (a document
//   without a contact drops out under that filter). Filter "employee" = the person counted above.
//
// Performance: everything is aggregated in PostgreSQL, one statement per family, run in parallel.
// Buckets are computed here (zone arithmetic lives in zoned-time.ts) as ascending instants, and
// SQL only places each row with width_bucket() — a binary search, far cheaper per row than two
// AT TIME ZONE conversions and a date_trunc. Slot 1 is the previous period, slot k+2 bucket k.
// JavaScript then only adds up the grouped rows (employees × buckets × kinds, a few thousand).
import { z } from 'zod';
import { NO_PREPARE, type Db, type Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { validation } from '../../errors.ts';
import { optionalId } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { isKnownTimeZone, localDay, zonedInstant } from '../shared/zoned-time.ts';

export const ACTIVITY_BUCKETS = ['week', 'month'] as const;
export type ActivityBucket = (typeof ACTIVITY_BUCKETS)[number];

/** Kind shown for notes written without one. */
export const OTHER_NOTE_KIND = 'other';

/** Longest period a report may span: bounds the work of one request. */
const MAX_PERIOD_DAYS = 732;

export type DocumentFigures = { count: number; netGrosze: bigint; grossGrosze: bigint };

/** The figures of one employee (or the team) in one bucket (or a whole period). */
export type ActivityFigures = {
  /** Notes per kind (lower-case as written; "other" for none). */
  notes: Record<string, number>;
  notesTotal: number;
  tasksPlanned: number;
  tasksDoneOnTime: number;
  tasksDoneLate: number;
  tasksOverdue: number;
  contactsOpened: number;
  contactsWon: number;
  contactsLost: number;
  /** Per document kind code (invoice, goods_issue…). */
  documents: Record<string, DocumentFigures>;
  documentsIssued: number;
  documentsNetGrosze: bigint;
  documentsGrossGrosze: bigint;
};

/** Input of getActivity. */
export type GetActivityInput = {
  /** First day of the period, YYYY-MM-DD, in `timeZone`. */
  from: string;
  /** Last day of the period (inclusive), YYYY-MM-DD. */
  to: string;
  /** IANA zone whose calendar decides days, weeks and months. */
  timeZone: string;
  bucket: ActivityBucket;
  /** Only this employee's activity (author, assignee, owner or issuer as defined above). */
  employeeId?: number | null;
  /** Only items, contacts and documents of contacts of this kind. */
  kindId?: number | null;
  /** Tasks not done and due before this instant are overdue. */
  now: Date;
};

export type ActivityPeriod = { from: string; to: string };
export type ActivityBucketInfo = { start: string; label: string };

export type Activity = {
  period: ActivityPeriod;
  previousPeriod: ActivityPeriod;
  bucket: ActivityBucket;
  timeZone: string;
  /** Every bucket of the period, empty ones too; the first and last may be cut by the period. */
  buckets: ActivityBucketInfo[];
  /** Note kinds of either period, most used (this period) first. */
  noteKinds: string[];
  /** Document kinds of either period. */
  documentKinds: { code: string; namePl: string; nameEn: string }[];
  /** Employees with activity in either period (and the filtered one), by name; `id: null` = no one. */
  employees: { id: number | null; name: string | null }[];
  /** Non-empty employee × bucket cells of this period. */
  cells: { employeeId: number | null; bucket: string; figures: ActivityFigures }[];
  byEmployee: { employeeId: number | null; figures: ActivityFigures; previous: ActivityFigures }[];
  /** The team per bucket, in order, empty buckets included. */
  byBucket: { bucket: string; figures: ActivityFigures }[];
  total: ActivityFigures;
  previousTotal: ActivityFigures;
};

// ---------------------------------------------------------------------------------------------
// Calendar days as YYYY-MM-DD strings (calendar arithmetic on UTC midnights: no zone involved).

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => dayOf(dayMs(day) + days * DAY_MS);
const addMonths = (day: string, months: number) => {
  const d = new Date(dayMs(day));
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
};
const isoWeekday = (day: string) => ((new Date(dayMs(day)).getUTCDay() + 6) % 7) + 1;
const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** The first day of the week (Monday) or month containing `day`. */
export const bucketStart = (day: string, bucket: ActivityBucket) => (bucket === 'week' ? addDays(day, 1 - isoWeekday(day)) : `${day.slice(0, 8)}01`);
const nextBucket = (start: string, bucket: ActivityBucket) => (bucket === 'week' ? addDays(start, 7) : addMonths(start, 1));
/** The last day of the week or month containing `day`. */
export const bucketEnd = (day: string, bucket: ActivityBucket) => addDays(nextBucket(bucketStart(day, bucket), bucket), -1);

/** "2026-W49" (ISO week of a Monday) or "2026-11". */
export function bucketLabel(start: string, bucket: ActivityBucket): string {
  if (bucket === 'month') return start.slice(0, 7);
  const thursday = addDays(start, 3); // the ISO week belongs to the year of its Thursday
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The instant a local day begins in `timeZone`. */
const dayStarts = (day: string, timeZone: string) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return zonedInstant(year, month, date, 0, 0, timeZone);
};

/** The period before: as many whole months for a whole-month period, else as many days. */
export function previousPeriodOf(period: ActivityPeriod): ActivityPeriod {
  const dayAfter = addDays(period.to, 1);
  if (period.from.endsWith('-01') && dayAfter.endsWith('-01')) {
    const months = (Number(dayAfter.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 + Number(dayAfter.slice(5, 7)) - Number(period.from.slice(5, 7));
    return { from: addMonths(period.from, -months), to: addDays(period.from, -1) };
  }
  const days = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

// ---------------------------------------------------------------------------------------------
// Figures

export const emptyFigures = (): ActivityFigures => ({
  notes: {}, notesTotal: 0, tasksPlanned: 0, tasksDoneOnTime: 0, tasksDoneLate: 0, tasksOverdue: 0,
  contactsOpened: 0, contactsWon: 0, contactsLost: 0, documents: {}, documentsIssued: 0, documentsNetGrosze: 0n, documentsGrossGrosze: 0n,
});

/** Adds `b` into `a` (and returns `a`). */
function addFigures(a: ActivityFigures, b: ActivityFigures): ActivityFigures {
  for (const [kind, n] of Object.entries(b.notes)) a.notes[kind] = (a.notes[kind] ?? 0) + n;
  a.notesTotal += b.notesTotal;
  a.tasksPlanned += b.tasksPlanned;
  a.tasksDoneOnTime += b.tasksDoneOnTime;
  a.tasksDoneLate += b.tasksDoneLate;
  a.tasksOverdue += b.tasksOverdue;
  a.contactsOpened += b.contactsOpened;
  a.contactsWon += b.contactsWon;
  a.contactsLost += b.contactsLost;
  for (const [kind, d] of Object.entries(b.documents)) {
    const into = (a.documents[kind] ??= { count: 0, netGrosze: 0n, grossGrosze: 0n });
    into.count += d.count;
    into.netGrosze += d.netGrosze;
    into.grossGrosze += d.grossGrosze;
  }
  a.documentsIssued += b.documentsIssued;
  a.documentsNetGrosze += b.documentsNetGrosze;
  a.documentsGrossGrosze += b.documentsGrossGrosze;
  return a;
}

// ---------------------------------------------------------------------------------------------
// Queries

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day (2026-02-30 and 2026-13-01 are refused, not rolled over). */
const day = z.string().regex(DAY, 'expected YYYY-MM-DD').refine((d) => !DAY.test(d) || (Number.isFinite(dayMs(d)) && dayOf(dayMs(d)) === d), 'no such date');
const activityInput = z
  .object({
    from: day,
    to: day,
    timeZone: z.string().refine(isKnownTimeZone, 'unknown time zone'),
    bucket: z.enum(ACTIVITY_BUCKETS),
    employeeId: optionalId,
    kindId: optionalId,
    now: z.date(),
  })
  .superRefine((v, ctx) => {
    if (!DAY.test(v.from) || !DAY.test(v.to)) return;
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period ends before it starts' });
    else if (daysBetween(v.from, v.to) + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_PERIOD_DAYS} days` });
  });

/** Where the rows of one statement fall: slot 1 = previous period, slot k + 2 = bucket k. */
type Slots = { instants: string[]; days: string[] };
type Filters = { employeeId: number | null; kindId: number | null };

type NoteRow = { employee: number | null; slot: number; kind: string | null; n: number };
type TaskRow = { employee: number | null; slot: number; planned: number; onTime: number; late: number; overdue: number };
type ContactRow = { employee: number | null; slot: number; opened: number; won: number; lost: number };
type DocumentRow = { employee: number | null; slot: number; kind: string; n: number; net: bigint; gross: bigint };

// Each statement is planned for its actual values (NO_PREPARE): the row counts, and so the best
// plan, depend on the period's length, while planning costs well under a millisecond.
const iso = (instants: Date[]) => instants.map((d) => d.toISOString());

function noteRows(db: Db | Tx, slots: Slots, f: Filters) {
  const lo = slots.instants[0]!;
  const hi = slots.instants.at(-1)!;
  return db.$queryRaw<NoteRow[]>`${Prisma.raw(NO_PREPARE)}
    SELECT i."authorId" AS employee, width_bucket(i."occurredAt", ${slots.instants}::timestamp[]) AS slot, i."noteKind" AS kind, count(*)::int AS n
    FROM "Item" i ${f.kindId ? Prisma.sql`JOIN "Contact" c ON c.id = i."contactId" AND c."kindId" = ${f.kindId}` : Prisma.empty}
    WHERE i.type = 'note' AND i."dueAt" IS NULL AND i."occurredAt" >= ${lo}::timestamp AND i."occurredAt" < ${hi}::timestamp
      ${f.employeeId ? Prisma.sql`AND i."authorId" = ${f.employeeId}` : Prisma.empty}
    GROUP BY 1, 2, 3`;
}

function taskRows(db: Db | Tx, slots: Slots, f: Filters, now: Date) {
  const lo = slots.instants[0]!;
  const hi = slots.instants.at(-1)!;
  return db.$queryRaw<TaskRow[]>`${Prisma.raw(NO_PREPARE)}
    SELECT i."assigneeId" AS employee, width_bucket(i."dueAt", ${slots.instants}::timestamp[]) AS slot,
      count(*)::int AS planned,
      count(*) FILTER (WHERE i."doneAt" <= i."dueAt")::int AS "onTime",
      count(*) FILTER (WHERE i."doneAt" > i."dueAt")::int AS late,
      count(*) FILTER (WHERE i."doneAt" IS NULL AND i."dueAt" < ${now.toISOString()}::timestamp)::int AS overdue
    FROM "Item" i ${f.kindId ? Prisma.sql`JOIN "Contact" c ON c.id = i."contactId" AND c."kindId" = ${f.kindId}` : Prisma.empty}
    WHERE i.type = 'note' AND i."dueAt" IS NOT NULL AND i."dueAt" >= ${lo}::timestamp AND i."dueAt" < ${hi}::timestamp
      ${f.employeeId ? Prisma.sql`AND i."assigneeId" = ${f.employeeId}` : Prisma.empty}
    GROUP BY 1, 2`;
}

function contactRows(db: Db | Tx, slots: Slots, f: Filters) {
  const lo = slots.instants[0]!;
  const hi = slots.instants.at(-1)!;
  const filters = Prisma.sql`${f.kindId ? Prisma.sql`AND c."kindId" = ${f.kindId}` : Prisma.empty}
    ${f.employeeId ? Prisma.sql`AND c."ownerId" = ${f.employeeId}` : Prisma.empty}`;
  return db.$queryRaw<ContactRow[]>`${Prisma.raw(NO_PREPARE)}
    SELECT c."ownerId" AS employee, width_bucket(c."registeredAt", ${slots.instants}::timestamp[]) AS slot, count(*)::int AS opened, 0 AS won, 0 AS lost
    FROM "Contact" c
    WHERE c."registeredAt" >= ${lo}::timestamp AND c."registeredAt" < ${hi}::timestamp ${filters}
    GROUP BY 1, 2
    UNION ALL
    SELECT c."ownerId", width_bucket(c."closedAt", ${slots.instants}::timestamp[]), 0,
      count(*) FILTER (WHERE c.outcome = 'won')::int, count(*) FILTER (WHERE c.outcome = 'lost')::int
    FROM "Contact" c
    WHERE c."closedAt" >= ${lo}::timestamp AND c."closedAt" < ${hi}::timestamp AND c.status = 'closed' AND c.outcome IN ('won', 'lost') ${filters}
    GROUP BY 1, 2`;
}

function documentRows(db: Db | Tx, slots: Slots, f: Filters) {
  const lo = slots.days[0]!;
  const hi = slots.days.at(-1)!;
  // Decimal(14,2) × 100 is exact: sums of integer grosze.
  return db.$queryRaw<DocumentRow[]>`${Prisma.raw(NO_PREPARE)}
    SELECT d."createdById" AS employee, width_bucket(d."issueDate", ${slots.days}::date[]) AS slot, d."kindCode" AS kind, count(*)::int AS n,
      sum(d."netTotal" * 100)::bigint AS net, sum(d."grossTotal" * 100)::bigint AS gross
    FROM "Document" d ${f.kindId ? Prisma.sql`JOIN "Contact" c ON c.id = d."contactId" AND c."kindId" = ${f.kindId}` : Prisma.empty}
    WHERE d.status = 'issued' AND d."issueDate" >= ${lo}::date AND d."issueDate" < ${hi}::date
      ${f.employeeId ? Prisma.sql`AND d."createdById" = ${f.employeeId}` : Prisma.empty}
    GROUP BY 1, 2, 3`;
}

/** Runs the statements in parallel on the client, one after another in a transaction (one connection). */
async function runAll<T extends readonly (() => Promise<unknown>)[]>(db: Db | Tx, queries: T): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if ('$transaction' in db) return Promise.all(queries.map((q) => q())) as never;
  const results: unknown[] = [];
  for (const q of queries) results.push(await q());
  return results as never;
}

/**
 * The activity report: per employee × bucket, team totals per bucket and for the period, and the
 * previous period's totals (per employee and the team). Definitions: see the head of this file.
 */
export async function getActivity(db: Db | Tx, input: GetActivityInput): Promise<Activity> {
  const data = parseInput(activityInput, input);
  const period = { from: data.from, to: data.to };
  const previousPeriod = previousPeriodOf(period);
  const filters: Filters = { employeeId: data.employeeId ?? null, kindId: data.kindId ?? null };

  // Bucket starts within the period; the first bucket begins at `from` even mid-week.
  const buckets: ActivityBucketInfo[] = [];
  for (let start = bucketStart(period.from, data.bucket); start <= period.to; start = nextBucket(start, data.bucket)) {
    buckets.push({ start, label: bucketLabel(start, data.bucket) });
  }
  const dayAfter = addDays(period.to, 1);
  const edges = [previousPeriod.from, period.from, ...buckets.slice(1).map((b) => b.start), dayAfter];
  const slots: Slots = { days: edges, instants: iso(edges.map((d) => dayStarts(d, data.timeZone))) };

  const [notes, tasks, contacts, documents, kinds] = await runAll(db, [
    () => noteRows(db, slots, filters),
    () => taskRows(db, slots, filters, data.now),
    () => contactRows(db, slots, filters),
    () => documentRows(db, slots, filters),
    () => db.documentKind.findMany({ select: { code: true, namePl: true, nameEn: true }, orderBy: { code: 'asc' } }),
  ] as const);

  // employee → slot → figures
  const grid = new Map<number | null, Map<number, ActivityFigures>>();
  const at = (employee: number | null, slot: number) => {
    let row = grid.get(employee);
    if (!row) grid.set(employee, (row = new Map()));
    let figures = row.get(slot);
    if (!figures) row.set(slot, (figures = emptyFigures()));
    return figures;
  };
  for (const r of notes) {
    const f = at(r.employee, r.slot);
    const kind = r.kind ?? OTHER_NOTE_KIND;
    f.notes[kind] = (f.notes[kind] ?? 0) + r.n;
    f.notesTotal += r.n;
  }
  for (const r of tasks) {
    const f = at(r.employee, r.slot);
    f.tasksPlanned += r.planned;
    f.tasksDoneOnTime += r.onTime;
    f.tasksDoneLate += r.late;
    f.tasksOverdue += r.overdue;
  }
  for (const r of contacts) {
    const f = at(r.employee, r.slot);
    f.contactsOpened += r.opened;
    f.contactsWon += r.won;
    f.contactsLost += r.lost;
  }
  for (const r of documents) {
    const f = at(r.employee, r.slot);
    f.documents[r.kind] = { count: r.n, netGrosze: BigInt(r.net), grossGrosze: BigInt(r.gross) };
    f.documentsIssued += r.n;
    f.documentsNetGrosze += BigInt(r.net);
    f.documentsGrossGrosze += BigInt(r.gross);
  }

  const cells: Activity['cells'] = [];
  const byEmployee: Activity['byEmployee'] = [];
  const byBucket = buckets.map((b) => ({ bucket: b.start, figures: emptyFigures() }));
  const total = emptyFigures();
  const previousTotal = emptyFigures();
  for (const [employeeId, row] of grid) {
    const figures = emptyFigures();
    const previous = emptyFigures();
    for (const [slot, f] of row) {
      if (slot === 1) {
        addFigures(previous, f);
        continue;
      }
      const bucket = byBucket[slot - 2];
      if (!bucket) continue; // outside both periods (cannot happen: the WHERE bounds them)
      cells.push({ employeeId, bucket: bucket.bucket, figures: f });
      addFigures(bucket.figures, f);
      addFigures(figures, f);
    }
    byEmployee.push({ employeeId, figures, previous });
    addFigures(total, figures);
    addFigures(previousTotal, previous);
  }

  const ids = [...new Set([...grid.keys(), filters.employeeId].filter((id): id is number => id !== null))];
  const names = new Map((await db.employee.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((e) => [e.id, e.name]));
  const byName = (a: number | null, b: number | null) =>
    a === null ? 1 : b === null ? -1 : (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'pl') || a - b;
  if (filters.employeeId !== null && !grid.has(filters.employeeId)) byEmployee.push({ employeeId: filters.employeeId, figures: emptyFigures(), previous: emptyFigures() });
  byEmployee.sort((a, b) => byName(a.employeeId, b.employeeId));
  const bucketIndex = new Map(buckets.map((b, i) => [b.start, i]));
  cells.sort((a, b) => byName(a.employeeId, b.employeeId) || bucketIndex.get(a.bucket)! - bucketIndex.get(b.bucket)!);

  const noteKinds = [...new Set([...Object.keys(total.notes), ...Object.keys(previousTotal.notes)])].sort(
    (a, b) => (total.notes[b] ?? 0) - (total.notes[a] ?? 0) || (previousTotal.notes[b] ?? 0) - (previousTotal.notes[a] ?? 0) || a.localeCompare(b, 'pl'),
  );
  const documentCodes = new Set([...Object.keys(total.documents), ...Object.keys(previousTotal.documents)]);

  return {
    period,
    previousPeriod,
    bucket: data.bucket,
    timeZone: data.timeZone,
    buckets,
    noteKinds,
    documentKinds: kinds.filter((k) => documentCodes.has(k.code)),
    employees: byEmployee.map((e) => ({ id: e.employeeId, name: e.employeeId === null ? null : (names.get(e.employeeId) ?? null) })),
    cells,
    byEmployee,
    byBucket,
    total,
    previousTotal,
  };
}

// ---------------------------------------------------------------------------------------------
// The compact form for chat (Slack `/contact activity [@user] [week|month]`).

export type ActivitySummary = {
  bucket: ActivityBucket;
  employeeId: number | null;
  /** The week or month containing `now` (whole: tasks due later in it count as planned). */
  current: ActivityPeriod & { label: string; figures: ActivityFigures };
  /** The whole week or month before. */
  previous: ActivityPeriod & { label: string; figures: ActivityFigures };
  /** Note kinds of either period, most used now first. */
  notesByKind: { kind: string; current: number; previous: number }[];
};

/** This week (or month) so far against the last one, for one employee or the team. */
export async function getActivitySummary(
  db: Db | Tx,
  input: { employeeId?: number | null; bucket: ActivityBucket; now: Date; timeZone: string; kindId?: number | null },
): Promise<ActivitySummary> {
  if (!isKnownTimeZone(input.timeZone)) throw validation({ timeZone: 'unknown time zone' });
  const today = localDay(input.now, input.timeZone);
  const activity = await getActivity(db, {
    from: bucketStart(today, input.bucket), to: bucketEnd(today, input.bucket), timeZone: input.timeZone, bucket: input.bucket,
    employeeId: input.employeeId, kindId: input.kindId, now: input.now,
  });
  return {
    bucket: input.bucket,
    employeeId: input.employeeId ?? null,
    current: { ...activity.period, label: bucketLabel(activity.period.from, input.bucket), figures: activity.total },
    previous: { ...activity.previousPeriod, label: bucketLabel(activity.previousPeriod.from, input.bucket), figures: activity.previousTotal },
    notesByKind: activity.noteKinds.map((kind) => ({ kind, current: activity.total.notes[kind] ?? 0, previous: activity.previousTotal.notes[kind] ?? 0 })),
  };
}
