// Gapless, concurrency-safe counters for contact and document numbers.
//
// The counter row is incremented inside the caller's transaction: the row lock makes concurrent
// transactions wait for each other, and a rollback returns the number, so numbers have no gaps.
// Call it as the last step before commit: the lock is held until the transaction ends.
import type { Tx } from '../../db.ts';

export async function nextInSequence(tx: Tx, scope: string): Promise<number> {
  const rows = await tx.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "NumberSequence" ("scope", "lastValue") VALUES (${scope}, 1)
    ON CONFLICT ("scope") DO UPDATE SET "lastValue" = "NumberSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  return rows[0]!.lastValue;
}

/** Year, month and day of an instant in a time zone (numbers follow the company's calendar). */
export function calendarParts(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const pad = (n: number) => String(n).padStart(4, '0');

/** K/2026/0042 — per year of registration. */
export async function nextContactNumber(tx: Tx, registeredAt: Date, timeZone: string): Promise<string> {
  const { year } = calendarParts(registeredAt, timeZone);
  return `K/${year}/${pad(await nextInSequence(tx, `contact:${year}`))}`;
}

/** FV/2026/11/0007 — per document kind (its prefix) and month of issue. */
export async function nextDocumentNumber(tx: Tx, prefix: string, issueDate: Date, timeZone: string): Promise<string> {
  const { year, month } = calendarParts(issueDate, timeZone);
  const mm = String(month).padStart(2, '0');
  return `${prefix}/${year}/${mm}/${pad(await nextInSequence(tx, `document:${prefix}:${year}-${mm}`))}`;
}
