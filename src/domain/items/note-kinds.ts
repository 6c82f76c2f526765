// Note kinds "learned from use": every note written with a kind counts one use of it in the
// small NoteKind table, which the note forms read for suggestions (most used first).
import type { Tx } from '../../db.ts';

/** Counts one use of a kind (kinds are stored lower-case, as the note use cases write them). */
export async function countNoteKindUse(tx: Tx, kind: string | null | undefined): Promise<void> {
  if (!kind) return;
  await tx.$executeRaw`
    INSERT INTO "NoteKind" ("kind", "uses", "lastUsedAt") VALUES (${kind}, 1, now())
    ON CONFLICT ("kind") DO UPDATE SET "uses" = "NoteKind"."uses" + 1, "lastUsedAt" = now()`;
}

/** Recounts every kind from the items: for bulk loads that write items directly (one statement). */
export const REFRESH_NOTE_KINDS_SQL = `
  WITH counted AS (
    SELECT "noteKind" AS kind, count(*)::int AS uses, max("createdAt") AS "lastUsedAt"
    FROM "Item" WHERE "noteKind" IS NOT NULL GROUP BY "noteKind"
  ), removed AS (
    DELETE FROM "NoteKind" WHERE kind NOT IN (SELECT kind FROM counted)
  )
  INSERT INTO "NoteKind" (kind, uses, "lastUsedAt") SELECT kind, uses, "lastUsedAt" FROM counted
  ON CONFLICT (kind) DO UPDATE SET uses = EXCLUDED.uses, "lastUsedAt" = EXCLUDED."lastUsedAt"`;
