// <input type="datetime-local"> speaks wall-clock time without a zone; the panel interprets it in
// the employee's time zone. Both directions go through Intl, so DST changes are handled.
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(ts: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ts).map((x) => [x.type, x.value]));
  return { year: +p.year!, month: +p.month!, day: +p.day!, hour: +p.hour!, minute: +p.minute! };
}

const offsetAt = (ts: number, timeZone: string) => {
  const p = partsIn(ts, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ts / 60_000) * 60_000;
};

/** "2026-12-01T15:00" in `timeZone` → the instant; null when the text is not such a value. */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  let ts = wall - offsetAt(wall, timeZone);
  const corrected = wall - offsetAt(ts, timeZone);
  if (corrected !== ts) ts = corrected;
  return new Date(ts);
}

/** The instant as a datetime-local value in `timeZone`. */
export function formatLocalDateTime(date: Date | null, timeZone: string): string {
  if (!date) return '';
  const p = partsIn(date.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
