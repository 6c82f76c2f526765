import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME, parseWhen } from '../../src/domain/shared/parse-when.ts';

// Expected instants are written out by hand. Warsaw is UTC+1 (CET) in winter and UTC+2 (CEST) from
// the last Sunday of March (2027-03-28) to the last Sunday of October (2027-10-31);
// New York is UTC-5 (EST) from 2026-11-01 and UTC-4 (EDT) before that.

const WARSAW = 'Europe/Warsaw';
const NEW_YORK = 'America/New_York';
/** Thursday 2026-11-26, 10:00 in Warsaw. */
const THURSDAY_10_WARSAW = new Date('2026-11-26T09:00:00Z');

function parse(input: string, now = THURSDAY_10_WARSAW, timeZone = WARSAW) {
  return parseWhen(input, { timeZone, now });
}

/** [input, expected instant, hasTime] checked against THURSDAY_10_WARSAW in Warsaw. */
type Case = [string, string, boolean];

function expectCases(cases: Case[]) {
  it.each(cases)('%s → %s', (input, expected, hasTime) => {
    const result = parse(input);
    expect(result?.at.toISOString()).toBe(expected);
    expect(result?.hasTime).toBe(hasTime);
    expect(result?.matched).toBe(input.trim());
    expect(result?.rest).toBe('');
  });
}

describe('parseWhen: Polish relative days', () => {
  expectCases([
    ['dziś', '2026-11-26T08:00:00.000Z', false],
    ['dzisiaj', '2026-11-26T08:00:00.000Z', false],
    ['jutro', '2026-11-27T08:00:00.000Z', false],
    ['pojutrze', '2026-11-28T08:00:00.000Z', false],
    ['za 3 dni', '2026-11-29T08:00:00.000Z', false],
    ['za 1 dzień', '2026-11-27T08:00:00.000Z', false],
    ['za tydzień', '2026-12-03T08:00:00.000Z', false],
    ['za 1 tydzień', '2026-12-03T08:00:00.000Z', false],
    ['za 2 tygodnie', '2026-12-10T08:00:00.000Z', false],
    ['za 5 tygodni', '2026-12-31T08:00:00.000Z', false],
  ]);

  it('"dziś" without a time is DEFAULT_TIME today even when that has passed', () => {
    expect(DEFAULT_TIME).toBe('09:00');
    // now is 10:00, 09:00 today is already past and is still returned
    expect(parse('dziś')?.at.toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(parse('dziś o 8')?.at.toISOString()).toBe('2026-11-26T07:00:00.000Z');
  });
});

describe('parseWhen: Polish weekdays (now is Thursday)', () => {
  expectCases([
    ['w piątek o 9', '2026-11-27T08:00:00.000Z', true],
    ['w piątek', '2026-11-27T08:00:00.000Z', false],
    ['piątek', '2026-11-27T08:00:00.000Z', false],
    ['w sobotę 10:00', '2026-11-28T09:00:00.000Z', true],
    ['sobota', '2026-11-28T08:00:00.000Z', false],
    ['w niedzielę', '2026-11-29T08:00:00.000Z', false],
    ['niedziela', '2026-11-29T08:00:00.000Z', false],
    ['w poniedziałek', '2026-11-30T08:00:00.000Z', false],
    ['poniedziałek o 14', '2026-11-30T13:00:00.000Z', true],
    ['we wtorek', '2026-12-01T08:00:00.000Z', false],
    ['wtorek', '2026-12-01T08:00:00.000Z', false],
    ['w środę', '2026-12-02T08:00:00.000Z', false],
    ['środa', '2026-12-02T08:00:00.000Z', false],
    // today is Thursday: "w czwartek" is next week's
    ['w czwartek', '2026-12-03T08:00:00.000Z', false],
    ['czwartek 16:00', '2026-12-03T15:00:00.000Z', true],
  ]);

  it('"w piątek" / "friday" on a Friday is the Friday a week later, in any server zone', () => {
    const friday10 = new Date('2026-11-27T09:00:00Z');
    expect(parse('w piątek', friday10)?.at.toISOString()).toBe('2026-12-04T08:00:00.000Z');
    expect(parse('w piątek o 15', friday10)?.at.toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(parse('friday', friday10)?.at.toISOString()).toBe('2026-12-04T08:00:00.000Z');
    expect(parse('friday 3pm', friday10)?.at.toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(parse('jutro', friday10)?.at.toISOString()).toBe('2026-11-28T08:00:00.000Z');
  });
});

describe('parseWhen: Polish times and parts of the day', () => {
  expectCases([
    ['o 15', '2026-11-26T14:00:00.000Z', true],
    ['o 15:00', '2026-11-26T14:00:00.000Z', true],
    ['o 15.30', '2026-11-26T14:30:00.000Z', true],
    ['15:00', '2026-11-26T14:00:00.000Z', true],
    ['godz. 15', '2026-11-26T14:00:00.000Z', true],
    ['o godz. 15:45', '2026-11-26T14:45:00.000Z', true],
    // a time already past today (now is 10:00) means tomorrow
    ['o 9', '2026-11-27T08:00:00.000Z', true],
    ['jutro 15:00', '2026-11-27T14:00:00.000Z', true],
    ['jutro o 15', '2026-11-27T14:00:00.000Z', true],
    ['15:00 jutro', '2026-11-27T14:00:00.000Z', true],
    ['jutro rano', '2026-11-27T07:00:00.000Z', true],
    ['jutro przed południem', '2026-11-27T09:00:00.000Z', true],
    ['jutro w południe', '2026-11-27T11:00:00.000Z', true],
    ['jutro po południu', '2026-11-27T14:00:00.000Z', true],
    ['jutro wieczorem', '2026-11-27T18:00:00.000Z', true],
    ['wieczorem', '2026-11-26T18:00:00.000Z', true],
    // 08:00 has passed today
    ['rano', '2026-11-27T07:00:00.000Z', true],
    ['jutro o 5 po południu', '2026-11-27T16:00:00.000Z', true],
    ['jutro o 7 wieczorem', '2026-11-27T18:00:00.000Z', true],
    ['jutro o 9 rano', '2026-11-27T08:00:00.000Z', true],
  ]);
});

describe('parseWhen: Polish dates', () => {
  expectCases([
    ['1.12', '2026-12-01T08:00:00.000Z', false],
    ['1.12 o 14:30', '2026-12-01T13:30:00.000Z', true],
    ['1.12.2026', '2026-12-01T08:00:00.000Z', false],
    ['01.12.2026', '2026-12-01T08:00:00.000Z', false],
    ['1.12.26', '2026-12-01T08:00:00.000Z', false],
    ['1 grudnia', '2026-12-01T08:00:00.000Z', false],
    ['1 grudnia 2026', '2026-12-01T08:00:00.000Z', false],
    ['1 grudnia 2026 15:00', '2026-12-01T14:00:00.000Z', true],
    ['1 gru', '2026-12-01T08:00:00.000Z', false],
    ['1 GRU.', '2026-12-01T08:00:00.000Z', false],
    ['2026-12-01', '2026-12-01T08:00:00.000Z', false],
    ['2026-12-01 14:30', '2026-12-01T13:30:00.000Z', true],
    ['2027-01-15', '2027-01-15T08:00:00.000Z', false],
    ['10 stycznia', '2027-01-10T08:00:00.000Z', false],
    ['14 lut', '2027-02-14T08:00:00.000Z', false],
    ['3 maja 2027', '2027-05-03T07:00:00.000Z', false],
    ['1 października 2027', '2027-10-01T07:00:00.000Z', false],
  ]);

  describe('a day and month already past this year mean next year', () => {
    expectCases([
      ['15.03', '2027-03-15T08:00:00.000Z', false],
      ['25.11', '2027-11-25T08:00:00.000Z', false],
      ['1 listopada', '2027-11-01T08:00:00.000Z', false],
      // summer: CEST
      ['15 czerwca', '2027-06-15T07:00:00.000Z', false],
      ['15 cze 10:00', '2027-06-15T08:00:00.000Z', true],
      // today is not past
      ['26.11', '2026-11-26T08:00:00.000Z', false],
    ]);
  });

  it('rejects days that do not exist', () => {
    expect(parse('31.02')).toBeNull();
    expect(parse('1.13')).toBeNull();
    expect(parse('2026-02-30')).toBeNull();
    expect(parse('32 grudnia')).toBeNull();
  });
});

describe('parseWhen: Polish relative hours', () => {
  expectCases([
    ['za godzinę', '2026-11-26T10:00:00.000Z', true],
    ['za 1 godzinę', '2026-11-26T10:00:00.000Z', true],
    ['za 2 godziny', '2026-11-26T11:00:00.000Z', true],
    ['za 5 godzin', '2026-11-26T14:00:00.000Z', true],
    ['za 30 minut', '2026-11-26T09:30:00.000Z', true],
    ['za pół godziny', '2026-11-26T09:30:00.000Z', true],
  ]);
});

describe('parseWhen: case and diacritics do not matter', () => {
  expectCases([
    ['dzis', '2026-11-26T08:00:00.000Z', false],
    ['JUTRO', '2026-11-27T08:00:00.000Z', false],
    ['W Piątek', '2026-11-27T08:00:00.000Z', false],
    ['w piatek', '2026-11-27T08:00:00.000Z', false],
    ['w srode', '2026-12-02T08:00:00.000Z', false],
    ['w sobote', '2026-11-28T08:00:00.000Z', false],
    ['w niedziele', '2026-11-29T08:00:00.000Z', false],
    ['poniedzialek', '2026-11-30T08:00:00.000Z', false],
    ['za tydzien', '2026-12-03T08:00:00.000Z', false],
    ['za 1 dzien', '2026-11-27T08:00:00.000Z', false],
    ['za godzine', '2026-11-26T10:00:00.000Z', true],
    ['jutro po poludniu', '2026-11-27T14:00:00.000Z', true],
    ['jutro przed poludniem', '2026-11-27T09:00:00.000Z', true],
    ['1 pazdziernika', '2027-10-01T07:00:00.000Z', false],
    ['1 wrzesnia', '2027-09-01T07:00:00.000Z', false],
  ]);
});

describe('parseWhen: English through chrono', () => {
  expectCases([
    ['today', '2026-11-26T08:00:00.000Z', false],
    ['tomorrow', '2026-11-27T08:00:00.000Z', false],
    ['tomorrow 3pm', '2026-11-27T14:00:00.000Z', true],
    ['9am tomorrow', '2026-11-27T08:00:00.000Z', true],
    ['tomorrow evening', '2026-11-27T19:00:00.000Z', true],
    ['friday', '2026-11-27T08:00:00.000Z', false],
    ['friday 9am', '2026-11-27T08:00:00.000Z', true],
    ['next friday', '2026-12-04T08:00:00.000Z', false],
    ['in 3 days', '2026-11-29T08:00:00.000Z', false],
    ['in 2 hours', '2026-11-26T11:00:00.000Z', true],
    ['1 Dec', '2026-12-01T08:00:00.000Z', false],
    ['Dec 1 3pm', '2026-12-01T14:00:00.000Z', true],
    // day-first, as written in Europe
    ['1/12', '2026-12-01T08:00:00.000Z', false],
    // past this year → next year; today is not past
    ['1 Nov', '2027-11-01T08:00:00.000Z', false],
    ['26 Nov', '2026-11-26T08:00:00.000Z', false],
    ['sat', '2026-11-28T08:00:00.000Z', false],
    ['2026-12-01', '2026-12-01T08:00:00.000Z', false],
  ]);
});

describe('parseWhen: matched and rest', () => {
  it.each([
    ['jutro 15:00 zadzwonić do klienta', 'jutro 15:00', 'zadzwonić do klienta', '2026-11-27T14:00:00.000Z'],
    ['next friday 9am: send offer', 'next friday 9am', 'send offer', '2026-12-04T08:00:00.000Z'],
    ['w piątek o 9 - wysłać ofertę', 'w piątek o 9', 'wysłać ofertę', '2026-11-27T08:00:00.000Z'],
    ['  jutro, zadzwonić', 'jutro', 'zadzwonić', '2026-11-27T08:00:00.000Z'],
    ['1.12: przypomnieć o fakturze', '1.12', 'przypomnieć o fakturze', '2026-12-01T08:00:00.000Z'],
    ['2026-12-01 14:30 spotkanie', '2026-12-01 14:30', 'spotkanie', '2026-12-01T13:30:00.000Z'],
    ['tomorrow call back', 'tomorrow', 'call back', '2026-11-27T08:00:00.000Z'],
    ['za 2 godziny oddzwonić', 'za 2 godziny', 'oddzwonić', '2026-11-26T11:00:00.000Z'],
    // "3pm" is English, after a Polish day: not part of the expression
    ['jutro 3pm', 'jutro', '3pm', '2026-11-27T08:00:00.000Z'],
    // a bare number after a day is task text, not an hour
    ['jutro 15 sztuk', 'jutro', '15 sztuk', '2026-11-27T08:00:00.000Z'],
  ])('%s', (input, matched, rest, at) => {
    const result = parse(input);
    expect(result?.matched).toBe(matched);
    expect(result?.rest).toBe(rest);
    expect(result?.at.toISOString()).toBe(at);
  });
});

describe('parseWhen: input that does not start with a date', () => {
  it.each(['zadzwonić jutro', 'hello', '42', '42 jutro', 'o', 'w', 'za', 'o 25', '15', '', '   ', 'call tomorrow'])(
    '%j → null',
    (input) => {
      expect(parse(input)).toBeNull();
    },
  );
});

describe('parseWhen: time zones and DST', () => {
  /** Saturday 2027-03-27, 12:00 CET; clocks go forward to CEST that night. */
  const beforeSpringForward = new Date('2027-03-27T11:00:00Z');

  it('reads a wall-clock time on the far side of the DST change in the new offset', () => {
    expect(parse('jutro 10:00', beforeSpringForward)?.at.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(parse('tomorrow 10am', beforeSpringForward)?.at.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(parse('jutro', beforeSpringForward)?.at.toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(parse('tomorrow', beforeSpringForward)?.at.toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(parse('1.04', beforeSpringForward)?.at.toISOString()).toBe('2027-04-01T07:00:00.000Z');
  });

  it('keeps relative hours exact across the change', () => {
    expect(parse('za 24 godziny', beforeSpringForward)?.at.toISOString()).toBe('2027-03-28T11:00:00.000Z');
  });

  it('moves a time skipped by the change forward (02:30 does not exist → 03:30 CEST)', () => {
    expect(parse('jutro 2:30', beforeSpringForward)?.at.toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('interprets in New York', () => {
    const thursday10NewYork = new Date('2026-11-26T15:00:00Z');
    expect(parse('jutro 15:00', thursday10NewYork, NEW_YORK)?.at.toISOString()).toBe('2026-11-27T20:00:00.000Z');
    expect(parse('tomorrow 9am', thursday10NewYork, NEW_YORK)?.at.toISOString()).toBe(
      '2026-11-27T14:00:00.000Z',
    );
    expect(parse('dziś', thursday10NewYork, NEW_YORK)?.at.toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(parse('1.12', thursday10NewYork, NEW_YORK)?.at.toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('crosses the New York autumn change (EDT → EST on 2026-11-01)', () => {
    const saturdayNoonEdt = new Date('2026-10-31T16:00:00Z');
    expect(parse('tomorrow 9am', saturdayNoonEdt, NEW_YORK)?.at.toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(parse('jutro o 9', saturdayNoonEdt, NEW_YORK)?.at.toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('uses the calendar day of the zone, not of UTC', () => {
    // 2026-11-26 22:00 in New York is already 27 November in UTC
    const lateEveningNewYork = new Date('2026-11-27T03:00:00Z');
    expect(parse('jutro', lateEveningNewYork, NEW_YORK)?.at.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(parse('tomorrow', lateEveningNewYork, NEW_YORK)?.at.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    // 2026-11-26 23:30 UTC is already 27 November 00:30 in Warsaw
    const justAfterMidnightWarsaw = new Date('2026-11-26T23:30:00Z');
    expect(parse('dziś', justAfterMidnightWarsaw)?.at.toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(parse('today', justAfterMidnightWarsaw)?.at.toISOString()).toBe('2026-11-27T08:00:00.000Z');
  });
});
