import { localDay } from '../../src/domain/shared/zoned-time.ts';
import { describe, expect, it } from 'vitest';
import {
  countWorkingStarts, dailyMomentsBetween, isWorkingTime, nextWorkingMoment, nthLatestWorkingStart, parseWorkingHours,
  usableTimeZone, workingPeriodStartsBetween, zonedTime, type WorkSchedule,
} from '../../src/domain/reminders/working-time.ts';

// Expected instants are written out by hand. Warsaw: CET (UTC+1) until Sunday 2027-03-28 01:00Z,
// then CEST (UTC+2) until Sunday 2027-10-31 01:00Z. New York: EST (UTC-5) until Sunday
// 2027-03-14 07:00Z, then EDT (UTC-4). 2027-03-22 and 2027-03-29 are Mondays.

const WARSAW: WorkSchedule = { hours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' }, timeZone: 'Europe/Warsaw' };
const NEW_YORK: WorkSchedule = { hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, timeZone: 'America/New_York' };
/** Works Tuesday to Saturday, 10:00–14:00. */
const PART_TIME: WorkSchedule = { hours: { days: [2, 3, 4, 5, 6], start: '10:00', end: '14:00' }, timeZone: 'Europe/Warsaw' };

const at = (iso: string) => new Date(iso);
const isos = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('isWorkingTime', () => {
  it.each([
    ['2027-03-22T07:00:00.000Z', true], // Mon 08:00 CET: start is inclusive
    ['2027-03-22T06:59:59.000Z', false], // Mon 07:59:59 CET
    ['2027-03-22T15:59:59.000Z', true], // Mon 16:59:59 CET
    ['2027-03-22T16:00:00.000Z', false], // Mon 17:00 CET: end is exclusive
    ['2027-03-27T10:00:00.000Z', false], // Saturday
    ['2027-03-29T06:00:00.000Z', true], // Mon 08:00 CEST (after the change)
    ['2027-03-29T05:59:00.000Z', false], // Mon 07:59 CEST — would be 06:59 in winter
    ['2027-03-29T15:00:00.000Z', false], // Mon 17:00 CEST
  ])('Warsaw %s → %s', (instant, expected) => {
    expect(isWorkingTime(at(instant), WARSAW)).toBe(expected);
  });

  it('uses the employee’s own zone and days', () => {
    expect(isWorkingTime(at('2027-03-15T13:00:00.000Z'), NEW_YORK)).toBe(true); // Mon 09:00 EDT
    expect(isWorkingTime(at('2027-03-15T12:59:00.000Z'), NEW_YORK)).toBe(false); // Mon 08:59 EDT
    expect(isWorkingTime(at('2027-03-27T10:00:00.000Z'), PART_TIME)).toBe(true); // Sat 11:00 CET
    expect(isWorkingTime(at('2027-03-22T10:00:00.000Z'), PART_TIME)).toBe(false); // Monday is off
  });
});

describe('nextWorkingMoment', () => {
  it.each([
    // Friday 18:00 CET → Monday 08:00 CEST, across the spring change.
    ['2027-03-26T17:00:00.000Z', '2027-03-29T06:00:00.000Z'],
    // Sunday 09:00 CEST → Monday 08:00 CEST.
    ['2027-03-28T07:00:00.000Z', '2027-03-29T06:00:00.000Z'],
    // Monday 07:00 CEST → 08:00 the same day.
    ['2027-03-29T05:00:00.000Z', '2027-03-29T06:00:00.000Z'],
    // Inside working hours: itself.
    ['2027-03-29T09:17:00.000Z', '2027-03-29T09:17:00.000Z'],
    // Friday 17:00 CEST → Monday 08:00 CET, across the autumn change.
    ['2027-10-29T15:00:00.000Z', '2027-11-01T07:00:00.000Z'],
  ])('Warsaw %s → %s', (from, expected) => {
    expect(nextWorkingMoment(at(from), WARSAW).toISOString()).toBe(expected);
  });

  it('New York: Friday 17:00 EST → Monday 09:00 EDT', () => {
    expect(nextWorkingMoment(at('2027-03-12T22:00:00.000Z'), NEW_YORK).toISOString()).toBe('2027-03-15T13:00:00.000Z');
  });

  it('a Tuesday-to-Saturday schedule: Saturday 15:00 → Tuesday 10:00', () => {
    expect(nextWorkingMoment(at('2027-03-27T14:00:00.000Z'), PART_TIME).toISOString()).toBe('2027-03-30T08:00:00.000Z');
  });
});

describe('working period starts', () => {
  it('lists the starts in (from, to] across a weekend and the DST change', () => {
    expect(isos(workingPeriodStartsBetween(at('2027-03-26T00:00:00.000Z'), at('2027-03-29T12:00:00.000Z'), WARSAW)))
      .toEqual(['2027-03-26T07:00:00.000Z', '2027-03-29T06:00:00.000Z']);
  });

  it('excludes from and includes to', () => {
    expect(isos(workingPeriodStartsBetween(at('2027-03-29T06:00:00.000Z'), at('2027-03-30T06:00:00.000Z'), WARSAW)))
      .toEqual(['2027-03-30T06:00:00.000Z']);
    expect(workingPeriodStartsBetween(at('2027-03-29T06:00:00.000Z'), at('2027-03-29T06:00:00.000Z'), WARSAW)).toEqual([]);
  });

  it('daily moments only on working days', () => {
    // 08:30 local, Friday to Monday: Friday (CET) and Monday (CEST).
    expect(isos(dailyMomentsBetween(at('2027-03-26T00:00:00.000Z'), at('2027-03-29T23:00:00.000Z'), '08:30', WARSAW)))
      .toEqual(['2027-03-26T07:30:00.000Z', '2027-03-29T06:30:00.000Z']);
  });

  it('counts the working days between two instants', () => {
    // Monday 10:00 CET → Thursday 08:00 CET: Tue, Wed, Thu.
    expect(countWorkingStarts(at('2027-03-22T09:00:00.000Z'), at('2027-03-25T07:00:00.000Z'), WARSAW)).toBe(3);
    // One tick earlier: only Tue and Wed.
    expect(countWorkingStarts(at('2027-03-22T09:00:00.000Z'), at('2027-03-25T06:59:59.000Z'), WARSAW)).toBe(2);
    // Friday 10:00 CET → Tuesday 08:00 CEST: Mon, Tue (the weekend does not count).
    expect(countWorkingStarts(at('2027-03-26T09:00:00.000Z'), at('2027-03-30T06:00:00.000Z'), WARSAW)).toBe(2);
    // 52 weeks from Monday 2026-01-05 13:00 CET: 260 working days.
    expect(countWorkingStarts(at('2026-01-05T12:00:00.000Z'), at('2027-01-04T12:00:00.000Z'), WARSAW)).toBe(260);
  });

  it('counts long ranges like day-by-day counting, across DST changes', () => {
    // From 07:30 CET (before a start) to summer and back: the week shortcut must not shift over a start.
    const pairs: Array<[string, string]> = [
      ['2027-01-04T06:30:00.000Z', '2027-06-15T06:00:00.000Z'],
      ['2027-01-04T07:00:00.000Z', '2027-06-15T05:59:00.000Z'],
      ['2027-03-01T06:59:00.000Z', '2027-11-30T07:00:00.000Z'],
      ['2027-05-03T06:00:00.000Z', '2027-12-06T07:00:00.000Z'],
    ];
    for (const [from, to] of pairs) {
      for (const schedule of [WARSAW, NEW_YORK, PART_TIME]) {
        expect(countWorkingStarts(at(from), at(to), schedule), `${from} → ${to} ${schedule.timeZone}`)
          .toBe(workingPeriodStartsBetween(at(from), at(to), schedule).length);
      }
    }
  });

  it('finds the n-th latest start', () => {
    // Thursday 08:00 CET: Thu, Wed, Tue.
    expect(nthLatestWorkingStart(at('2027-03-25T07:00:00.000Z'), 3, WARSAW).toISOString()).toBe('2027-03-23T07:00:00.000Z');
    // Monday 08:00 CEST: Mon, Fri, Thu.
    expect(nthLatestWorkingStart(at('2027-03-29T06:00:00.000Z'), 3, WARSAW).toISOString()).toBe('2027-03-25T07:00:00.000Z');
    // Monday 07:59 CEST: Fri, Thu, Wed.
    expect(nthLatestWorkingStart(at('2027-03-29T05:59:00.000Z'), 3, WARSAW).toISOString()).toBe('2027-03-24T07:00:00.000Z');
  });
});

describe('local days and wall clocks', () => {
  it('localDay is the day in the zone', () => {
    expect(localDay(at('2027-03-28T23:30:00.000Z'), 'Europe/Warsaw')).toBe('2027-03-29'); // 01:30 CEST
    expect(localDay(at('2027-03-28T23:30:00.000Z'), 'America/New_York')).toBe('2027-03-28'); // 19:30 EDT
  });

  it('zonedTime converts a wall clock DST-safely', () => {
    expect(zonedTime('2027-03-26', '08:00', 'Europe/Warsaw').toISOString()).toBe('2027-03-26T07:00:00.000Z');
    expect(zonedTime('2027-03-29', '08:00', 'Europe/Warsaw').toISOString()).toBe('2027-03-29T06:00:00.000Z');
    // 02:30 does not exist on 2027-03-28 in Warsaw: moved forward by the change, to 03:30 CEST.
    expect(zonedTime('2027-03-28', '02:30', 'Europe/Warsaw').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(zonedTime('2027-03-15', '09:00', 'America/New_York').toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(zonedTime('2027-03-12', '09:00', 'America/New_York').toISOString()).toBe('2027-03-12T14:00:00.000Z');
  });

  it('falls back to defaults for unusable stored values', () => {
    expect(parseWorkingHours({ days: [], start: '08:00', end: '17:00' })).toEqual({ days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' });
    expect(parseWorkingHours({ days: [6, 7], start: '10:00', end: '12:00' })).toEqual({ days: [6, 7], start: '10:00', end: '12:00' });
    expect(parseWorkingHours('nonsense')).toEqual({ days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' });
    expect(usableTimeZone('Mars/Olympus')).toBe('Europe/Warsaw');
    expect(usableTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});
