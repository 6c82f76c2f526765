import type { Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { recordHistory, type FieldChange } from '../history/record-history.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { insertWordListSql, wordList, wordListSql } from '../contacts/search-words.ts';
import { addItemWords, hasNewItemWords, mergeItemWords } from './item-words.ts';
import { countNoteKindUse } from './note-kinds.ts';

type ItemData = Omit<Prisma.ItemUncheckedCreateInput, 'authorId' | 'source'>;

/**
 * The one way an item gets onto a timeline: the row (author and source from the actor), its
 * words merged into the contact's itemWords (search), one more use of its note kind, and a
 * history entry. Notes, files and
 * documents all come through here, so none of them can forget one of the three.
 */
export async function insertItem<Include extends Prisma.ItemInclude = Record<string, never>>(
  tx: Tx,
  actor: Actor,
  entry: { data: ItemData; action: string; changes: FieldChange[]; include?: Include },
): Promise<Prisma.ItemGetPayload<{ include: Include }>> {
  const item = await tx.item.create({
    data: { ...entry.data, authorId: actor.employeeId, source: actor.channel },
    include: entry.include,
  });
  await addItemWords(tx, item.contactId, item.searchText);
  await countNoteKindUse(tx, item.noteKind);
  await recordHistory(tx, actor, { contactId: item.contactId, entity: 'item', entityId: item.id, action: entry.action, changes: entry.changes });
  return item as Prisma.ItemGetPayload<{ include: Include }>;
}

/** One item of a batch (insertItems): a note, or a file item over a StoredFile already in the store. */
export type BatchItem = {
  type: 'note' | 'file';
  text: string;
  noteKind?: string | null;
  occurredAt: Date;
  /** Required: the batch matches its rows by it, and Item's unique index guards it. */
  sourceRef: string;
  searchText: string;
  /** For a file item: version 1 over this StoredFile, with this (sanitised) name. */
  file?: { storedFileId: number; fileName: string };
  action: string;
  /** The history entry's changes; a file item's are written from its StoredFile ("name (type, size B)") when omitted. */
  changes?: FieldChange[];
};

/**
 * insertItem for several items of one contact at once (the mail ingester files a note, its
 * attachments and the .eml together): the rows, their file versions, one history entry per item
 * (in the given order), one itemWords merge (with its new words into SearchWord) and the note-kind
 * counts, all in one statement — the same guarantees as insertItem, without a dozen round trips
 * per message. A missing StoredFile is NOT_FOUND; a source already on the contact fails on Item's
 * unique index. Returns the item ids in the given order.
 */
/** The batch's distinct words (wordList), sent once, and their hashes: read by each step that needs them. */
const BATCH_WORDS = Prisma.sql`(SELECT words FROM "batchWords")`;
const BATCH_HASHES = Prisma.sql`(SELECT hashes FROM "batchWords")`;

export async function insertItems(tx: Tx, actor: Actor, contactId: number, items: BatchItem[]): Promise<number[]> {
  if (items.length === 0) return [];
  const now = new Date().toISOString();
  const input = items.map((item, i) => ({
    ord: i,
    type: item.type,
    text: item.text,
    noteKind: item.noteKind ?? null,
    occurredAt: item.occurredAt.toISOString(),
    sourceRef: item.sourceRef,
    searchText: item.searchText,
    storedFileId: item.file?.storedFileId ?? null,
    fileName: item.file?.fileName ?? null,
    action: item.action,
    changes: item.changes ?? null,
  }));
  const words = wordList(...items.map((item) => item.searchText));
  const rows = await tx.$queryRaw<{ id: number; ord: number; missing: boolean }[]>`
    WITH input AS (
      SELECT x.*, sf.id AS "sfId", sf."mimeType", sf.size
      FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(
        ord int, type "ItemType", text text, "noteKind" text, "occurredAt" timestamptz, "sourceRef" text,
        "searchText" text, "storedFileId" int, "fileName" text, action text, changes jsonb)
      LEFT JOIN "StoredFile" AS sf ON sf.id = x."storedFileId"
    ), inserted AS (
      INSERT INTO "Item" ("contactId", type, text, "noteKind", "occurredAt", "authorId", source, "sourceRef", "searchText", "createdAt", "updatedAt")
      SELECT ${contactId}, type, text, "noteKind", "occurredAt" AT TIME ZONE 'UTC', ${actor.employeeId}, ${actor.channel}::"Channel", "sourceRef", "searchText",
        ${now}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM input WHERE "storedFileId" IS NULL OR "sfId" IS NOT NULL
      ORDER BY ord
      RETURNING id, "sourceRef"
    ), numbered AS (
      SELECT i.id, x.* FROM inserted AS i JOIN input AS x ON x."sourceRef" = i."sourceRef"
    ), versions AS (
      INSERT INTO "FileVersion" ("itemId", version, "storedFileId", "fileName", "uploadedById", "createdAt")
      SELECT id, 1, "sfId", "fileName", ${actor.employeeId}, ${now}::timestamptz AT TIME ZONE 'UTC' FROM numbered WHERE "sfId" IS NOT NULL
    ), history AS (
      INSERT INTO "HistoryEntry" ("contactId", at, "actorId", channel, entity, "entityId", action, changes)
      SELECT ${contactId}, ${now}::timestamptz AT TIME ZONE 'UTC', ${actor.employeeId}, ${actor.channel}::"Channel", 'item', id, action,
        coalesce(changes, CASE WHEN "sfId" IS NULL THEN '[]'::jsonb
          ELSE jsonb_build_array(jsonb_build_object('field', 'file', 'old', NULL, 'new', "fileName" || ' (' || "mimeType" || ', ' || size || ' B)')) END)
      FROM numbered ORDER BY ord
    ), "batchWords" AS (${wordListSql(words)}
    ), "searchWords" AS (${insertWordListSql(BATCH_WORDS, BATCH_HASHES)}
    ), words AS (
      UPDATE "Contact" SET ${mergeItemWords(BATCH_WORDS, BATCH_HASHES)}
      WHERE id = ${contactId} AND cardinality(${BATCH_WORDS}) > 0 AND EXISTS (SELECT 1 FROM numbered) AND ${hasNewItemWords(BATCH_WORDS)}
    ), kinds AS (
      INSERT INTO "NoteKind" (kind, uses, "lastUsedAt")
      SELECT "noteKind", count(*), now() FROM numbered WHERE "noteKind" IS NOT NULL GROUP BY "noteKind"
      ON CONFLICT (kind) DO UPDATE SET uses = "NoteKind".uses + EXCLUDED.uses, "lastUsedAt" = now()
    )
    SELECT id, ord, false AS missing FROM numbered
    UNION ALL SELECT NULL, ord, true FROM input WHERE "storedFileId" IS NOT NULL AND "sfId" IS NULL`;
  const missing = rows.find((r) => r.missing);
  if (missing) throw notFound('Stored file', items[missing.ord]!.file!.storedFileId);
  const ids: number[] = [];
  for (const row of rows) ids[row.ord] = row.id;
  return ids;
}
