import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import type { Prisma } from '../../db.ts';
import { calendarDate, id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';

const listDocumentsInput = z.object({
  kindCode: z.string().trim().max(32).optional(),
  companyId: id.optional(),
  /** Issue dates from and to (both inclusive), YYYY-MM-DD. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  /** At most 200; 50 by default. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
}).refine((o) => !o.from || !o.to || o.from <= o.to, { path: ['to'], message: 'must not be before the start date' });
/** Filters for listDocuments; '' in a filter means "any". */
export type ListDocumentsInput = z.input<typeof listDocumentsInput>;

/** Empty form fields mean "no filter". */
const withoutBlanks = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== null && v !== undefined));

/**
 * All documents, newest first (issue date, then id), with their kind and company. Returns one
 * page and whether more follow. VALIDATION for a malformed filter.
 */
export async function listDocuments(db: Db | Tx, input: ListDocumentsInput = {}) {
  const filters = parseInput(listDocumentsInput, withoutBlanks(input));
  const where: Prisma.DocumentWhereInput = {
    kindCode: filters.kindCode,
    companyId: filters.companyId,
    ...((filters.from || filters.to) && { issueDate: { gte: filters.from, lte: filters.to } }),
  };
  const rows = await db.document.findMany({
    where,
    orderBy: [{ issueDate: 'desc' }, { id: 'desc' }],
    // One more than asked tells whether there is a next page.
    take: filters.limit + 1,
    skip: filters.offset,
    select: {
      id: true, number: true, issueDate: true, dueDate: true, status: true, netTotal: true, grossTotal: true,
      kind: true, company: { select: { id: true, name: true, code: true } }, contact: { select: { id: true, number: true } },
    },
  });
  return {
    documents: rows.slice(0, filters.limit).map((d) => ({ ...d, netTotal: d.netTotal.toFixed(2), grossTotal: d.grossTotal.toFixed(2) })),
    hasMore: rows.length > filters.limit,
  };
}

/** The document kinds (invoice, WZ, order…), for filters. */
export async function listDocumentKinds(db: Db | Tx) {
  return db.documentKind.findMany({ orderBy: { code: 'asc' } });
}
