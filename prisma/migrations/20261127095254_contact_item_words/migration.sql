-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "itemWords" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Contact_itemWords_idx" ON "Contact" USING GIN ("itemWords" gin_trgm_ops);

-- Backfill: the distinct words of each contact's items (see src/domain/items/item-words.ts).
UPDATE "Contact" AS c SET "itemWords" = w.words
FROM (
  SELECT i."contactId", string_agg(DISTINCT word, ' ' ORDER BY word) AS words
  FROM "Item" AS i CROSS JOIN LATERAL regexp_split_to_table(i."searchText", ' ') AS word
  WHERE word <> ''
  GROUP BY i."contactId"
) AS w
WHERE c.id = w."contactId";
