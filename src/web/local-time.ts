// <input type="datetime-local"> speaks wall-clock time without a zone; the panel interprets it in
// the employee's time zone (zoned-time.ts handles DST changes).
import { wallClock, zonedInstant } from '../domain/shared/zoned-time.ts';

/** "2026-12-01T15:00" in `timeZone` → the instant; null when the text is not such a value. */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  return zonedInstant(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, timeZone);
}

/** The instant as a datetime-local value in `timeZone`. */
export function formatLocalDateTime(date: Date | null, timeZone: string): string {
  if (!date) return '';
  const p = wallClock(date, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
