import type { Db, Tx } from '../../db.ts';

/** A company's documents, newest first, optionally of one kind (the picker for linking a document). */
export async function listCompanyDocuments(db: Db | Tx, options: { companyId: number; kindCode?: string; limit?: number }) {
  return db.document.findMany({
    where: { companyId: options.companyId, ...(options.kindCode ? { kindCode: options.kindCode } : {}) },
    orderBy: [{ issueDate: 'desc' }, { id: 'desc' }],
    take: options.limit ?? 100,
    include: { kind: true },
  });
}
