// The three measurements of the issue: text search, a contact with its latest 50 items, and
// contact creation by 8 concurrent clients. Each warms up first and keeps every sample, so the
// report can show percentiles and point at the slowest call.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Db } from '../../src/db.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { getContact } from '../../src/domain/contacts/get-contact.ts';
import { searchContacts, type SearchContactsInput } from '../../src/domain/contacts/search-contacts.ts';
import type { Actor } from '../../src/domain/shared/actor.ts';
import { OBJECTS, TITLE_STARTS } from './polish-words.ts';
import { createRandom } from './random.ts';
import type { SearchCase } from './search-queries.ts';
import { summarize, timed, type Summary } from './stats.ts';

export type Sample<T> = { ms: number; detail: T };

// ---------------------------------------------------------------------------------------------
// Search

export type SearchSample = Sample<{ category: string; input: SearchContactsInput; rows: number }>;

export async function benchSearch(db: Db, cases: SearchCase[], warmUp: SearchCase[], secondPages: number) {
  for (const c of warmUp) await searchContacts(db, c.input);
  const firstPages: SearchSample[] = [];
  const cursors: { category: string; input: SearchContactsInput }[] = [];
  for (const c of cases) {
    const { result, ms } = await timed(() => searchContacts(db, c.input));
    firstPages.push({ ms, detail: { category: c.category, input: c.input, rows: result.contacts.length } });
    if (result.nextCursor) cursors.push({ category: c.category, input: { ...c.input, cursor: result.nextCursor } });
  }
  // Second pages of the first `secondPages` searches that have one (a fair mix of categories: the cases are shuffled).
  const nextPages: SearchSample[] = [];
  for (const c of cursors.slice(0, secondPages)) {
    const { result, ms } = await timed(() => searchContacts(db, c.input));
    nextPages.push({ ms, detail: { ...c, rows: result.contacts.length } });
  }
  return { firstPages, nextPages };
}

// ---------------------------------------------------------------------------------------------
// A contact with its latest items

export type GetContactSample = Sample<{ id: number; items: number }>;

export async function benchGetContact(db: Db, ids: number[], warmUpIds: number[]) {
  for (const id of warmUpIds) await getContact(db, id, { items: 50 });
  const samples: GetContactSample[] = [];
  for (const id of ids) {
    const { result, ms } = await timed(() => getContact(db, id, { items: 50 }));
    samples.push({ ms, detail: { id, items: result.items.length } });
  }
  return samples;
}

/** `count` random contact ids, and `count` of those with at least `minItems` items (a full first page). */
export async function sampleContactIds(pool: pg.Pool, options: { maxContactId: number; count: number; minItems: number; seed: number }) {
  const r = createRandom(options.seed);
  const any = Array.from({ length: options.count }, () => r.int(1, options.maxContactId));
  const { rows } = await pool.query<{ id: number }>(
    'SELECT "contactId" AS id FROM "Item" WHERE "contactId" <= $1 GROUP BY 1 HAVING count(*) >= $2 ORDER BY 1',
    [options.maxContactId, options.minItems],
  );
  const busy = Array.from({ length: Math.min(options.count, rows.length) }, () => r.pick(rows).id);
  return { any, busy };
}

// ---------------------------------------------------------------------------------------------
// Creation throughput

export type CreationRun = {
  label: string;
  clients: number;
  attempted: number;
  created: number;
  errors: number;
  firstError: string | null;
  /** Stopped before `total` because errors piled up. */
  aborted: boolean;
  elapsedMs: number;
  perSecond: number;
  latency: Summary;
  scopes: string[];
};

type CreationRefs = { companies: { id: number; people: number[] }[]; owners: number[]; kinds: number[] };

export async function loadCreationRefs(pool: pg.Pool): Promise<CreationRefs> {
  const [companies, owners, kinds] = await Promise.all([
    pool.query<{ id: number; people: number[] }>(
      `SELECT co.id, coalesce(array_agg(p.id) FILTER (WHERE p.id IS NOT NULL), '{}') AS people
       FROM "Company" co LEFT JOIN "Person" p ON p."companyId" = co.id WHERE co.active GROUP BY co.id ORDER BY co.id`,
    ),
    pool.query<{ id: number }>('SELECT id FROM "Employee" WHERE active ORDER BY id'),
    pool.query<{ id: number }>('SELECT id FROM "ContactKind" WHERE active ORDER BY id'),
  ]);
  return { companies: companies.rows, owners: owners.rows.map((e) => e.id), kinds: kinds.rows.map((k) => k.id) };
}

/**
 * `clients` async loops on one Prisma client (its pool has at least `clients` connections) share
 * a counter of `total` creations. `registeredAt` picks the registration instant of each (undefined:
 * now, as the panel, Slack and mail do). Gives up after `maxErrors` failures.
 */
export async function benchCreate(
  db: Db,
  refs: CreationRefs,
  options: { label: string; clients: number; total: number; warmUp: number; seed: number; registeredAt?: () => Date; maxErrors?: number },
): Promise<CreationRun> {
  const r = createRandom(options.seed);
  const maxErrors = options.maxErrors ?? 50;
  const input = () => {
    const company = r.pick(refs.companies);
    const ownerId = r.pick(refs.owners);
    const actor: Actor = { employeeId: ownerId, role: 'member', channel: 'api' };
    return {
      actor,
      input: {
        companyId: company.id,
        personId: company.people.length > 0 && r.chance(0.6) ? r.pick(company.people) : null,
        ownerId,
        kindId: r.chance(0.9) ? r.pick(refs.kinds) : null,
        title: `${r.pick(TITLE_STARTS)} ${r.pick(OBJECTS)}`,
        description: r.chance(0.5) ? 'Zgłoszenie przyjęte przez API, oddzwonić do klienta.' : '',
        priority: r.pick(['high', 'normal', 'low'] as const),
        ...(options.registeredAt && { registeredAt: options.registeredAt() }),
      },
    };
  };

  const run = async (total: number) => {
    let next = 0;
    const latencies: number[] = [];
    const errors: unknown[] = [];
    const client = async () => {
      while (next < total && errors.length < maxErrors) {
        next++;
        const { actor, input: data } = input();
        const start = performance.now();
        try {
          await createContact(db, actor, data);
          latencies.push(performance.now() - start);
        } catch (error) {
          errors.push(error);
        }
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: options.clients }, client));
    return { elapsedMs: performance.now() - start, latencies, errors, attempted: next };
  };

  const warm = await run(options.warmUp);
  const measured = await run(options.total);
  const firstError = measured.errors[0] ?? warm.errors[0];
  return {
    label: options.label,
    clients: options.clients,
    attempted: measured.attempted,
    created: measured.latencies.length,
    errors: measured.errors.length + warm.errors.length,
    firstError: firstError === undefined ? null : String((firstError as Error).message ?? firstError).replace(/\s+/g, ' ').trim().slice(-300),
    aborted: measured.attempted < options.total,
    elapsedMs: measured.elapsedMs,
    perSecond: measured.latencies.length / (measured.elapsedMs / 1000),
    latency: summarize(measured.latencies),
    scopes: [],
  };
}

export type GaplessCheck = { scope: string; contacts: number; distinct: number; maxSeq: number; lastValue: number | null; gapless: boolean };

/** Numbers of a year: as many contacts as the highest number, no duplicates, and the counter agrees. */
export async function checkGapless(pool: pg.Pool, year: number): Promise<GaplessCheck> {
  const scope = `contact:${year}`;
  const { rows: [row] } = await pool.query<{ contacts: string; distinct: string; max_seq: number | null; last_value: number | null }>(
    `SELECT count(*) AS contacts, count(DISTINCT split_part(number, '/', 3)::int) AS distinct,
            max(split_part(number, '/', 3)::int) AS max_seq,
            (SELECT "lastValue" FROM "NumberSequence" WHERE scope = $2) AS last_value
     FROM "Contact" WHERE number LIKE $1`,
    [`K/${year}/%`, scope],
  );
  const contacts = Number(row!.contacts);
  const distinct = Number(row!.distinct);
  const maxSeq = row!.max_seq ?? 0;
  return { scope, contacts, distinct, maxSeq, lastValue: row!.last_value, gapless: contacts === maxSeq && distinct === contacts && (row!.last_value ?? 0) === maxSeq };
}
