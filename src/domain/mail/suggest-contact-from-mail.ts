import type { Db, Tx } from '../../db.ts';
import { findCompanyByEmailDomain } from '../companies/find-company-by-email-domain.ts';
import { findPersonByEmail } from '../people/find-person-by-email.ts';

/** "Fwd: RE: Zapytanie" → "Zapytanie". */
export const titleFromSubject = (subject: string | null) =>
  (subject ?? '').replace(/^\s*((re|fw|fwd|odp|pd|aw|wg|tr)\s*(\[\d+\])?\s*:\s*)+/i, '').trim().slice(0, 200);

/**
 * What a new contact made from a message would be prefilled with: the company (and person) of the
 * original sender — found by the address, else by its domain — and the subject as the title.
 */
export async function suggestContactFromMail(db: Db | Tx, mail: { originalFrom: string | null; fromAddress: string | null; subject: string | null }) {
  let company: { id: number; name: string } | null = null;
  let person: { id: number; name: string } | null = null;
  for (const address of [mail.originalFrom, mail.fromAddress].filter((a): a is string => Boolean(a))) {
    const found = await findPersonByEmail(db, address);
    if (found) {
      person = { id: found.id, name: found.name };
      company = { id: found.company.id, name: found.company.name };
      break;
    }
    const byDomain = await findCompanyByEmailDomain(db, address);
    if (byDomain) {
      company = { id: byDomain.id, name: byDomain.name };
      break;
    }
  }
  return { company, person, title: titleFromSubject(mail.subject) };
}
