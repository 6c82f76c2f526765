// The knowledge base: every item of every contact (note text, e-mail text, file names, document
// numbers) searched at once, Polish-diacritics insensitive (Item.searchText is folded text under a
// trigram index), ranked, with highlighted snippets and the contact each item belongs to.
//
// Every word must occur. What is ranked is the newest matches (CANDIDATES of them): ranking those
// (where and how each word matched, then recency) is cheap, scoring every match of a common word
// is not. PostgreSQL cannot tell a common word from a rare one well enough to choose the plan, so
// the search plans itself from a first look:
//  1. walk the newest items (index on Item(occurredAt, id)) testing each: a common word fills the
//     set within a few hundred rows, and the set is exact;
//  2. too few: from the shares of the rows seen that hold each word, compare walking on with
//     collecting the older matches through the trigram index (the bitmap of the rarest word, or of
//     all of them), and do the cheaper;
//  3. collecting would be slow too (common words, only the filters selective: the bitmap would be
//     much of the table): walk a bounded number of rows and say the set may be incomplete (`capped`).
import { z } from 'zod';
import { NO_PREPARE, type Db, type Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { foldText } from '../shared/fold-text.ts';
import { id, instant, text } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';

export const KNOWLEDGE_ITEM_TYPES = ['note', 'file', 'document'] as const;
export type KnowledgeItemType = (typeof KNOWLEDGE_ITEM_TYPES)[number];

/** The most recent matches that are ranked (and paged through). */
export const CANDIDATES = 100;
const MAX_TERMS = 6;

/** The search's limits; tests shrink them to reach every path on a small database. */
export type KnowledgeTuning = {
  /** Matches ranked (CANDIDATES). */
  candidates: number;
  /** Rows the first walk tests: 4,000 take about 8 ms on 1M items. */
  firstWalk: number;
  /** Rows the walks may test in all: 30,000 take about 60 ms. */
  maxWalk: number;
  /**
   * Expected milliseconds (by the cost model below) the search may spend: collecting through the
   * trigram index is not tried when it would take longer than what is left.
   */
  budgetMs: number;
};
export const KNOWLEDGE_TUNING: KnowledgeTuning = { candidates: CANDIDATES, firstWalk: 4_000, maxWalk: 30_000, budgetMs: 80 };

const searchKnowledgeInput = z.object({
  q: text(200).default(''),
  /** The contact's company. */
  companyId: id.optional(),
  /** The contact's person. */
  personId: id.optional(),
  /** Item type: a note (incl. filed e-mail), a file or a document. */
  type: z.enum(KNOWLEDGE_ITEM_TYPES).optional(),
  /** A note kind ("telefon", "e-mail"…; kinds are stored in lower case); implies notes. */
  noteKind: text(100).optional().transform((v) => v?.toLowerCase() || undefined),
  /** occurredAt range, both ends inclusive. */
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(1_000).default(0),
  /** The clock for the recency part of the rank (tests pass a fixed one). */
  now: instant.optional(),
});
/** Options of searchKnowledge; `q` is split into words, each of which must occur. */
export type SearchKnowledgeInput = z.input<typeof searchKnowledgeInput>;

/** A piece of displayed text; `match` pieces are the searched words (shown in <mark>). */
export type Segment = { text: string; match: boolean };

export type KnowledgeHit = {
  contact: { id: number; number: string; title: string; companyId: number; companyName: string; personName: string | null };
  item: { id: number; type: KnowledgeItemType; noteKind: string | null; occurredAt: Date; fileName: string | null; documentNumber: string | null };
  /** The file name or document number, highlighted (null for notes). */
  label: Segment[] | null;
  /** A window of the item's text around the first match. */
  snippet: Segment[];
  /** Higher is better: how the words matched (0–1) plus a recency bonus (0–0.1). */
  rank: number;
};

export type KnowledgeResult = {
  hits: KnowledgeHit[];
  /** The folded words searched for. */
  terms: string[];
  /** Matches ranked: at most CANDIDATES. */
  total: number;
  /** There may be more (older) matches than the ranked ones. */
  capped: boolean;
  nextOffset: number | null;
};

// ————— Snippets —————

/** Folded non-ASCII characters, shared by all calls (texts hold few distinct ones). */
const foldedChars = new Map<string, string>();

/** One non-ASCII character folded as foldText folds text (without trimming or collapsing spaces). */
function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = /^\s$/u.test(ch) ? ' ' : foldText(ch);
    if (foldedChars.size < 10_000) foldedChars.set(ch, folded);
  }
  return folded;
}

/**
 * The text folded character by character, and where each folded character came from in the
 * original: [start, end). Usually every character folds to exactly one ("Ż" → "z"), and positions
 * are the same; a letter with combining marks, "ß" (two letters) or a character outside the BMP
 * takes the slower way, which keeps a map.
 */
function foldWithOffsets(text: string): { folded: string; start: (i: number) => number; end: (i: number) => number } {
  let aligned = true;
  const folded = text
    .replace(/[^\x00-\x7f]/g, (ch) => {
      const code = ch.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) {
        aligned = false;
        return ch;
      }
      const f = foldChar(ch);
      if (f.length !== 1) aligned = false;
      return f;
    })
    .toLowerCase()
    .replace(/[\t\n\r\f\v]/g, ' ');
  if (aligned) return { folded, start: (i) => i, end: (i) => i + 1 };
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = ch.length === 1 && ch.charCodeAt(0) < 128 ? (/\s/.test(ch) ? ' ' : ch.toLowerCase()) : foldChar(ch);
    for (let k = 0; k < f.length; k++) {
      starts.push(at);
      ends.push(at + ch.length);
    }
    parts.push(f);
    at += ch.length;
  }
  return { folded: parts.join(''), start: (i) => starts[i]!, end: (i) => ends[i]! };
}

/**
 * The text cut into plain and matched pieces: every occurrence of every term, matched without
 * regard to case and diacritics ("zolw" marks "Żółw"), keeping the original characters;
 * overlapping and adjacent matches merge. With `window`, only about that many characters around
 * the first match are kept (at word boundaries, "…" where cut); without a match, the beginning.
 */
export function highlightSegments(text: string, terms: readonly string[], options: { window?: number } = {}): Segment[] {
  const { folded, start, end } = foldWithOffsets(text);
  const ranges: [number, number][] = [];
  for (const term of new Set(terms.map((t) => foldText(t)).filter(Boolean))) {
    for (let i = folded.indexOf(term); i >= 0; i = folded.indexOf(term, i + 1)) ranges.push([start(i), end(i + term.length - 1)]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }

  let from = 0;
  let to = text.length;
  const window = options.window;
  if (window !== undefined && text.length > window) {
    const first = merged[0];
    // A third of the window before the first match, the rest after it.
    from = first ? Math.max(0, first[0] - Math.floor(window / 3)) : 0;
    to = Math.min(text.length, from + window);
    from = Math.max(0, Math.min(from, to - window));
    // Cut at spaces, never inside a match.
    if (from > 0) {
      const space = text.indexOf(' ', from);
      if (space >= 0 && space < (first?.[0] ?? to) && space - from < 20) from = space + 1;
    }
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      const lastMatchEnd = merged.filter((r) => r[0] < to).reduce((end, r) => Math.max(end, r[1]), from);
      if (space > lastMatchEnd && to - space < 20) to = space;
      to = Math.max(to, Math.min(lastMatchEnd, text.length));
    }
  }
  const segments: Segment[] = [];
  const push = (s: string, match: boolean) => {
    if (!s) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += s;
    else segments.push({ text: s, match });
  };
  if (from > 0) push('…', false);
  let pos = from;
  for (const [s, e] of merged) {
    if (e <= from || s >= to) continue;
    push(text.slice(pos, Math.max(pos, s)), false);
    push(text.slice(Math.max(pos, s), Math.min(e, to)), true);
    pos = Math.min(e, to);
  }
  push(text.slice(pos, to), false);
  if (to < text.length) push('…', false);
  return segments;
}

// ————— Search —————

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escapeRegex = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
/** The trigram index can answer a LIKE only for a word with three letters or digits in a row. */
const indexable = (term: string) => /[\p{L}\p{N}]{3}/u.test(term);

/** The query's words, folded, without punctuation at their ends ("łódź," → "lodz"). */
export function knowledgeTerms(q: string): string[] {
  const words = foldText(q)
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_TERMS);
}

type Filters = z.output<typeof searchKnowledgeInput>;
type Candidate = { id: number; occurredAt: Date };
type Keyset = { occurredAt: Date; id: number };
/**
 * What a walk saw: its matches, how many rows it tested and the last one, how many of those had
 * each word (filters aside), and the table's estimated size.
 */
type Walk = { hits: Candidate[]; examined: number; termRows: number[]; last: Keyset | null; exhausted: boolean; tableRows: number };

function sqlParts(f: Filters, terms: string[]) {
  const termTests = terms.map((t) => (indexable(t) ? Prisma.sql`i."searchText" LIKE ${`%${escapeLike(t)}%`}` : Prisma.sql`strpos(i."searchText", ${t}) > 0`));
  const filters: Prisma.Sql[] = [];
  if (f.type) filters.push(Prisma.sql`i.type = ${f.type}::"ItemType"`);
  if (f.noteKind) filters.push(Prisma.sql`i."noteKind" = ${f.noteKind}`);
  const scope: Prisma.Sql[] = [];
  if (f.companyId) scope.push(Prisma.sql`c."companyId" = ${f.companyId}`);
  if (f.personId) scope.push(Prisma.sql`c."personId" = ${f.personId}`);
  const range: Prisma.Sql[] = [];
  if (f.from) range.push(Prisma.sql`i."occurredAt" >= ${f.from}`);
  if (f.to) range.push(Prisma.sql`i."occurredAt" <= ${f.to}`);
  if (scope.length) range.push(Prisma.sql`i."contactId" IN (SELECT c.id FROM "Contact" c WHERE ${Prisma.join(scope, ' AND ')})`);
  return { termTests, filters: filters.length ? Prisma.join(filters, ' AND ') : Prisma.sql`TRUE`, range, scoped: scope.length > 0 };
}
type SqlParts = ReturnType<typeof sqlParts>;

const olderThan = (k: Keyset | null) => (k ? [Prisma.sql`(i."occurredAt", i.id) < (${k.occurredAt}, ${k.id})`] : []);
const where = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty);

/**
 * Tests up to `rows` items, newest first (older than `after`), and stops once `need` matched.
 * Unscoped, it walks Item(occurredAt, id); within a company or person, it takes the scope's newest
 * ids from the index on (contactId, occurredAt, id) first and reads only those rows.
 */
async function walk(db: Db | Tx, p: SqlParts, after: Keyset | null, rows: number, need: number): Promise<Walk> {
  const bounds = where([...p.range, ...olderThan(after)]);
  // A literal, not a parameter: a prepared statement's generic plan would not know how small it is.
  const limit = Prisma.raw(String(Math.trunc(rows)));
  const tests = Prisma.join(p.termTests.map((test, k) => Prisma.sql`(${test}) AS ${Prisma.raw(`t${k}`)}`));
  const source = p.scoped
    ? Prisma.sql`
      SELECT i.id, i."occurredAt", ${tests}, (${p.filters}) AS pass
      FROM (SELECT i.id FROM "Item" i ${bounds} ORDER BY i."occurredAt" DESC, i.id DESC LIMIT ${limit}) s
      JOIN "Item" i ON i.id = s.id
      ORDER BY i."occurredAt" DESC, i.id DESC`
    : Prisma.sql`
      SELECT i.id, i."occurredAt", ${tests}, (${p.filters}) AS pass
      FROM "Item" i ${bounds}
      ORDER BY i."occurredAt" DESC, i.id DESC LIMIT ${limit}`;
  const names = p.termTests.map((_, k) => Prisma.raw(`w.t${k}`));
  // Running counts ride along, so the walk can stop at `need` matches and still report what it saw;
  // the row numbered `rows` (if reached) says the walk was cut, not exhausted.
  const found = await db.$queryRaw<{ id: number; occurredAt: Date; hit: boolean; rn: number; termRows: number[]; tableRows: number }[]>`
    SELECT id, "occurredAt", hit, rn::int, "termRows", (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = '"Item"'::regclass) AS "tableRows"
    FROM (
      SELECT w.id, w."occurredAt", (${Prisma.join(names, ' AND ')} AND w.pass) AS hit, row_number() OVER o AS rn,
             ARRAY[${Prisma.join(names.map((n) => Prisma.sql`count(*) FILTER (WHERE ${n}) OVER o`))}]::int[] AS "termRows"
      FROM (${source}) w
      WINDOW o AS (ORDER BY w."occurredAt" DESC, w.id DESC ROWS UNBOUNDED PRECEDING)
    ) x
    WHERE hit OR rn = ${rows}
    LIMIT ${need + 1}`;
  const hits = found.filter((r) => r.hit).slice(0, need);
  const lastRow = found[found.length - 1];
  return {
    hits: hits.map((r) => ({ id: r.id, occurredAt: r.occurredAt })),
    examined: lastRow?.rn ?? 0,
    termRows: lastRow?.termRows ?? p.termTests.map(() => 0),
    last: lastRow ? { occurredAt: lastRow.occurredAt, id: lastRow.id } : null,
    exhausted: hits.length < need && lastRow?.rn !== rows,
    tableRows: lastRow?.tableRows ?? 0,
  };
}

/**
 * The newest `need` matches older than `after`, collected through the trigram index: only the
 * words in `indexed` build the bitmap (a common word's would be large), the rest are tested on
 * the rows it yields.
 */
async function collect(db: Db | Tx, p: SqlParts, terms: string[], indexed: Set<number>, after: Keyset | null, need: number): Promise<Candidate[]> {
  const tests = terms.map((t, k) => (indexed.has(k) ? p.termTests[k]! : Prisma.sql`strpos(i."searchText", ${t}) > 0`));
  // Materialised without an order: PostgreSQL builds the trigram bitmap and sorts the few matches,
  // instead of walking the date index hoping to meet them.
  return db.$queryRaw<Candidate[]>`
    ${Prisma.raw(NO_PREPARE)}
    WITH m AS MATERIALIZED (
      SELECT i.id, i."occurredAt" FROM "Item" i
      ${where([...tests, p.filters, ...p.range, ...olderThan(after)])}
    )
    SELECT id, "occurredAt" FROM m ORDER BY "occurredAt" DESC, id DESC LIMIT ${need}`;
}

// Cost model of the ways on, measured on 1M items (EXPLAIN ANALYZE, warm cache): a walk tests a
// row in about 2 µs (random heap pages); the trigram index spends about 0.5 µs per row holding an
// indexed word (its bitmap is built whole, before any LIMIT), and the heap about 4 µs per row of
// that bitmap it fetches and rechecks.
const WALK_ROW_MS = 0.002;
const INDEX_ROW_MS = 0.0005;
const FETCH_ROW_MS = 0.004;

/**
 * How to collect, from the shares of rows seen holding each word: the bitmap of the rarest word
 * alone, or of all indexable words (more index work, fewer rows fetched). Null: no word indexable.
 */
function collectPlan(terms: string[], first: Walk, hitShare: number) {
  const table = Math.max(first.tableRows, first.examined);
  const shares = terms.map((t, k) => ({ k, share: (first.termRows[k]! + 1) / first.examined, ok: indexable(t) })).filter((s) => s.ok);
  if (shares.length === 0) return null;
  shares.sort((a, b) => a.share - b.share);
  const rarest = shares[0]!;
  const alone = { indexed: new Set([rarest.k]), ms: rarest.share * table * (INDEX_ROW_MS + FETCH_ROW_MS) };
  const together = {
    indexed: new Set(shares.map((s) => s.k)),
    ms: shares.reduce((ms, s) => ms + s.share * table * INDEX_ROW_MS, 0) + hitShare * table * FETCH_ROW_MS,
  };
  return together.ms < alone.ms ? together : alone;
}

/** The newest `tuning.candidates` matches (see the top of the file), and whether older ones may exist. */
async function findCandidates(db: Db | Tx, f: Filters, terms: string[], tuning: KnowledgeTuning): Promise<{ candidates: Candidate[]; capped: boolean }> {
  const { candidates: wanted, firstWalk, maxWalk, budgetMs } = tuning;
  const p = sqlParts(f, terms);
  const first = await walk(db, p, null, firstWalk, wanted + 1);
  let hits = first.hits;
  const done = () => ({ candidates: hits.slice(0, wanted), capped: hits.length > wanted });
  if (hits.length > wanted || first.exhausted) return done();

  // Shares seen (one more than seen, so none seen is not "never"); the table is assumed to look
  // like its newest rows.
  const hitShare = (hits.length + 1) / first.examined;
  const need = wanted + 1 - hits.length;
  const plan = collectPlan(terms, first, hitShare);
  const collectMs = plan?.ms ?? Infinity;
  let spentMs = first.examined * WALK_ROW_MS;
  let after = first.last;
  if ((need / hitShare) * WALK_ROW_MS <= collectMs || collectMs > budgetMs - spentMs) {
    const more = await walk(db, p, after, Math.max(1, maxWalk - first.examined), need);
    hits = [...hits, ...more.hits];
    if (hits.length > wanted || more.exhausted) return done();
    // The estimate was off, or collecting would be slow: collect only within what is left.
    spentMs += more.examined * WALK_ROW_MS;
    if (!plan || collectMs > budgetMs - spentMs) return { candidates: hits, capped: true };
    after = more.last;
  }
  hits = [...hits, ...(await collect(db, p, terms, plan!.indexed, after, wanted + 1 - hits.length))];
  return done();
}

type Row = {
  id: number; type: KnowledgeItemType; noteKind: string | null; occurredAt: Date; text: string; rank: number;
  contactId: number; number: string; title: string; companyId: number; companyName: string; personName: string | null;
  documentNumber: string | null; fileName: string | null;
};

/**
 * Ranks the candidates and returns one page with its contacts. Per word: 1 if it matched only the
 * note kind, else 2, +1 at the start of a word, +1 as a whole word; averaged to 0–1. Recency adds
 * up to 0.1 (a month old: half of it): it orders equal matches, and a better match of one word
 * in a query of up to two outranks any difference in age.
 */
async function rankPage(db: Db | Tx, f: Filters, terms: string[], ids: number[], now: Date): Promise<Row[]> {
  const starts = terms.map((t) => `(^|[^[:alnum:]])${escapeRegex(t)}`);
  const wholes = terms.map((t) => `(^|[^[:alnum:]])${escapeRegex(t)}([^[:alnum:]]|$)`);
  return db.$queryRaw<Row[]>`
    WITH ranked AS MATERIALIZED (
      SELECT i.id, i."occurredAt", (
        SELECT avg(CASE WHEN strpos(b.body, q.term) = 0 THEN 1 WHEN b.body !~ q.start THEN 2 WHEN b.body !~ q.whole THEN 3 ELSE 4 END) / 4
        FROM unnest(${terms}::text[], ${starts}::text[], ${wholes}::text[]) AS q(term, start, whole)
      )::float8 + 0.1 / (1 + greatest(0, extract(epoch FROM (${now}::timestamp - i."occurredAt")))::float8 / 2592000) AS rank
      FROM "Item" i
      -- A note's searchText starts with its folded kind: the body is what follows.
      CROSS JOIN LATERAL (SELECT CASE WHEN i."noteKind" <> '' THEN substr(i."searchText", char_length(unaccent(lower(i."noteKind"))) + 2)
                                      ELSE i."searchText" END AS body) b
      WHERE i.id = ANY(${ids}::int[])
      ORDER BY rank DESC, i."occurredAt" DESC, i.id DESC
      OFFSET ${f.offset} LIMIT ${f.limit}
    )
    SELECT i.id, i.type::text AS type, i."noteKind", i."occurredAt", i.text, r.rank,
           c.id AS "contactId", c.number, c.title, co.id AS "companyId", co.name AS "companyName", p.name AS "personName",
           d.number AS "documentNumber",
           (SELECT v."fileName" FROM "FileVersion" v WHERE v."itemId" = i.id ORDER BY v.version DESC LIMIT 1) AS "fileName"
    FROM ranked r
    JOIN "Item" i ON i.id = r.id
    JOIN "Contact" c ON c.id = i."contactId"
    JOIN "Company" co ON co.id = c."companyId"
    LEFT JOIN "Person" p ON p.id = c."personId"
    LEFT JOIN "Document" d ON d.id = i."documentId"
    ORDER BY r.rank DESC, r."occurredAt" DESC, r.id DESC`;
}

const SNIPPET_CHARS = 240;

/** Searches the items of all contacts; see the top of the file for how the set is found and ranked. */
export async function searchKnowledge(db: Db | Tx, input: SearchKnowledgeInput, tuning: KnowledgeTuning = KNOWLEDGE_TUNING): Promise<KnowledgeResult> {
  const f = parseInput(searchKnowledgeInput, input);
  const terms = knowledgeTerms(f.q);
  if (terms.length === 0) return { hits: [], terms, total: 0, capped: false, nextOffset: null };
  // A note kind is only ever on notes.
  const filters = f.noteKind && !f.type ? { ...f, type: 'note' as const } : f;
  const { candidates, capped } = await findCandidates(db, filters, terms, tuning);
  const rows = candidates.length && f.offset < candidates.length
    ? await rankPage(db, f, terms, candidates.map((c) => c.id), f.now ?? new Date())
    : [];
  const hits = rows.map((r): KnowledgeHit => {
    const label = r.fileName ?? r.documentNumber;
    return {
      contact: { id: r.contactId, number: r.number, title: r.title, companyId: r.companyId, companyName: r.companyName, personName: r.personName },
      item: { id: r.id, type: r.type, noteKind: r.noteKind, occurredAt: r.occurredAt, fileName: r.fileName, documentNumber: r.documentNumber },
      label: label ? highlightSegments(label, terms) : null,
      snippet: highlightSegments(r.text, terms, { window: SNIPPET_CHARS }),
      rank: Math.round(r.rank * 1000) / 1000,
    };
  });
  const next = f.offset + f.limit;
  return { hits, terms, total: candidates.length, capped, nextOffset: next < candidates.length ? next : null };
}
