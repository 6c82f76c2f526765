import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { calendarParts } from '../numbering/next-number.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';

/**
 * Canonical contact number from what people type: "K/2026/0042", "k-2026-42", "2026/42", or
 * "42" (this year). Returns null when the text is not a contact number.
 */
export function parseContactNumber(input: string, settings: DomainSettings = DEFAULT_SETTINGS, now = new Date()): string | null {
  const m = /^\s*(?:k\s*[-/ ]?\s*)?(?:(\d{4})\s*[-/ ]\s*)?0*(\d{1,6})\s*$/i.exec(input);
  if (!m) return null;
  const year = m[1] ? Number(m[1]) : calendarParts(now, settings.timeZone).year;
  return `K/${year}/${m[2]!.padStart(4, '0')}`;
}

/** Looks a contact up by id or by any accepted spelling of its number. */
export async function findContactId(db: Db | Tx, ref: number | string, settings: DomainSettings = DEFAULT_SETTINGS): Promise<number> {
  if (typeof ref === 'number') return ref;
  const number = parseContactNumber(ref, settings);
  const contact = number ? await db.contact.findUnique({ where: { number }, select: { id: true } }) : null;
  if (!contact) throw notFound('Contact', number ?? ref);
  return contact.id;
}
