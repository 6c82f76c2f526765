// Contact.itemWords: the distinct folded words of all the contact's items, kept current by every
// use case that adds, edits or removes items. Search then tests one column per contact
// instead of a million item rows (a query word never contains a space, so "occurs in some item"
// and "occurs in one of its words" are the same test). Every change of itemWords also rewrites the
// contact's wordHashes and adds new words to SearchWord (contacts/search-words.ts).
import { Prisma, type Tx } from '../../db.ts';
import { insertSearchWordsSql, insertWordListSql, wordHashesSql, wordList, wordListSql } from '../contacts/search-words.ts';

/** SQL for an UPDATE of "Contact": SET itemWords to this expression and wordHashes to match. */
const setItemWords = (itemWords: Prisma.Sql) => Prisma.sql`("itemWords", "wordHashes") = (
  SELECT m.words, ${wordHashesSql(Prisma.sql`"searchText" || ' ' || m.words`)} FROM (SELECT ${itemWords} AS words) AS m)`;

/**
 * SQL for an UPDATE of "Contact" that adds a word list (wordListSql in search-words.ts: distinct
 * words and their hashes): itemWords merged (distinct, sorted) and only their hashes added to
 * wordHashes. Hashing the contact's every word again cost two thirds of the update for a contact
 * with many words (50 of 75 ms at 14,000 words).
 */
export const mergeItemWords = (words: Prisma.Sql, hashes: Prisma.Sql) => Prisma.sql`("itemWords", "wordHashes") = (
  (SELECT coalesce(string_agg(DISTINCT word, ' ' ORDER BY word), '')
   FROM (SELECT unnest(string_to_array("itemWords", ' ')) UNION ALL SELECT unnest(${words})) AS t(word) WHERE word <> ''),
  ARRAY(SELECT unnest("wordHashes") UNION SELECT unnest(${hashes}) ORDER BY 1))`;

/**
 * SQL condition: the word list brings something new to the contact's itemWords. Without it the
 * row is left alone: any new version of a contact row enters all its word hashes into the GIN
 * index again, the largest cost of a contact update once it has thousands of words.
 */
export const hasNewItemWords = (words: Prisma.Sql) => Prisma.sql`EXISTS (
  SELECT unnest(${words}) EXCEPT SELECT unnest(string_to_array("itemWords", ' ')))`;

/** Merges the words of a new item's searchText into its contact's itemWords (and SearchWord). */
export async function addItemWords(tx: Tx, contactId: number, searchText: string): Promise<void> {
  const words = wordList(searchText);
  if (words.length === 0) return;
  const list = Prisma.sql`(SELECT words FROM "newWords")`;
  const listHashes = Prisma.sql`(SELECT hashes FROM "newWords")`;
  await tx.$executeRaw`
    WITH "newWords" AS (${wordListSql(words)}), "searchWords" AS (${insertWordListSql(list, listHashes)})
    UPDATE "Contact" SET ${mergeItemWords(list, listHashes)} WHERE id = ${contactId} AND ${hasNewItemWords(list)}`;
}

/** Recomputes a contact's itemWords from all its items (after an edit or a deletion). */
export async function refreshItemWords(tx: Tx, contactId: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Contact" SET ${setItemWords(Prisma.sql`(
      SELECT coalesce(string_agg(DISTINCT word, ' ' ORDER BY word), '')
      FROM "Item" AS i CROSS JOIN LATERAL regexp_split_to_table(i."searchText", ' ') AS word
      WHERE i."contactId" = ${contactId} AND word <> '')`)}
    WHERE id = ${contactId}`;
  // An edit may bring new words.
  await tx.$executeRaw`${insertSearchWordsSql(Prisma.sql`(SELECT "itemWords" FROM "Contact" WHERE id = ${contactId})`)}`;
}

/** The same for every contact at once: for bulk loads (one statement; then REFRESH_ALL_WORD_HASHES_SQL). */
export const REFRESH_ALL_ITEM_WORDS_SQL = `
  UPDATE "Contact" AS c SET "itemWords" = w.words
  FROM (
    SELECT i."contactId", string_agg(DISTINCT word, ' ' ORDER BY word) AS words
    FROM "Item" AS i CROSS JOIN LATERAL regexp_split_to_table(i."searchText", ' ') AS word
    WHERE word <> ''
    GROUP BY i."contactId"
  ) AS w
  WHERE c.id = w."contactId"`;
