// Working time of one employee: their working days and hours in their own IANA time zone.
// Everything is computed on the wall clock of that zone and converted to instants DST-safely, so
// "08:00 on Monday" is 07:00Z in winter and 06:00Z in summer in Warsaw, whatever the server's zone.
import { workingHours as workingHoursSchema } from '../employees/employee-fields.ts';
import { isKnownTimeZone, wallClock, zonedInstant as zonedInstantOf } from '../shared/zoned-time.ts';

/** Employee.workingHours: ISO weekdays (1 = Monday … 7 = Sunday), start and end "HH:MM" (end exclusive). */
export type WorkingHours = { days: number[]; start: string; end: string };

/** Whose working time: their hours and IANA time zone. */
export type WorkSchedule = { hours: WorkingHours; timeZone: string };

export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' };
export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

type CalendarDate = { year: number; month: number; day: number };

/** The zone if Intl knows it, else the company default (a bad stored value must not stop reminders). */
export function usableTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isKnownTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
}

/** The stored JSON as working hours; anything invalid falls back to the defaults (Mon–Fri 08:00–17:00). */
export function parseWorkingHours(value: unknown): WorkingHours {
  const parsed = workingHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_WORKING_HOURS;
}

/** An employee's schedule from their stored fields. */
export function scheduleOf(employee: { workingHours: unknown; timeZone: string | null }): WorkSchedule {
  return { hours: parseWorkingHours(employee.workingHours), timeZone: usableTimeZone(employee.timeZone) };
}

/**
 * The instant the wall clock in `timeZone` shows `minutes` after midnight of `date`. A time that
 * does not exist (the hour skipped in spring) comes out shifted by the change; a repeated one
 * (autumn) is its second occurrence (standard time).
 */
function zonedInstant(date: CalendarDate, minutes: number, timeZone: string): Date {
  return zonedInstantOf(date.year, date.month, date.day, 0, minutes, timeZone);
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: CalendarDate): number {
  return ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const dateOf = (w: CalendarDate): CalendarDate => ({ year: w.year, month: w.month, day: w.day });
const compareDates = (a: CalendarDate, b: CalendarDate) => Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);

/** The instant of wall-clock time `clock` ("HH:MM") on `day` ("YYYY-MM-DD") in the zone. */
export function zonedTime(day: string, clock: string, timeZone: string): Date {
  const date = { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
  return zonedInstant(date, minutesOf(clock), timeZone);
}

/** Whether `at` is inside the working hours (start inclusive, end exclusive) of a working day. */
export function isWorkingTime(at: Date, schedule: WorkSchedule): boolean {
  const w = wallClock(at, schedule.timeZone);
  if (!schedule.hours.days.includes(isoWeekday(w))) return false;
  const seconds = w.hour * 3600 + w.minute * 60 + w.second;
  return seconds >= minutesOf(schedule.hours.start) * 60 && seconds < minutesOf(schedule.hours.end) * 60;
}

/** The start of a working period on `date`, or null on a day off. */
function startOn(date: CalendarDate, schedule: WorkSchedule): Date | null {
  return schedule.hours.days.includes(isoWeekday(date)) ? zonedInstant(date, minutesOf(schedule.hours.start), schedule.timeZone) : null;
}

/** `at` itself when it is working time, else the start of the next working period. */
export function nextWorkingMoment(at: Date, schedule: WorkSchedule): Date {
  if (isWorkingTime(at, schedule)) return at;
  let date = dateOf(wallClock(at, schedule.timeZone));
  // Within 8 days there is always a working day (days is never empty).
  for (let i = 0; i < 8; i++, date = addDays(date, 1)) {
    const start = startOn(date, schedule);
    if (start && start > at) return start;
  }
  throw new Error(`no working day in schedule ${JSON.stringify(schedule.hours)}`);
}

/** The moments the wall clock shows `clock` ("HH:MM") on working days in (from, to], oldest first. */
export function dailyMomentsBetween(from: Date, to: Date, clock: string, schedule: WorkSchedule): Date[] {
  if (to <= from) return [];
  const moments: Date[] = [];
  const minutes = minutesOf(clock);
  const last = dateOf(wallClock(to, schedule.timeZone));
  // From the day before `from`'s local day: a zone change of the day never hides a moment.
  for (let date = addDays(dateOf(wallClock(from, schedule.timeZone)), -1); compareDates(date, last) <= 0; date = addDays(date, 1)) {
    if (!schedule.hours.days.includes(isoWeekday(date))) continue;
    const at = zonedInstant(date, minutes, schedule.timeZone);
    if (at > from && at <= to) moments.push(at);
  }
  return moments;
}

/** The starts of working periods in (from, to], oldest first. */
export function workingPeriodStartsBetween(from: Date, to: Date, schedule: WorkSchedule): Date[] {
  return dailyMomentsBetween(from, to, schedule.hours.start, schedule);
}

/** How many working periods started in (from, to]: the working days something has been overdue. */
export function countWorkingStarts(from: Date, to: Date, schedule: WorkSchedule): number {
  if (to <= from) return 0;
  // Whole weeks arithmetically (shifted on the wall clock, so a DST change in between does not
  // move `from` across a start), the rest day by day: a deadline years ago costs no more than a recent one.
  const weeks = Math.max(0, Math.floor((to.getTime() - from.getTime()) / (7 * 86_400_000)) - 1);
  if (weeks === 0) return workingPeriodStartsBetween(from, to, schedule).length;
  const w = wallClock(from, schedule.timeZone);
  const shiftedFrom = zonedInstant(addDays(dateOf(w), 7 * weeks), w.hour * 60 + w.minute, schedule.timeZone);
  return weeks * schedule.hours.days.length + workingPeriodStartsBetween(shiftedFrom, to, schedule).length;
}

/**
 * The n-th latest working-period start at or before `at` (n = 1: the latest). Something whose
 * deadline is before it has been overdue for at least n working days at `at`.
 */
export function nthLatestWorkingStart(at: Date, n: number, schedule: WorkSchedule): Date {
  let date = dateOf(wallClock(at, schedule.timeZone));
  let found = 0;
  for (let i = 0; ; i++, date = addDays(date, -1)) {
    const start = startOn(date, schedule);
    if (start && start <= at && ++found >= n) return start;
    if (i > 8 * n + 8) throw new Error(`no working day in schedule ${JSON.stringify(schedule.hours)}`);
  }
}
