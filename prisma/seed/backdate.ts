// The domain stamps history, closings, done tasks and issued documents with the current time;
// the demo tells a story of the past two years. This moves those timestamps to when the
// planned events happened. It runs once, right after the load, in the same transaction: numbers,
// search text and the history's content stay exactly as the domain wrote them.
import { Prisma, type Tx } from '../../src/db.ts';
import type { Timestamps } from './load-contacts.ts';

/** Timestamp columns are TIMESTAMP(3) holding UTC, as Prisma writes them. */
const utc = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The master data rows the demo created, dated `since`. */
export type MasterDataRows = { since: Date; employees: number[]; companies: number[]; people: number[]; articles: number[] };

/**
 * Returns how many of the demo's history entries had no planned time (0 when plan and domain
 * agree). Only rows the demo wrote are touched.
 */
export async function backdate(tx: Tx, times: Timestamps, master: MasterDataRows): Promise<number> {
  const contacts = times.contactIds;
  const unmatched = await backdateHistory(tx, contacts, times.history);
  await backdateHistoryValues(tx, contacts);

  const closed = [...times.closedAt];
  await tx.$executeRaw`
    UPDATE "Contact" c SET "closedAt" = v.at
    FROM (SELECT unnest(${closed.map(([id]) => id)}::int[]) AS id, unnest(${closed.map(([, at]) => utc(at))}::timestamp[]) AS at) v
    WHERE c.id = v.id`;

  const done = [...times.doneAt];
  await tx.$executeRaw`
    UPDATE "Item" i SET "doneAt" = v.at
    FROM (SELECT unnest(${done.map(([id]) => id)}::int[]) AS id, unnest(${done.map(([, at]) => utc(at))}::timestamp[]) AS at) v
    WHERE i.id = v.id`;

  const docs = times.documents;
  await tx.$executeRaw`
    WITH v AS (SELECT unnest(${docs.map((d) => d.id)}::int[]) AS id, unnest(${docs.map((d) => d.contactId)}::int[]) AS "contactId",
                      unnest(${docs.map((d) => utc(d.at))}::timestamp[]) AS at),
    documents AS (UPDATE "Document" d SET "createdAt" = v.at, "updatedAt" = v.at FROM v WHERE d.id = v.id)
    UPDATE "Item" i SET "occurredAt" = v.at
    FROM v WHERE i."documentId" = v.id AND i."contactId" = v."contactId" AND i.type = 'document'`;

  const linked = [...times.linkedItems];
  await tx.$executeRaw`
    UPDATE "Item" i SET "occurredAt" = v.at
    FROM (SELECT unnest(${linked.map(([id]) => id)}::int[]) AS id, unnest(${linked.map(([, at]) => utc(at))}::timestamp[]) AS at) v
    WHERE i.id = v.id`;

  const lines = [...times.salesLines];
  await tx.$executeRaw`
    UPDATE "SalesLine" l SET "createdAt" = v.created, "updatedAt" = v.updated
    FROM (SELECT unnest(${lines.map(([id]) => id)}::int[]) AS id, unnest(${lines.map(([, t]) => utc(t.createdAt))}::timestamp[]) AS created,
                 unnest(${lines.map(([, t]) => utc(t.updatedAt))}::timestamp[]) AS updated) v
    WHERE l.id = v.id`;

  await tx.$executeRaw`
    UPDATE "Item" SET "createdAt" = "occurredAt", "updatedAt" = GREATEST("occurredAt", "doneAt")
    WHERE "contactId" = ANY(${contacts}::int[])`;
  await tx.$executeRaw`
    UPDATE "Contact" c SET "createdAt" = c."registeredAt",
      "updatedAt" = GREATEST(c."registeredAt", (SELECT max(h.at) FROM "HistoryEntry" h WHERE h."contactId" = c.id))
    WHERE c.id = ANY(${contacts}::int[])`;
  const since = utc(master.since);
  const tables = { Employee: master.employees, Company: master.companies, Person: master.people, Article: master.articles };
  for (const [table, ids] of Object.entries(tables)) {
    await tx.$executeRaw`
      UPDATE ${Prisma.raw(`"${table}"`)} SET "createdAt" = ${since}::timestamp, "updatedAt" = ${since}::timestamp
      WHERE id = ANY(${ids}::int[])`;
  }
  return unmatched;
}

/**
 * Closings, reopenings and done tasks record the time the domain stamped (closedAt, doneAt) in
 * their changes; make those values the entry's (already backdated) time, and a reopening's old
 * closedAt the time of the closing before it.
 */
async function backdateHistoryValues(tx: Tx, contacts: number[]) {
  await tx.$executeRaw`
    WITH iso AS (
      SELECT h.id,
        to_jsonb(to_char(h.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS at,
        to_jsonb(to_char((SELECT max(p.at) FROM "HistoryEntry" p
                          WHERE p."contactId" = h."contactId" AND p.action = 'closed' AND p.at < h.at), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS "closedBefore"
      FROM "HistoryEntry" h WHERE h.action IN ('closed', 'reopened', 'task done') AND h."contactId" = ANY(${contacts}::int[])
    )
    UPDATE "HistoryEntry" h SET changes = (
      SELECT jsonb_agg(CASE
          WHEN e->>'field' = 'closedAt' AND h.action = 'closed' THEN jsonb_set(e, '{new}', iso.at)
          WHEN e->>'field' = 'closedAt' AND h.action = 'reopened' THEN jsonb_set(e, '{old}', coalesce(iso."closedBefore", 'null'::jsonb))
          WHEN e->>'field' = 'doneAt' AND h.action = 'task done' THEN jsonb_set(e, '{new}', iso.at)
          ELSE e END ORDER BY x.n)
      FROM jsonb_array_elements(h.changes) WITH ORDINALITY AS x(e, n))
    FROM iso WHERE h.id = iso.id`;
}

/**
 * Pairs the recorded times with the history rows: per contact, entity and action, the n-th time
 * recorded belongs to the n-th entry written (the load writes one contact's events in order).
 */
async function backdateHistory(tx: Tx, contacts: number[], history: Timestamps['history']): Promise<number> {
  const key = (e: { contactId: number; entity: string; action: string }) => `${e.contactId}|${e.entity}|${e.action}`;
  const planned = new Map<string, Date[]>();
  for (const entry of history) {
    const times = planned.get(key(entry)) ?? [];
    times.push(entry.at);
    planned.set(key(entry), times);
  }

  const rows = await tx.historyEntry.findMany({
    where: { contactId: { in: contacts } },
    select: { id: true, contactId: true, entity: true, action: true },
    orderBy: { id: 'asc' },
  });
  const ids: number[] = [];
  const ats: string[] = [];
  const used = new Map<string, number>();
  let unmatched = 0;
  for (const row of rows) {
    const n = used.get(key(row)) ?? 0;
    const at = planned.get(key(row))?.[n];
    used.set(key(row), n + 1);
    if (!at) {
      unmatched++;
      continue;
    }
    ids.push(row.id);
    ats.push(utc(at));
  }
  await tx.$executeRaw`
    UPDATE "HistoryEntry" h SET at = v.at
    FROM (SELECT unnest(${ids}::int[]) AS id, unnest(${ats}::timestamp[]) AS at) v
    WHERE h.id = v.id`;
  return unmatched;
}
