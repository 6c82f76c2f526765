-- CreateTable
CREATE TABLE "NoteKind" (
    "kind" TEXT NOT NULL,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoteKind_pkey" PRIMARY KEY ("kind")
);

-- Backfill: how often each kind has been used so far (see src/domain/items/note-kinds.ts).
INSERT INTO "NoteKind" ("kind", "uses", "lastUsedAt")
SELECT "noteKind", count(*), max("createdAt") FROM "Item" WHERE "noteKind" IS NOT NULL GROUP BY "noteKind";
