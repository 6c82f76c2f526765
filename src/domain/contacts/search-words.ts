// The word-level search index. Contact.wordHashes holds a 32-bit hash of every distinct word of the
// contact's searchText and itemWords, under a GIN index; SearchWord lists every word that ever
// occurred. A query word (a substring of some word) is expanded through SearchWord's trigram index
// to the words that contain it, and the contacts having one of those are one GIN lookup of their
// hashes — for several query words, an intersection inside the index (search-contacts.ts).
//
// Hashes, not SearchWord ids: a contact's hashes follow from its own text alone, so writing them
// never reads (or waits for) another transaction's new words. A collision only adds a candidate,
// which the LIKE test on the text then drops.
import { Prisma, type Tx } from '../../db.ts';

/** SQL: the hash of a word (md5, not hashtext: it must never change with the server version). */
export const wordHashSql = (word: Prisma.Sql) => Prisma.sql`('x' || left(md5(${word}), 8))::bit(32)::int`;

/**
 * The distinct words of folded texts (split at spaces, as the SQL here splits them), for a
 * statement to take as one array: a 7,000-character note has ~1,000 words but a few hundred
 * distinct ones, so PostgreSQL no longer splits and dedupes the whole text in each step.
 */
export function wordList(...texts: string[]): string[] {
  return [...new Set(texts.flatMap((t) => t.split(' ')).filter((w) => w !== ''))];
}

/**
 * SQL: one row with a word list (wordList, as text[]) and the matching int[] of their hashes,
 * each word hashed once — for a CTE the steps below read.
 */
export const wordListSql = (words: string[]) => Prisma.sql`
  SELECT coalesce(array_agg(w ORDER BY n), '{}') AS words, coalesce(array_agg(${wordHashSql(Prisma.sql`w`)} ORDER BY n), '{}') AS hashes
  FROM unnest(${words}::text[]) WITH ORDINALITY AS t(w, n)`;

/**
 * SQL: adds to SearchWord the words of `rows` — a FROM item `t` with a word `w` and its hash `h` —
 * that it does not have yet (a statement or a CTE). No unique constraint, so this never waits for
 * a concurrent writer of the same new word; at worst both add it, and search reads distinct hashes.
 */
const insertNewWordsSql = (rows: Prisma.Sql) => Prisma.sql`
  INSERT INTO "SearchWord" (word, hash)
  SELECT t.w, t.h FROM ${rows}
  WHERE NOT EXISTS (SELECT 1 FROM "SearchWord" AS s WHERE s.hash = t.h AND s.word = t.w)`;

/** SQL: the distinct words of a folded text (words separated by single spaces) with their hashes, as `t(w, h)`. */
const distinctWordsSql = (text: Prisma.Sql) => Prisma.sql`(
  SELECT d.w, ${wordHashSql(Prisma.sql`d.w`)} AS h FROM (SELECT DISTINCT w FROM regexp_split_to_table(${text}, ' ') AS w WHERE w <> '') AS d) AS t`;

/** SQL: adds the words of a word list (wordListSql's two arrays) that SearchWord does not have yet. */
export const insertWordListSql = (words: Prisma.Sql, hashes: Prisma.Sql) => insertNewWordsSql(Prisma.sql`unnest(${words}, ${hashes}) AS t(w, h)`);

/** SQL: the sorted distinct word hashes of a folded text (words separated by single spaces). */
export const wordHashesSql = (text: Prisma.Sql) => Prisma.sql`ARRAY(
  SELECT DISTINCT ${wordHashSql(Prisma.sql`w`)} FROM regexp_split_to_table(${text}, ' ') AS w WHERE w <> '' ORDER BY 1)`;

/** SQL: adds the words of a folded text that SearchWord does not have yet (a statement or a CTE). */
export const insertSearchWordsSql = (text: Prisma.Sql) => insertNewWordsSql(distinctWordsSql(text));

/** Adds the words of these folded texts to SearchWord. */
export async function recordSearchWords(tx: Tx, ...texts: string[]): Promise<void> {
  const words = wordList(...texts);
  if (words.length === 0) return;
  await tx.$executeRaw`
    WITH list AS (${wordListSql(words)})
    ${insertWordListSql(Prisma.sql`(SELECT words FROM list)`, Prisma.sql`(SELECT hashes FROM list)`)}`;
}

/** For bulk loads and imports: every contact's wordHashes and every word into SearchWord (two statements). */
export const REFRESH_ALL_WORD_HASHES_SQL = [
  `UPDATE "Contact" SET "wordHashes" = ${wordHashesSql(Prisma.raw(`"searchText" || ' ' || "itemWords"`)).sql}`,
  insertNewWordsSql(Prisma.raw(`(
    SELECT d.w, ${wordHashSql(Prisma.raw('d.w')).sql} AS h
    FROM (SELECT DISTINCT w FROM "Contact", regexp_split_to_table("searchText" || ' ' || "itemWords", ' ') AS w WHERE w <> '') AS d
    ORDER BY d.w) AS t`)).sql,
] as const;
