// Natural-language "when" for Slack commands: `/contact due 42 jutro 15:00`,
// `/contact task 42 next friday 9am call back`. parseWhen() reads the date/time expression at the
// START of the text (commands put the date first) and returns the instant plus the rest of the text.
//
// Two readers, the longer leading match wins (a tie goes to Polish):
//  - Polish: a small hand-written reader below (chrono-node has no Polish locale). It reads up to one
//    DAY part (jutro, w piątek, za 3 dni, 1.12, 1 grudnia, 2026-12-01) and one TIME part (o 15, 15:00,
//    godz. 15, rano, wieczorem) in either order, or a relative moment (za 2 godziny). Matching is
//    case- and diacritic-insensitive ("piatek" == "Piątek").
//  - English: chrono-node's en.GB parser, so numeric dates are day-first as in Europe (1/12 = 1 Dec).
//
// Everything is interpreted in the employee's IANA zone, never the server's. chrono only knows a fixed
// UTC offset, so we take the wall-clock fields it found (year…minute) and convert them ourselves with
// zonedInstant() (zoned-time.ts), which gets DST right ("jutro 10:00" the night clocks change).
//
// Decisions:
//  - Only a day given → DEFAULT_TIME (09:00) that day, hasTime=false. "dziś"/"today" without a time is
//    09:00 today even if that has passed; the caller decides what to do with a past instant.
//  - Only a time given (o 9, 9am, wieczorem) → today, or tomorrow if that time has already passed.
//  - "w piątek" / "friday" on a Friday means the Friday in 7 days (you would say "dziś" for today).
//    English "next friday" is left to chrono: the Friday of next week (from Thursday: in 8 days).
//  - A day and month without a year that is already past this year means next year (today is not past).
//  - A wall-clock time that does not exist (skipped by a DST jump) moves forward by the jump: 02:30 → 03:30.
import * as chrono from 'chrono-node';
import { offsetMinutes, wallClock, zonedInstant } from './zoned-time.ts';

export type ParsedWhen = {
  /** The instant (UTC Date) meant, interpreted in `timeZone`. */
  at: Date;
  /** The part of the input that was the date/time expression, as typed. */
  matched: string;
  /** Input with the expression removed and whitespace/leading punctuation like ':' ',' '-' trimmed: the rest of a command, e.g. the task text. */
  rest: string;
  /** True when the input named a time of day (15:00, 9am, rano); false when only a day (then the time is DEFAULT_TIME). */
  hasTime: boolean;
};

/** Time used when only a day is given: the start of the working day, so a "due tomorrow" reminder
 * fires when the salesperson starts work rather than at midnight. */
export const DEFAULT_TIME = '09:00';

/** Finds the FIRST date/time expression at the START of `input` (leading expression only — commands put the date first: `task 42 jutro 15:00 zadzwonić`). Returns null when the input does not start with one. */
export function parseWhen(input: string, options: { timeZone: string; now?: Date }): ParsedWhen | null {
  const now = options.now ?? new Date();
  const start = input.length - input.trimStart().length;
  const polish = readPolish(input, start, now, options.timeZone);
  const english = readEnglish(input, start, now, options.timeZone);
  const best = english && (!polish || english.end > polish.end) ? english : polish;
  if (!best) return null;
  return {
    at: best.at,
    matched: input.slice(start, best.end),
    rest: input.slice(best.end).replace(/^[\s:,;.\-–—]+/, '').trim(),
    hasTime: best.hasTime,
  };
}

/** What a reader found: the instant and where the expression ends in the input. */
type Found = { at: Date; end: number; hasTime: boolean };

// ---------------------------------------------------------------------------------------------
// Calendar dates, wall clocks and time zones
// ---------------------------------------------------------------------------------------------

type CalendarDate = { year: number; month: number; day: number };
type TimeOfDay = { hour: number; minute: number };

const DEFAULT_TIME_OF_DAY: TimeOfDay = {
  hour: Number(DEFAULT_TIME.slice(0, 2)),
  minute: Number(DEFAULT_TIME.slice(3, 5)),
};

function todayIn(timeZone: string, now: Date): CalendarDate {
  const { year, month, day } = wallClock(now, timeZone);
  return { year, month, day };
}

function toInstant(date: CalendarDate, time: TimeOfDay, timeZone: string): Date {
  return zonedInstant(date.year, date.month, date.day, time.hour, time.minute, timeZone);
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The date if it exists (no 31.02), else null. */
function validDate(year: number, month: number, day: number): CalendarDate | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

/** The next `weekday` (0 = Sunday) after `today`: 1–7 days ahead, never today. */
function nextWeekday(today: CalendarDate, weekday: number): CalendarDate {
  return addDays(today, ((weekday - weekdayOf(today) + 6) % 7) + 1);
}

/** A day that came without a year: this year, or next year if it has already passed (today has not). */
function upcoming(month: number, day: number, today: CalendarDate): CalendarDate | null {
  const thisYear = validDate(today.year, month, day);
  if (thisYear && !isBefore(thisYear, today)) return thisYear;
  return validDate(today.year + 1, month, day);
}

function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;
}

// ---------------------------------------------------------------------------------------------
// English: chrono-node
// ---------------------------------------------------------------------------------------------

function readEnglish(input: string, start: number, now: Date, timeZone: string): Found | null {
  const reference = { instant: now, timezone: offsetMinutes(timeZone, now) };
  const result = chrono.en.GB.parse(input.slice(start), reference, { forwardDate: true })[0];
  if (!result || result.index !== 0) return null;
  const c = result.start;
  const end = start + result.text.length;

  // "now", "in 2 hours", "3pm EST": chrono fixed the offset itself, so its instant is exact.
  if (c.isCertain('timezoneOffset')) return { at: c.date(), end, hasTime: true };

  // Casual times (evening, noon, tonight) are only "implied" by chrono but were named by the user.
  const tags = c.tags();
  const hasTime =
    c.isCertain('hour') || tags.has('parser/ENCasualTimeParser') || tags.has('casualReference/tonight');
  const time = hasTime ? { hour: c.get('hour') ?? 0, minute: c.get('minute') ?? 0 } : DEFAULT_TIME_OF_DAY;
  return { at: toInstant(englishDate(result, todayIn(timeZone, now)), time, timeZone), end, hasTime };
}

/** The calendar day chrono found. chrono's forwardDate decides "is this day already past?" by
 * comparing in the server's zone, so the two cases where that matters (a weekday or a day and month
 * on today's date) are decided here, with the same rules as the Polish reader. */
function englishDate(result: chrono.ParsedResult, today: CalendarDate): CalendarDate {
  const c = result.start;
  const chronoDate = { year: c.get('year') ?? today.year, month: c.get('month') ?? 1, day: c.get('day') ?? 1 };
  const weekday = c.get('weekday');
  // "friday", "this friday", "friday 3pm" (not "next friday"/"last friday"): 1–7 days ahead.
  const relativeWeek = /^(next|last|past|previous)\b/i.test(result.text);
  if (weekday !== null && c.isCertain('weekday') && !c.isCertain('day') && !relativeWeek) {
    return nextWeekday(today, weekday);
  }
  // "1 Dec": this year, or next year once past.
  if (c.isCertain('month') && c.isCertain('day') && !c.isCertain('year')) {
    return upcoming(chronoDate.month, chronoDate.day, today) ?? chronoDate;
  }
  return chronoDate;
}

// ---------------------------------------------------------------------------------------------
// Polish: hand-written reader
// ---------------------------------------------------------------------------------------------
// The input is lower-cased and stripped of Polish diacritics character by character, keeping its
// length, so a match position in the folded text is the same position in the typed text.
// Every pattern is sticky (/y: must match exactly at lastIndex) and ends with END_OF_WORD.

const POLISH_LETTERS: Record<string, string> = {
  ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z',
};

function foldKeepingLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const folded = POLISH_LETTERS[lower] ?? lower;
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

/** Not followed by a letter or digit: "jutro" must not match the start of "jutrzejszy". */
const END_OF_WORD = '(?![\\p{L}\\d])';

function pattern(source: string): RegExp {
  return new RegExp(source + END_OF_WORD, 'uy');
}

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Index = weekday number (0 = Sunday); nominative and accusative (w środę) forms, folded. */
const WEEKDAYS = ['niedziel[ae]', 'poniedzialek', 'wtorek', 'srod[ae]', 'czwartek', 'piatek', 'sobot[ae]'];

/** Genitive month names (1 grudnia) and 3-letter abbreviations (1 gru), folded; index + 1 = month. */
const MONTHS = [
  ['stycznia', 'sty'],
  ['lutego', 'lut'],
  ['marca', 'mar'],
  ['kwietnia', 'kwi'],
  ['maja', 'maj'],
  ['czerwca', 'cze'],
  ['lipca', 'lip'],
  ['sierpnia', 'sie'],
  ['wrzesnia', 'wrz'],
  ['pazdziernika', 'paz'],
  ['listopada', 'lis'],
  ['grudnia', 'gru'],
] as const;

const MONTH_NAME = `(${MONTHS.map(([name, abbr]) => `${name}|${abbr}\\.?`).join('|')})`;

function monthFromName(name: string): number {
  return MONTHS.findIndex(([full, abbr]) => name === full || name.replace('.', '') === abbr) + 1;
}

type DayReader = { re: RegExp; date: (m: RegExpExecArray, today: CalendarDate) => CalendarDate | null };

const DAY_READERS: DayReader[] = [
  { re: pattern('dzisiaj|dzis'), date: (_, today) => today },
  { re: pattern('jutro'), date: (_, today) => addDays(today, 1) },
  { re: pattern('pojutrze'), date: (_, today) => addDays(today, 2) },
  {
    // "w piątek", "we wtorek", "piątek": the next such day, 1–7 days ahead (never today).
    re: pattern(`(?:we?\\s+)?(?:${WEEKDAYS.map((w) => `(${w})`).join('|')})`),
    date: (m, today) => nextWeekday(today, m.slice(1).findIndex(Boolean)),
  },
  { re: pattern('za\\s+(\\d{1,3})\\s+(?:dni|dzien)'), date: (m, today) => addDays(today, Number(m[1])) },
  {
    re: pattern('za\\s+(?:(\\d{1,2})\\s+)?(?:tydzien|tygodnie|tygodni)'),
    date: (m, today) => addDays(today, 7 * Number(m[1] ?? 1)),
  },
  {
    // ISO: 2026-12-01
    re: pattern('(\\d{4})-(\\d{1,2})-(\\d{1,2})'),
    date: (m) => validDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    // 1.12, 01.12.2026, 1.12.26
    re: pattern('(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{4}|\\d{2}))?'),
    date: (m, today) => {
      const year = m[3]?.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      return m[3] ? validDate(year, Number(m[2]), Number(m[1])) : upcoming(Number(m[2]), Number(m[1]), today);
    },
  },
  {
    // 1 grudnia, 1 gru, 1 grudnia 2026
    re: pattern(`(\\d{1,2})\\s*${MONTH_NAME}(?:\\s+(\\d{4}))?`),
    date: (m, today) => {
      const month = monthFromName(m[2] ?? '');
      return m[3] ? validDate(Number(m[3]), month, Number(m[1])) : upcoming(month, Number(m[1]), today);
    },
  },
];

/** Parts of the day, as used alone ("jutro rano") or after an hour ("o 5 po południu"). */
const DAY_PARTS: Array<{ re: RegExp; time: TimeOfDay; afternoon: boolean }> = [
  { re: pattern('rano'), time: { hour: 8, minute: 0 }, afternoon: false },
  { re: pattern('przed\\s+poludniem'), time: { hour: 10, minute: 0 }, afternoon: false },
  { re: pattern('w\\s+poludnie'), time: { hour: 12, minute: 0 }, afternoon: false },
  { re: pattern('po\\s+poludniu'), time: { hour: 15, minute: 0 }, afternoon: true },
  { re: pattern('wieczorem'), time: { hour: 19, minute: 0 }, afternoon: true },
];

// "o 15", "o 15:30", "o 15.30", "godz. 15", "o godz. 15": a bare hour only after "o" or "godz."
const PREFIXED_TIME = pattern('(?:(?:o\\s+)?godz(?:ina|\\.)?\\s*|o\\s+)(\\d{1,2})(?:[:.](\\d{2}))?');
// "15:00": a colon makes a number a time without a prefix ("15.30" alone would read as a date).
const COLON_TIME = pattern('(\\d{1,2}):(\\d{2})');

type DayMatch = { date: CalendarDate; end: number };
type TimeMatch = { time: TimeOfDay; end: number };

function readDay(text: string, pos: number, today: CalendarDate): DayMatch | null {
  for (const reader of DAY_READERS) {
    const m = matchAt(reader.re, text, pos);
    const date = m && reader.date(m, today);
    if (m && date) return { date, end: pos + m[0].length };
  }
  return null;
}

function readDayPart(text: string, pos: number): { part: (typeof DAY_PARTS)[number]; end: number } | null {
  for (const part of DAY_PARTS) {
    const m = matchAt(part.re, text, pos);
    if (m) return { part, end: pos + m[0].length };
  }
  return null;
}

function readTime(text: string, pos: number): TimeMatch | null {
  const dayPart = readDayPart(text, pos);
  if (dayPart) return { time: dayPart.part.time, end: dayPart.end };

  const m = matchAt(PREFIXED_TIME, text, pos) ?? matchAt(COLON_TIME, text, pos);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  const end = pos + m[0].length;

  // "o 5 po południu" = 17:00, "o 9 rano" = 9:00.
  const spaces = text.slice(end).length - text.slice(end).trimStart().length;
  const after = spaces > 0 ? readDayPart(text, end + spaces) : null;
  if (!after) return { time: { hour, minute }, end };
  return { time: { hour: after.part.afternoon && hour < 12 ? hour + 12 : hour, minute }, end: after.end };
}

// "za 2 godziny", "za godzinę", "za pół godziny", "za 30 minut": an exact offset from now, not a
// wall-clock time.
const RELATIVE_MOMENT = pattern('za\\s+(?:(\\d{1,3}|pol)\\s+)?(godzin[ay]?|godzine|minut[ay]?|minute)');

const SEPARATOR = /\s*,?\s*/y;

function readPolish(input: string, start: number, now: Date, timeZone: string): Found | null {
  const text = foldKeepingLength(input);

  const moment = matchAt(RELATIVE_MOMENT, text, start);
  if (moment) {
    const count = moment[1] === 'pol' ? 0.5 : Number(moment[1] ?? 1);
    const minutesPerUnit = moment[2]?.startsWith('godz') ? 60 : 1;
    const at = new Date(now.getTime() + count * minutesPerUnit * 60_000);
    return { at, end: start + moment[0].length, hasTime: true };
  }

  const today = todayIn(timeZone, now);
  let date: CalendarDate | null = null;
  let time: TimeOfDay | null = null;
  let end = start;
  // At most one day part and one time part, in either order: "jutro 15:00", "o 15 jutro".
  for (let parts = 0; parts < 2; parts++) {
    const pos = parts === 0 ? start : end + (matchAt(SEPARATOR, text, end)?.[0].length ?? 0);
    const day: DayMatch | null = date ? null : readDay(text, pos, today);
    const clock: TimeMatch | null = day || time ? null : readTime(text, pos);
    if (day) {
      date = day.date;
      end = day.end;
    } else if (clock) {
      time = clock.time;
      end = clock.end;
    } else {
      break;
    }
  }

  if (date) {
    return { at: toInstant(date, time ?? DEFAULT_TIME_OF_DAY, timeZone), end, hasTime: time !== null };
  }
  if (!time) return null;
  // Only a time: today, or tomorrow once it has passed.
  const todayAt = toInstant(today, time, timeZone);
  const at = todayAt < now ? toInstant(addDays(today, 1), time, timeZone) : todayAt;
  return { at, end, hasTime: true };
}
