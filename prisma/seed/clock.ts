// Wall-clock arithmetic in the company's time zone: demo events happen in office hours on
// working days, and "due today" means today in Warsaw, not in UTC.

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number };

function localParts(at: Date, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** The instant at which the clock in `timeZone` shows the given wall time (DST handled by re-checking once). */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t;
  };
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}

export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);
export const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
export const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);
export const earliest = (...dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));
export const latest = (...dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

/** Local-calendar helpers bound to one time zone. */
export function calendar(timeZone: string) {
  /** `at`'s local day at hh:mm, moved off a weekend onto the nearest working day when asked. */
  function at(day: Date, hour: number, minute = 0, options: { workingDay?: boolean } = {}): Date {
    const p = localParts(day, timeZone);
    let date = new Date(Date.UTC(p.year, p.month - 1, p.day));
    if (options.workingDay) {
      const weekday = date.getUTCDay(); // 0 Sunday … 6 Saturday
      if (weekday === 6) date = addDays(date, -1);
      if (weekday === 0) date = addDays(date, 1);
    }
    return zonedInstant(timeZone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute);
  }

  return {
    at,
    /** 1 January of `year`, midnight local time. */
    startOfYear: (year: number) => zonedInstant(timeZone, year, 1, 1),
    year: (day: Date) => localParts(day, timeZone).year,
    /** The calendar date (UTC midnight, as DATE columns hold it) of `day` in the time zone. */
    date: (day: Date) => {
      const p = localParts(day, timeZone);
      return new Date(Date.UTC(p.year, p.month - 1, p.day));
    },
  };
}

export type Calendar = ReturnType<typeof calendar>;
