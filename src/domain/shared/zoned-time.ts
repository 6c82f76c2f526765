// Wall-clock time in an IANA zone, both ways, DST-safe, whatever the server's own zone. Every
// piece that reads or writes local times (the panel's datetime inputs, the date parser, working
// hours of reminders) goes through these three functions.

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a zone Intl does not know. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** What a clock in `timeZone` shows at `at`. */
export function wallClock(at: Date | number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** Offset of the zone from UTC at `at`, in minutes (Warsaw: 60 in winter, 120 in summer). */
export function offsetMinutes(timeZone: string, at: Date | number): number {
  const w = wallClock(at, timeZone);
  const ts = typeof at === 'number' ? at : at.getTime();
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ts / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows the given date and time (`minute` may
 * exceed 59: minutes after the hour). A time skipped in spring comes out shifted by the change; a
 * repeated one (autumn) is its second occurrence (standard time).
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // First guess with the offset around that time, corrected with the offset at the guess (they
  // differ only near a DST change).
  const firstOffset = offsetMinutes(timeZone, wallAsUtc);
  const guess = wallAsUtc - firstOffset * 60_000;
  const offset = offsetMinutes(timeZone, guess);
  return new Date(offset === firstOffset ? guess : wallAsUtc - offset * 60_000);
}

/** The calendar day in the zone at `at`, "YYYY-MM-DD". */
export function localDay(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Whether Intl knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
