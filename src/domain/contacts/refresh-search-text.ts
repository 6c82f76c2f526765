// Contact.searchText holds the folded number, title, external number, description, company name,
// code and NIP, and person name. Use cases that change those call this to keep search right
// (with the contact's word hashes and the search words, search-words.ts).
import { Prisma, type Tx } from '../../db.ts';
import { foldText } from '../shared/fold-text.ts';
import { recordSearchWords, wordHashesSql } from './search-words.ts';

type SearchSource = {
  number: string;
  title: string;
  externalNumber: string | null;
  description: string;
  company: { name: string; code: string; nip: string | null };
  person: { name: string } | null;
};

export function contactSearchText(c: SearchSource): string {
  return foldText(c.number, c.title, c.externalNumber, c.company.name, c.company.code, c.company.nip, c.person?.name, c.description);
}

const BATCH = 1000;

/** Recomputes searchText for the contacts matching `where`; returns how many were updated. */
export async function refreshContactSearchText(
  tx: Tx,
  where: { companyId?: number; personId?: number; contactId?: number },
): Promise<number> {
  let updated = 0;
  for (let cursor = 0; ; ) {
    const contacts = await tx.contact.findMany({
      where: {
        ...(where.companyId !== undefined && { companyId: where.companyId }),
        ...(where.personId !== undefined && { personId: where.personId }),
        id: where.contactId !== undefined ? where.contactId : { gt: cursor },
      },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: {
        id: true, number: true, title: true, externalNumber: true, description: true, searchText: true,
        company: { select: { name: true, code: true, nip: true } },
        person: { select: { name: true } },
      },
    });
    if (contacts.length === 0 || (where.contactId !== undefined && cursor > 0)) return updated;
    const changed = contacts
      .map((c) => ({ id: c.id, old: c.searchText, text: contactSearchText(c) }))
      .filter((c) => c.old !== c.text);
    if (changed.length > 0) {
      await recordSearchWords(tx, ...changed.map((c) => c.text));
      await tx.$executeRaw`
        UPDATE "Contact" AS c SET "searchText" = v.text, "wordHashes" = ${wordHashesSql(Prisma.sql`v.text || ' ' || c."itemWords"`)}
        FROM (SELECT unnest(${changed.map((c) => c.id)}::int[]) AS id, unnest(${changed.map((c) => c.text)}::text[]) AS text) AS v
        WHERE c.id = v.id`;
      updated += changed.length;
    }
    cursor = contacts[contacts.length - 1]!.id;
  }
}
