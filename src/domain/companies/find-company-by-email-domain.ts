import type { Db, Tx } from '../../db.ts';
import { normalizeEmailDomain } from './company-fields.ts';

/**
 * The company whose emailDomains cover an address ("Jan@Acme.PL") or a bare domain. A
 * subdomain matches its parent ("biuro.acme.pl" → "acme.pl"); the most specific domain wins.
 * Returns null when nothing matches or when several companies claim the winning domain: mail
 * routing must not guess between them. Active companies are preferred over inactive ones.
 */
export async function findCompanyByEmailDomain(db: Db | Tx, emailOrDomain: string) {
  const domain = normalizeEmailDomain(emailOrDomain.slice(emailOrDomain.lastIndexOf('@') + 1));
  if (!domain) return null;
  const labels = domain.split('.');
  // "biuro.acme.pl" → ["biuro.acme.pl", "acme.pl"]; never the bare top-level domain.
  const candidates = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
  const companies = await db.company.findMany({ where: { emailDomains: { hasSome: candidates } }, orderBy: { id: 'asc' } });
  for (const candidate of candidates) {
    const claiming = companies.filter((c) => c.emailDomains.includes(candidate));
    const active = claiming.filter((c) => c.active);
    const pool = active.length > 0 ? active : claiming;
    if (pool.length === 1) return pool[0]!;
    if (pool.length > 1) return null;
  }
  return null;
}
