// Contact search: every word of the query must appear (case- and diacritic-insensitively) in the
// contact's own text (number, title, company, person, description) or in one of its items.
// Two folded columns of the contact, searchText and itemWords, carry trigram GIN indexes that
// answer the LIKE '%word%' tests (a bitmap OR per word, a bitmap AND across words); results come
// in keyset pages so page 100 costs what page 1 does.
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { validation } from '../../errors.ts';
import { foldText } from '../shared/fold-text.ts';
import { calendarDate, id, instant, text } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { PRIORITIES } from './contact-fields.ts';

const oneOrMany = <T extends z.ZodTypeAny>(schema: T) =>
  z.union([schema, z.array(schema)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const searchContactsInput = z.object({
  q: text(200).optional(),
  status: z.enum(['open', 'closed']).optional(),
  priority: oneOrMany(z.enum(PRIORITIES)).optional(),
  ownerId: id.nullable().optional(),
  kindId: id.optional(),
  companyId: id.optional(),
  dueFrom: z.union([instant, calendarDate]).optional(),
  dueTo: z.union([instant, calendarDate]).optional(),
  /** Open contacts whose deadline has passed. */
  overdue: z.boolean().optional(),
  sort: z.enum(['recent', 'due']).default('recent'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).nullable().optional(),
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

/** Each word must occur in the contact's own text or in the words of its items (items/item-words.ts). */
function termCondition(term: string): Prisma.Sql {
  const pattern = `%${escapeLike(term)}%`;
  return Prisma.sql`(c."searchText" LIKE ${pattern} OR c."itemWords" LIKE ${pattern})`;
}

type Cursor = { k: string | null; id: number };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Number.isInteger(c?.id) && (c.k === null || typeof c.k === 'string')) return c;
  } catch {
    /* fall through */
  }
  throw validation({ cursor: 'invalid page cursor; start from the first page' });
}

function keysetCondition(sort: 'recent' | 'due', cursor: Cursor): Prisma.Sql {
  if (sort === 'recent') return Prisma.sql`(c."registeredAt", c.id) < (${new Date(cursor.k!)}, ${cursor.id})`;
  // "due": deadlines ascending, contacts without one last.
  if (cursor.k === null) return Prisma.sql`(c."dueAt" IS NULL AND c.id > ${cursor.id})`;
  const due = new Date(cursor.k);
  return Prisma.sql`(c."dueAt" > ${due} OR (c."dueAt" = ${due} AND c.id > ${cursor.id}) OR c."dueAt" IS NULL)`;
}

export async function searchContacts(db: Db | Tx, input: SearchContactsInput = {}) {
  const f = parseInput(searchContactsInput, input);
  const now = f.now ?? new Date();
  const where: Prisma.Sql[] = [];
  const terms = [...new Set(foldText(f.q).split(' ').filter(Boolean))].slice(0, MAX_TERMS);
  const termConditions = terms.map(termCondition);
  // Plan choice. Ordinary words are common: walking the sort index and testing each row finds a
  // page quickly. Identifier fragments (five or more digits: contact and document numbers, NIPs,
  // phone numbers) are rare and cluster in time, so walking the sort order can pass tens of
  // thousands of rows first: collect their few matches through the trigram indexes instead.
  // (PostgreSQL cannot tell the two apart: it estimates LIKE '%…%' blindly.)
  const identifierSearch = terms.some((t) => (t.match(/\d/g)?.length ?? 0) >= 5);
  if (identifierSearch) {
    where.push(Prisma.sql`c.id IN (SELECT id FROM matches)`);
  } else {
    where.push(...termConditions);
  }
  if (f.status) where.push(Prisma.sql`c.status = ${f.status}::"ContactStatus"`);
  if (f.priority?.length) where.push(Prisma.sql`c.priority::text IN (${Prisma.join(f.priority)})`);
  if (f.ownerId === null) where.push(Prisma.sql`c."ownerId" IS NULL`);
  else if (f.ownerId !== undefined) where.push(Prisma.sql`c."ownerId" = ${f.ownerId}`);
  if (f.kindId) where.push(Prisma.sql`c."kindId" = ${f.kindId}`);
  if (f.companyId) where.push(Prisma.sql`c."companyId" = ${f.companyId}`);
  if (f.dueFrom) where.push(Prisma.sql`c."dueAt" >= ${f.dueFrom}`);
  if (f.dueTo) where.push(Prisma.sql`c."dueAt" <= ${f.dueTo}`);
  if (f.overdue) where.push(Prisma.sql`c.status = 'open' AND c."dueAt" < ${now}`);
  if (f.cursor) where.push(keysetCondition(f.sort, decodeCursor(f.cursor)));

  const order =
    f.sort === 'recent' ? Prisma.sql`c."registeredAt" DESC, c.id DESC` : Prisma.sql`c."dueAt" ASC NULLS LAST, c.id ASC`;
  const matches = identifierSearch
    ? Prisma.sql`WITH matches AS MATERIALIZED (SELECT c.id FROM "Contact" c WHERE ${Prisma.join(termConditions, ' AND ')})`
    : Prisma.empty;
  const rows = await db.$queryRaw<ContactSummary[]>`
    ${matches}
    SELECT c.id, c.number, c.title, c.status::text AS status, c.priority::text AS priority, c."dueAt", c."registeredAt",
           c.outcome::text AS outcome, c.version, c."companyId", co.name AS "companyName", p.name AS "personName",
           c."ownerId", e.name AS "ownerName", k.name AS "kindName"
    FROM "Contact" c
    JOIN "Company" co ON co.id = c."companyId"
    LEFT JOIN "Person" p ON p.id = c."personId"
    LEFT JOIN "Employee" e ON e.id = c."ownerId"
    LEFT JOIN "ContactKind" k ON k.id = c."kindId"
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ORDER BY ${order}
    LIMIT ${f.limit + 1}`;

  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const key = (row: ContactSummary) => (f.sort === 'recent' ? row.registeredAt.toISOString() : (row.dueAt?.toISOString() ?? null));
  return { contacts: page, nextCursor: rows.length > f.limit && last ? encodeCursor({ k: key(last), id: last.id }) : null };
}
