import type { Db, Tx } from '../../db.ts';

export type ItemsCursor = { occurredAt: string; id: number };

const encode = (c: ItemsCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
const decode = (s: string): ItemsCursor | null => {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return typeof c?.occurredAt === 'string' && Number.isInteger(c?.id) ? c : null;
  } catch {
    return null;
  }
};

/** A contact's timeline, newest first, in keyset pages (index Item(contactId, occurredAt desc, id desc)). */
export async function listItems(db: Db | Tx, options: { contactId: number; limit?: number; cursor?: string | null }) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const after = options.cursor ? decode(options.cursor) : null;
  const rows = await db.item.findMany({
    where: {
      contactId: options.contactId,
      ...(after && {
        OR: [
          { occurredAt: { lt: new Date(after.occurredAt) } },
          { occurredAt: new Date(after.occurredAt), id: { lt: after.id } },
        ],
      }),
    },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    relationLoadStrategy: 'join',
    omit: { searchText: true },
    include: {
      author: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      document: { select: { id: true, number: true, kindCode: true, grossTotal: true, status: true } },
      versions: {
        orderBy: { version: 'desc' },
        select: { id: true, version: true, fileName: true, createdAt: true, storedFile: { select: { sha256: true, size: true, mimeType: true } } },
      },
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: rows.length > limit && last ? encode({ occurredAt: last.occurredAt.toISOString(), id: last.id }) : null,
  };
}
