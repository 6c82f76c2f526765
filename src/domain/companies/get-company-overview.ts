import type { Db, Tx } from '../../db.ts';
import { getCompany } from './get-company.ts';

/** How many contacts and documents the company page shows (newest first). */
export const OVERVIEW_LIMIT = 100;

/**
 * A company with what the company page shows: its people, its newest contacts and documents.
 * NOT_FOUND when there is no such company.
 */
export async function getCompanyOverview(db: Db | Tx, id: number) {
  const company = await getCompany(db, id);
  const [people, contacts, documents] = await Promise.all([
    db.person.findMany({ where: { companyId: id }, orderBy: [{ active: 'desc' }, { name: 'asc' }, { id: 'asc' }] }),
    db.contact.findMany({
      where: { companyId: id },
      orderBy: [{ registeredAt: 'desc' }, { id: 'desc' }],
      take: OVERVIEW_LIMIT,
      select: {
        id: true, number: true, title: true, status: true, priority: true, dueAt: true, registeredAt: true,
        owner: { select: { id: true, name: true } },
      },
    }),
    db.document.findMany({
      where: { companyId: id },
      orderBy: [{ issueDate: 'desc' }, { id: 'desc' }],
      take: OVERVIEW_LIMIT,
      select: { id: true, number: true, issueDate: true, grossTotal: true, status: true, kind: true },
    }),
  ]);
  return { company, people, contacts, documents: documents.map((d) => ({ ...d, grossTotal: d.grossTotal.toFixed(2) })) };
}
