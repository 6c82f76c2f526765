// Gapless, concurrency-safe human-readable numbers: K/2026/0042, FV/2026/11/0007.
//
// A row of NumberSequence per scope is incremented inside the caller's transaction: its row lock
// makes concurrent transactions take turns, and a rollback returns the number, so there are no
// gaps. The lock is held until commit, so the number is taken as late as possible: contacts take
// it in the single statement that inserts them (create-contact.ts); documents are inserted with a
// pending number that one statement replaces.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db.ts';

/** Year, month and day of an instant in a time zone (numbers follow the company's calendar). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function calendarParts(at: Date, timeZone: string): { year: number; month: number; day: number } {
  // Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** A unique placeholder for a row whose number is assigned at the end of its transaction. */
export const pendingNumber = () => `pending:${randomUUID()}`;

/** Where a contact's number comes from: the year of registration in the company's time zone. */
export function contactNumbering(registeredAt: Date, timeZone: string) {
  const { year } = calendarParts(registeredAt, timeZone);
  return { scope: `contact:${year}`, prefix: `K/${year}/` };
}

/** Per document kind (its prefix) and month of issue. */
export function documentNumbering(prefix: string, issueDate: Date, timeZone: string) {
  const { year, month } = calendarParts(issueDate, timeZone);
  const mm = String(month).padStart(2, '0');
  return { scope: `document:${prefix}:${year}-${mm}`, prefix: `${prefix}/${year}/${mm}/` };
}

/**
 * Takes the next number of the document's scope and writes it. Call it as late as possible
 * in the transaction: the counter's row lock is held until commit.
 */
export async function assignDocumentNumber(tx: Tx, documentId: number, numbering: { scope: string; prefix: string }): Promise<string> {
  const rows = await tx.$queryRaw<{ number: string }[]>`
    WITH seq AS (
      INSERT INTO "NumberSequence" ("scope", "lastValue") VALUES (${numbering.scope}, 1)
      ON CONFLICT ("scope") DO UPDATE SET "lastValue" = "NumberSequence"."lastValue" + 1
      RETURNING "lastValue"
    )
    UPDATE "Document" AS d SET "number" = ${numbering.prefix} || lpad(seq."lastValue"::text, greatest(4, length(seq."lastValue"::text)), '0')
    FROM seq WHERE d.id = ${documentId}
    RETURNING d."number"`;
  return rows[0]!.number;
}
