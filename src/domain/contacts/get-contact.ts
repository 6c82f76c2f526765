// The contact page's data: the contact with its company, person, owner and kind, its sales
// subject (valued) and the newest items of its timeline. It is the most frequent read, so each
// part is one plain SQL statement, run in parallel (see the benchmark in the README).
import type { Db } from '../../db.ts';
import { notFound } from '../../errors.ts';
import type { Contact } from '../../generated/prisma/client.ts';
import { listItems } from '../items/list-items.ts';
import { listSalesLines } from '../sales-lines/list-sales-lines.ts';

type Row = Omit<Contact, 'searchText' | 'itemWords' | 'wordHashes'> & {
  companyName: string; companyCode: string; companyNip: string | null; companyKind: string;
  personName: string | null; personEmail: string | null; personPhone: string | null;
  ownerName: string | null; ownerEmail: string | null; ownerSlackUserId: string | null;
  kindName: string | null; kindDefaultProbability: number | null;
};

async function loadContactRow(db: Db, id: number) {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT c.id, c.number, c."registeredAt", c."companyId", c."externalNumber", c."personId", c."ownerId", c."createdById", c."dueAt",
           c.priority::text AS priority, c.status::text AS status, c."closedAt", c.outcome::text AS outcome, c."kindId", c.title,
           c.description, c."restrictToSalesLines", c.probability, c."expectedCloseAt", c."snoozedUntil", c.version, c."createdAt", c."updatedAt",
           co.name AS "companyName", co.code::text AS "companyCode", co.nip AS "companyNip", co.kind::text AS "companyKind",
           p.name AS "personName", p.email::text AS "personEmail", p.phone AS "personPhone",
           e.name AS "ownerName", e.email::text AS "ownerEmail", e."slackUserId" AS "ownerSlackUserId",
           k.name AS "kindName", k."defaultProbability" AS "kindDefaultProbability"
    FROM "Contact" c
    JOIN "Company" co ON co.id = c."companyId"
    LEFT JOIN "Person" p ON p.id = c."personId"
    LEFT JOIN "Employee" e ON e.id = c."ownerId"
    LEFT JOIN "ContactKind" k ON k.id = c."kindId"
    WHERE c.id = ${id}`;
  if (!row) return null;
  const { companyName, companyCode, companyNip, companyKind, personName, personEmail, personPhone, ownerName, ownerEmail, ownerSlackUserId, kindName, kindDefaultProbability, ...contact } = row;
  return {
    ...contact,
    company: { id: contact.companyId, name: companyName, code: companyCode, nip: companyNip, kind: companyKind },
    person: contact.personId !== null ? { id: contact.personId, name: personName!, email: personEmail, phone: personPhone } : null,
    owner: contact.ownerId !== null ? { id: contact.ownerId, name: ownerName!, email: ownerEmail!, slackUserId: ownerSlackUserId } : null,
    kind: contact.kindId !== null ? { id: contact.kindId, name: kindName!, defaultProbability: kindDefaultProbability! } : null,
  };
}

export async function getContact(db: Db, id: number, options: { items?: number } = {}) {
  const [contact, salesSubject, timeline] = await Promise.all([
    loadContactRow(db, id),
    listSalesLines(db, id),
    listItems(db, { contactId: id, limit: options.items ?? 50 }),
  ]);
  if (!contact) throw notFound('Contact', id);
  return {
    ...contact,
    /** The contact's own probability, else its kind's default. */
    effectiveProbability: contact.probability ?? contact.kind?.defaultProbability ?? null,
    salesLines: salesSubject.lines,
    salesNetTotal: salesSubject.netTotal,
    items: timeline.items,
    nextItemsCursor: timeline.nextCursor,
  };
}
