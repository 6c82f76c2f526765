// Contact search: every word of the query must appear (case- and diacritic-insensitively) in the
// contact's own text (number, title, company, person, description) or in one of its items.
// A query word matches a contact when it is a substring of one of its words: of the folded
// searchText, or of itemWords (the distinct words of its items). Two plans give the same answer:
// the walk through the sort order testing LIKE '%word%' on both columns (quick for common words:
// a page fills early), and the word index (search-words.ts) for rarer ones, where the walk could
// pass tens of thousands of rows first. The plan is chosen per query from word frequencies.
// Results come in keyset pages so page 100 costs what page 1 does.
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { validation } from '../../errors.ts';
import { foldText } from '../shared/fold-text.ts';
import { calendarDate, id, instant, text } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { closeDateSql, salesFilterFields, timeZoneField } from '../analytics/sales-filters.ts';
import { DEFAULT_SETTINGS } from '../shared/settings.ts';
import { OUTCOMES, PRIORITIES } from './contact-fields.ts';

const oneOrMany = <T extends z.ZodTypeAny>(schema: T) =>
  z.union([schema, z.array(schema)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** Sortable columns. "recent" (registered, newest first) and "due" (deadline, soonest first) are the original names. */
export const CONTACT_SORTS = ['recent', 'due', 'number', 'title', 'company', 'owner', 'deadline', 'priority', 'registered'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

const searchContactsInput = z.object({
  q: text(200).optional(),
  status: z.enum(['open', 'closed']).optional(),
  priority: oneOrMany(z.enum(PRIORITIES)).optional(),
  /** null: unassigned contacts only. */
  ownerId: id.nullable().optional(),
  /** null: contacts without a kind only. */
  kindId: id.nullable().optional(),
  companyId: id.optional(),
  /** The kind of the contact's company (client, prospect…). */
  companyKind: salesFilterFields.companyKind,
  /** Any of these outcomes; 'none': no outcome (open, or closed without one). */
  outcome: oneOrMany(z.enum([...OUTCOMES, 'none'])).optional(),
  /** Closed at or after / at or before these instants. */
  closedFrom: instant.optional(),
  closedTo: instant.optional(),
  /**
   * The forecast's close date (expected close date, else the deadline's day in `timeZone`) on or
   * after / on or before these calendar days; `undated`: contacts with neither date.
   */
  closeFrom: calendarDate.optional(),
  closeTo: calendarDate.optional(),
  undated: z.boolean().optional(),
  /** The zone whose calendar reads deadlines for closeFrom / closeTo. */
  timeZone: timeZoneField.default(DEFAULT_SETTINGS.timeZone),
  dueFrom: z.union([instant, calendarDate]).optional(),
  dueTo: z.union([instant, calendarDate]).optional(),
  /** Open contacts whose deadline has passed. */
  overdue: z.boolean().optional(),
  sort: z.enum(CONTACT_SORTS).default('recent'),
  /** Default: descending for recent, registered and priority (highest first), ascending otherwise. */
  dir: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).nullable().optional(),
  /** The clock for "overdue" (tests pass a fixed one). */
  now: instant.optional(),
});
export type SearchContactsInput = z.input<typeof searchContactsInput>;

export type ContactSummary = {
  id: number; number: string; title: string; status: 'open' | 'closed'; priority: 'high' | 'normal' | 'low';
  dueAt: Date | null; registeredAt: Date; outcome: string | null; version: number;
  companyId: number; companyName: string; personName: string | null; ownerId: number | null; ownerName: string | null; kindName: string | null;
};

const MAX_TERMS = 6;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Each word must occur in the contact's own text or in the words of its items (items/item-words.ts).
 * strpos rather than LIKE: PostgreSQL cannot estimate it, so it takes it for common and walks the
 * sort order; for LIKE it may guess "rare" and read the whole table (choosePlan decides instead).
 */
function termCondition(term: string): Prisma.Sql {
  return Prisma.sql`(strpos(c."searchText", ${term}) > 0 OR strpos(c."itemWords", ${term}) > 0)`;
}

/**
 * The sort key of each column: its SQL expression, whether it may be NULL (those rows come last in
 * both directions), how a cursor value is turned back into a parameter, and how a row gives it.
 * Ties are broken by id in the same direction, so (key, id) is a total order for keyset pages.
 */
type SortKey = {
  sql: Prisma.Sql; nullable: boolean; parse: (k: string | number) => unknown; of: (row: ContactSummary) => string | number | null;
  /** The table the key comes from, when not the contact's own. */
  join?: Prisma.Sql;
};
const JOIN_COMPANY = Prisma.sql`JOIN "Company" co ON co.id = c."companyId"`;
const JOIN_OWNER = Prisma.sql`LEFT JOIN "Employee" e ON e.id = c."ownerId"`;
const asDate = (k: string | number) => new Date(k);
const PRIORITY_RANK: Record<string, number> = { low: 1, normal: 2, high: 3 };
const SORT_KEYS: Record<Exclude<ContactSort, 'recent' | 'due'>, SortKey> = {
  registered: { sql: Prisma.sql`c."registeredAt"`, nullable: false, parse: asDate, of: (r) => r.registeredAt.toISOString() },
  deadline: { sql: Prisma.sql`c."dueAt"`, nullable: true, parse: asDate, of: (r) => r.dueAt?.toISOString() ?? null },
  number: { sql: Prisma.sql`c.number`, nullable: false, parse: String, of: (r) => r.number },
  title: { sql: Prisma.sql`c.title`, nullable: false, parse: String, of: (r) => r.title },
  company: { sql: Prisma.sql`co.name`, nullable: false, parse: String, of: (r) => r.companyName, join: JOIN_COMPANY },
  owner: { sql: Prisma.sql`e.name`, nullable: true, parse: String, of: (r) => r.ownerName, join: JOIN_OWNER },
  // low < normal < high: descending shows the highest first.
  priority: {
    sql: Prisma.sql`(CASE c.priority WHEN 'low' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`,
    nullable: false,
    parse: Number,
    of: (r) => PRIORITY_RANK[r.priority]!,
  },
};
const DESC_BY_DEFAULT = new Set<ContactSort>(['recent', 'registered', 'priority']);

/** The column and direction a sort means ("recent" and "due" are the original names). */
export function resolveSort(sort: ContactSort, dir?: 'asc' | 'desc') {
  const column = sort === 'recent' ? 'registered' : sort === 'due' ? 'deadline' : sort;
  return { column, dir: dir ?? (DESC_BY_DEFAULT.has(sort) ? 'desc' : 'asc') } as const;
}

/** The cursor names its sort, so a cursor from another sort is refused rather than misread. */
type Cursor = { s: string; k: string | number | null; id: number };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string, sortName: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Number.isInteger(c?.id) && c.s === sortName && (c.k === null || typeof c.k === 'string' || typeof c.k === 'number')) return c;
  } catch {
    /* fall through */
  }
  throw validation({ cursor: 'invalid page cursor; start from the first page' });
}

function keysetCondition(key: SortKey, dir: 'asc' | 'desc', cursor: Cursor): Prisma.Sql {
  const after = dir === 'asc' ? Prisma.sql`>` : Prisma.sql`<`;
  if (cursor.k === null) {
    // Only a nullable key yields a null cursor: the rest of the NULL block, by id.
    return Prisma.sql`(${key.sql} IS NULL AND c.id ${after} ${cursor.id})`;
  }
  const k = key.parse(cursor.k);
  const rest = Prisma.sql`(${key.sql} ${after} ${k} OR (${key.sql} = ${k} AND c.id ${after} ${cursor.id}))`;
  return key.nullable ? Prisma.sql`(${rest} OR ${key.sql} IS NULL)` : rest;
}

/** Which way to find a text search's matches; 'auto' chooses by word frequency (tests force one). */
export type SearchPlan = 'auto' | 'words' | 'walk';

export async function searchContacts(db: Db | Tx, input: SearchContactsInput = {}, options: { plan?: SearchPlan } = {}) {
  const f = parseInput(searchContactsInput, input);
  const now = f.now ?? new Date();
  const where: Prisma.Sql[] = [];
  const terms = [...new Set(foldText(f.q).split(' ').filter(Boolean))].slice(0, MAX_TERMS);
  if (f.status) where.push(Prisma.sql`c.status = ${f.status}::"ContactStatus"`);
  if (f.priority?.length) where.push(Prisma.sql`c.priority::text IN (${Prisma.join(f.priority)})`);
  if (f.ownerId === null) where.push(Prisma.sql`c."ownerId" IS NULL`);
  else if (f.ownerId !== undefined) where.push(Prisma.sql`c."ownerId" = ${f.ownerId}`);
  if (f.kindId === null) where.push(Prisma.sql`c."kindId" IS NULL`);
  else if (f.kindId) where.push(Prisma.sql`c."kindId" = ${f.kindId}`);
  if (f.companyId) where.push(Prisma.sql`c."companyId" = ${f.companyId}`);
  if (f.companyKind) where.push(Prisma.sql`co.kind = ${f.companyKind}::"CompanyKind"`);
  if (f.outcome?.length) {
    const outcomes = f.outcome.filter((o) => o !== 'none');
    const any = [
      ...(outcomes.length ? [Prisma.sql`c.outcome::text IN (${Prisma.join(outcomes)})`] : []),
      ...(f.outcome.includes('none') ? [Prisma.sql`c.outcome IS NULL`] : []),
    ];
    where.push(Prisma.sql`(${Prisma.join(any, ' OR ')})`);
  }
  if (f.closedFrom) where.push(Prisma.sql`c."closedAt" >= ${f.closedFrom}`);
  if (f.closedTo) where.push(Prisma.sql`c."closedAt" <= ${f.closedTo}`);
  // Calendar days go as 'YYYY-MM-DD' text: a Date would be read in the session's time zone.
  if (f.closeFrom) where.push(Prisma.sql`${closeDateSql(f.timeZone)} >= ${f.closeFrom.toISOString().slice(0, 10)}::date`);
  if (f.closeTo) where.push(Prisma.sql`${closeDateSql(f.timeZone)} <= ${f.closeTo.toISOString().slice(0, 10)}::date`);
  if (f.undated) where.push(Prisma.sql`c."expectedCloseAt" IS NULL AND c."dueAt" IS NULL`);
  if (f.dueFrom) where.push(Prisma.sql`c."dueAt" >= ${f.dueFrom}`);
  if (f.dueTo) where.push(Prisma.sql`c."dueAt" <= ${f.dueTo}`);
  if (f.overdue) where.push(Prisma.sql`c.status = 'open' AND c."dueAt" < ${now}`);
  const { column, dir } = resolveSort(f.sort, f.dir);
  const key = SORT_KEYS[column];
  const sortName = `${column}.${dir}`;
  // Other filters thin out what the walk finds, not what the word index collects.
  const filtered = where.length > 0;
  if (f.cursor) where.push(keysetCondition(key, dir, decodeCursor(f.cursor, sortName)));

  const page = (rows: ContactSummary[]) => {
    const contacts = rows.slice(0, f.limit);
    const last = contacts[contacts.length - 1];
    return { contacts, nextCursor: rows.length > f.limit && last ? encodeCursor({ s: sortName, k: key.of(last), id: last.id }) : null };
  };
  const query = { where, key, asc: dir === 'asc', limit: f.limit, needsCompany: Boolean(f.companyKind) };

  const plan = terms.length ? await choosePlan(db, terms, options.plan ?? 'auto', filtered ? WORD_PATH_CAP : WORD_PATH_ROWS) : ({ kind: 'walk' } as const);
  if (plan.kind === 'none') return { contacts: [], nextCursor: null };
  if (plan.kind === 'words') {
    // A word whose hashes no other word shares is answered by the index alone; the others (short
    // words, hash collisions) are tested on the text as well.
    const tested = terms.filter((t) => !plan.exact.has(t)).map(termCondition);
    const rows = await wordIndexQuery(db, { ...query, where: [...where, ...tested] }, plan.hashes);
    if (rows) return page(rows);
    // More candidates than the word path is meant for: the words are common after all.
  }
  return page(await walkQuery(db, { ...query, where: [...where, ...terms.map(termCondition)] }));
}

type PageQuery = { where: Prisma.Sql[]; key: SortKey; asc: boolean; limit: number; needsCompany: boolean };

const SELECT_SUMMARY = Prisma.sql`
  SELECT c.id, c.number, c.title, c.status::text AS status, c.priority::text AS priority, c."dueAt", c."registeredAt",
         c.outcome::text AS outcome, c.version, c."companyId", co.name AS "companyName", p.name AS "personName",
         c."ownerId", e.name AS "ownerName", k.name AS "kindName"`;
const FROM_CONTACTS = Prisma.sql`
  FROM "Contact" c
  JOIN "Company" co ON co.id = c."companyId"
  LEFT JOIN "Person" p ON p.id = c."personId"
  LEFT JOIN "Employee" e ON e.id = c."ownerId"
  LEFT JOIN "ContactKind" k ON k.id = c."kindId"`;
const orderBy = (sql: Prisma.Sql, nullable: boolean, asc: boolean, id: Prisma.Sql) =>
  Prisma.sql`${sql} ${asc ? Prisma.sql`ASC` : Prisma.sql`DESC`} ${nullable ? Prisma.sql`NULLS LAST` : Prisma.empty}, ${id} ${asc ? Prisma.sql`ASC` : Prisma.sql`DESC`}`;

/**
 * The walk: the rows in the sort order (the default walks the registeredAt index), each tested.
 * Cheap when the words are common, as a page fills after a few hundred rows.
 */
async function walkQuery(db: Db | Tx, q: PageQuery): Promise<ContactSummary[]> {
  return db.$queryRaw<ContactSummary[]>`
    ${SELECT_SUMMARY}
    ${FROM_CONTACTS}
    ${q.where.length ? Prisma.sql`WHERE ${Prisma.join(q.where, ' AND ')}` : Prisma.empty}
    ORDER BY ${orderBy(q.key.sql, q.key.nullable, q.asc, Prisma.sql`c.id`)}
    LIMIT ${q.limit + 1}`;
}

/**
 * The word path: the candidates from the GIN index of wordHashes (per query word, the hashes of
 * the words containing it; several words intersect inside the index), filtered, then sorted; the
 * names are joined to the page only. At most WORD_PATH_CAP matches are collected; null when there
 * are more (the caller walks instead). The arrays reach the plan as sub-selects, so PostgreSQL
 * does not estimate them: it would take a thousand rare words for a common one and walk instead.
 */
async function wordIndexQuery(db: Db | Tx, q: PageQuery, hashes: number[][]): Promise<ContactSummary[] | null> {
  const index = hashes.map((h) => Prisma.sql`c."wordHashes" && (SELECT ${h}::int[])`);
  const joins = [...new Set([...(q.needsCompany ? [JOIN_COMPANY] : []), ...(q.key.join ? [q.key.join] : [])])];
  const rows = await db.$queryRaw<(ContactSummary & { matchCount: number })[]>`
    WITH matches AS MATERIALIZED (
      SELECT c.id, ${q.key.sql} AS "sortKey"
      FROM "Contact" c ${joins.length ? Prisma.join(joins, ' ') : Prisma.empty}
      WHERE ${Prisma.join([...index, ...q.where], ' AND ')}
      LIMIT ${WORD_PATH_CAP + 1}
    ), page AS (
      SELECT id, "sortKey", (count(*) OVER ())::int AS "matchCount" FROM matches
      ORDER BY ${orderBy(Prisma.sql`"sortKey"`, q.key.nullable, q.asc, Prisma.sql`id`)}
      LIMIT ${q.limit + 1}
    )
    ${SELECT_SUMMARY}, m."matchCount"
    FROM page m JOIN "Contact" c ON c.id = m.id
    JOIN "Company" co ON co.id = c."companyId"
    LEFT JOIN "Person" p ON p.id = c."personId"
    LEFT JOIN "Employee" e ON e.id = c."ownerId"
    LEFT JOIN "ContactKind" k ON k.id = c."kindId"
    ORDER BY ${orderBy(Prisma.sql`m."sortKey"`, q.key.nullable, q.asc, Prisma.sql`m.id`)}`;
  if ((rows[0]?.matchCount ?? 0) > WORD_PATH_CAP) return null;
  return rows.map(({ matchCount: _n, ...row }) => row);
}

/**
 * At most this many estimated matches (of 100,000 contacts) go the word path when there are no
 * other filters (with them, up to WORD_PATH_CAP); more, and the walk fills a page sooner. Measured here: a match found through the index costs a random heap page
 * (~15 µs), a row walked ~4 µs, and the walk passes about limit × contacts / matches rows.
 */
const WORD_PATH_ROWS = 1_000;
/** The word path gives up past this many matches (a wrong estimate costs this many rows at most). */
const WORD_PATH_CAP = 5_000;
/**
 * A query word without three letters or digits in a row has no trigram to find its words by (and
 * hardly narrows anything): it is only tested on the text.
 */
const HAS_TRIGRAM = /[\p{L}\p{N}]{3}/u;
/** A query word contained in more words than this (a digit or two, "k/2026") is common anyway. */
const MAX_EXPANSION = 2_000;
/**
 * Up to this many words, whether another word shares one of their hashes is looked up (one index
 * probe each); if none does, the index alone answers the query word. Past it (number fragments),
 * the few candidates are tested on the text instead.
 */
const MAX_EXACT_CHECK = 100;

type Plan = { kind: 'walk' } | { kind: 'none' } | { kind: 'words'; hashes: number[][]; exact: Set<string> };

/**
 * Chooses the plan from word frequencies. Each query word with a trigram is expanded to
 * the hashes of the words that contain it (SearchWord, by trigrams); its share of contacts is
 * estimated from PostgreSQL's statistics of wordHashes (the frequencies of its most common
 * elements; any other word is rare). Independent words multiply; up to `maxRows` expected
 * matches take the word path. A word contained in no word at all matches nothing.
 */
async function choosePlan(db: Db | Tx, terms: string[], forced: SearchPlan, maxRows: number): Promise<Plan> {
  if (forced === 'walk') return { kind: 'walk' };
  const expandable = terms.filter((t) => HAS_TRIGRAM.test(t));
  if (expandable.length === 0) return { kind: 'walk' };
  const branches = expandable.map((t, i) => {
    const pattern = `%${escapeLike(t)}%`;
    return Prisma.sql`SELECT ${i}::int AS ord, ${pattern} AS pattern,
      ARRAY(SELECT hash FROM "SearchWord" WHERE word LIKE ${pattern} LIMIT ${MAX_EXPANSION + 1}) AS hashes`;
  });
  const rows = await db.$queryRaw<{ ord: number; hashes: number[]; exact: boolean; share: number; contacts: number }[]>`
    WITH common AS MATERIALIZED (
      SELECT e.hash, e.share
      FROM pg_stats AS s CROSS JOIN LATERAL unnest(s.most_common_elems::text::int[], s.most_common_elem_freqs) AS e(hash, share)
      WHERE s.schemaname = current_schema() AND s.tablename = 'Contact' AND s.attname = 'wordHashes' AND e.hash IS NOT NULL
    ), expanded AS (${Prisma.join(branches, ' UNION ALL ')})
    SELECT x.ord, x.hashes,
           CASE WHEN cardinality(x.hashes) <= ${MAX_EXACT_CHECK} THEN NOT EXISTS (
             SELECT 1 FROM "SearchWord" AS s WHERE s.hash = ANY(x.hashes) AND s.word NOT LIKE x.pattern) ELSE false END AS exact,
           (SELECT coalesce(sum(c.share), 0) FROM (SELECT DISTINCT unnest(x.hashes) AS hash) AS h JOIN common AS c USING (hash))::float8 AS share,
           (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = '"Contact"'::regclass)::float8 AS contacts
    FROM expanded AS x`;
  const expansions = rows.filter((r) => r.hashes.length <= MAX_EXPANSION);
  if (expansions.some((r) => r.hashes.length === 0)) return { kind: 'none' };
  if (expansions.length === 0) return { kind: 'walk' };
  const estimate = expansions.reduce((n, r) => n * Math.min(1, r.share), rows[0]!.contacts);
  if (forced === 'auto' && estimate > maxRows) return { kind: 'walk' };
  return {
    kind: 'words',
    hashes: expansions.map((r) => [...new Set(r.hashes)]),
    exact: new Set(expansions.filter((r) => r.exact).map((r) => expandable[r.ord]!)),
  };
}
