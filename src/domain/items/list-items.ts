// A contact's timeline, newest first, in keyset pages. The contact page shows it on every visit,
// so it is plain SQL: one query for the page (index Item(contactId, occurredAt desc, id desc)) and
// small lookups for names, documents and file versions — Prisma's include tree spent several
// milliseconds of CPU (and the planner as much on a five-way join) assembling 50 items.
import type { Db, Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Channel, DocumentStatus, ItemType } from '../../generated/prisma/enums.ts';

export type TimelineItem = {
  id: number; contactId: number; type: ItemType; occurredAt: Date; text: string; noteKind: string | null;
  documentId: number | null; authorId: number | null; assigneeId: number | null; source: Channel; sourceRef: string | null;
  dueAt: Date | null; doneAt: Date | null; createdAt: Date; updatedAt: Date;
  author: { id: number; name: string } | null;
  assignee: { id: number; name: string } | null;
  document: { id: number; number: string; kindCode: string; grossTotal: Prisma.Decimal; status: DocumentStatus } | null;
  /** Newest version first; empty unless type is file. */
  versions: { id: number; version: number; fileName: string; createdAt: Date; storedFile: { sha256: string; size: number; mimeType: string } }[];
};

type ItemRow = Omit<TimelineItem, 'author' | 'assignee' | 'document' | 'versions'>;
type VersionRow = { itemId: number; id: number; version: number; fileName: string; createdAt: Date; sha256: string; size: number; mimeType: string };

type Cursor = { occurredAt: string; id: number };
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
const decode = (s: string): Cursor | null => {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return typeof c?.occurredAt === 'string' && Number.isInteger(c?.id) ? c : null;
  } catch {
    return null;
  }
};

/** Names, documents and file versions of a page of items: small queries with trivial plans. */
async function loadRelated(db: Db | Tx, items: ItemRow[]) {
  const employeeIds = [...new Set(items.flatMap((i) => [i.authorId, i.assigneeId]).filter((id): id is number => id !== null))];
  const documentIds = items.map((i) => i.documentId).filter((id): id is number => id !== null);
  const fileItemIds = items.filter((i) => i.type === 'file').map((i) => i.id);
  const queries = [
    () => (employeeIds.length ? db.$queryRaw<{ id: number; name: string }[]>`SELECT id, name FROM "Employee" WHERE id = ANY(${employeeIds}::int[])` : []),
    () =>
      documentIds.length
        ? db.$queryRaw<NonNullable<TimelineItem['document']>[]>`
            SELECT id, number, "kindCode", "grossTotal", status::text AS status FROM "Document" WHERE id = ANY(${documentIds}::int[])`
        : [],
    () =>
      fileItemIds.length
        ? db.$queryRaw<VersionRow[]>`
            SELECT v."itemId", v.id, v.version, v."fileName", v."createdAt", f.sha256, f.size, f."mimeType"
            FROM "FileVersion" v JOIN "StoredFile" f ON f.id = v."storedFileId"
            WHERE v."itemId" = ANY(${fileItemIds}::int[]) ORDER BY v.version DESC`
        : [],
  ] as const;
  // In parallel on the client; one after another inside a transaction (one connection).
  const inTx = !('$transaction' in db);
  const results = inTx ? [await queries[0](), await queries[1](), await queries[2]()] : await Promise.all(queries.map((q) => q()));
  const [employees, documents, versions] = results as [{ id: number; name: string }[], NonNullable<TimelineItem['document']>[], VersionRow[]];
  const versionsByItem = new Map<number, VersionRow[]>();
  for (const v of versions) versionsByItem.set(v.itemId, [...(versionsByItem.get(v.itemId) ?? []), v]);
  return {
    employees: new Map(employees.map((e) => [e.id, e])),
    documents: new Map(documents.map((d) => [d.id, d])),
    versions: versionsByItem,
  };
}

export async function listItems(db: Db | Tx, options: { contactId: number; limit?: number; cursor?: string | null }) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const after = options.cursor ? decode(options.cursor) : null;
  const keyset = after ? Prisma.sql`AND (i."occurredAt", i.id) < (${new Date(after.occurredAt)}, ${after.id})` : Prisma.empty;
  const rows = await db.$queryRaw<ItemRow[]>`
    SELECT id, "contactId", type::text AS type, "occurredAt", text, "noteKind", "documentId", "authorId", "assigneeId",
           source::text AS source, "sourceRef", "dueAt", "doneAt", "createdAt", "updatedAt"
    FROM "Item" i
    WHERE "contactId" = ${options.contactId} ${keyset}
    ORDER BY "occurredAt" DESC, id DESC
    LIMIT ${limit + 1}`;
  const pageRows = rows.slice(0, limit);
  const related = await loadRelated(db, pageRows);
  const page: TimelineItem[] = pageRows.map((item) => ({
    ...item,
    author: (item.authorId !== null && related.employees.get(item.authorId)) || null,
    assignee: (item.assigneeId !== null && related.employees.get(item.assigneeId)) || null,
    document: (item.documentId !== null && related.documents.get(item.documentId)) || null,
    versions: (related.versions.get(item.id) ?? []).map(({ itemId: _itemId, sha256, size, mimeType, ...v }) => ({ ...v, storedFile: { sha256, size, mimeType } })),
  }));
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: rows.length > limit && last ? encode({ occurredAt: last.occurredAt.toISOString(), id: last.id }) : null,
  };
}
