// `/contact …` text → command: subcommands and Polish aliases, contact numbers, dates in the
// employee's zone, note kinds, mentions, and the explanations of what could not be read.
// Expected instants are written out by hand (Warsaw is UTC+1 in winter; New York UTC-5).
import { describe, expect, it } from 'vitest';
import { editDistance, parseAssignee, parseCommand, slackToPlainText, splitKind, suggest } from '../../src/slack/commands/parse-command.ts';
import { helpText, problemText } from '../../src/slack/commands/help.ts';
import { longDateTime } from '../../src/slack/commands/format.ts';
import { translator } from '../../views/i18n/messages.ts';

/** Thursday 2026-11-26, 10:00 in Warsaw. */
const NOW = new Date('2026-11-26T09:00:00Z');
const parse = (text: string, timeZone = 'Europe/Warsaw') => parseCommand(text, { timeZone, now: NOW });
const command = (text: string, timeZone?: string) => {
  const parsed = parse(text, timeZone);
  if (!parsed.ok) throw new Error(`not a command: ${text} (${JSON.stringify(parsed.problem)})`);
  return parsed.command;
};
const problem = (text: string) => {
  const parsed = parse(text);
  if (parsed.ok) throw new Error(`unexpectedly a command: ${text}`);
  return parsed.problem;
};

describe('subcommands and aliases', () => {
  it.each([
    ['help', 'help'], ['pomoc', 'help'], ['?', 'help'], ['HELP', 'help'],
    ['new', 'new'], ['nowy', 'new'], ['Nowa', 'new'],
    ['mine', 'mine'], ['moje', 'mine'], ['my', 'mine'],
  ])('%s → %s', (text, name) => {
    expect(command(text).name).toBe(name);
  });

  it('answers an empty command with help', () => {
    expect(command('')).toEqual({ name: 'help' });
    expect(command('   ')).toEqual({ name: 'help' });
  });

  it.each([
    ['show 42', 'show'], ['pokaż 42', 'show'], ['POKAZ 42', 'show'], ['karta 42', 'show'], ['card 42', 'show'],
    ['reopen 42', 'reopen'], ['otwórz 42', 'reopen'], ['otworz 42', 'reopen'], ['wznów 42', 'reopen'],
  ])('%s → %s of 42 (case and diacritics do not matter)', (text, name) => {
    expect(command(text)).toEqual({ name, ref: '42' });
  });

  it('reads a bare contact number as show', () => {
    expect(command('K/2026/0042')).toEqual({ name: 'show', ref: 'K/2026/0042' });
    expect(command('42')).toEqual({ name: 'show', ref: '42' });
  });

  it.each(['K/2026/0042', 'K-2026-42', 'k-2026-42', '2026/42', '42', '0042'])('accepts the number %s', (ref) => {
    expect(command(`show ${ref}`)).toEqual({ name: 'show', ref });
  });

  it('lists: find keeps the words; overdue and high take an optional "all"', () => {
    expect(command('find acme oferta')).toEqual({ name: 'find', query: 'acme oferta' });
    expect(command('szukaj Żółw &amp; syn')).toEqual({ name: 'find', query: 'Żółw & syn' });
    expect(command('overdue')).toEqual({ name: 'overdue', everyone: false });
    expect(command('zaległe wszystkie')).toEqual({ name: 'overdue', everyone: true });
    expect(command('high all')).toEqual({ name: 'high', everyone: true });
    expect(command('pilne')).toEqual({ name: 'high', everyone: false });
  });

  it('refuses missing or extra arguments with the usage of that subcommand', () => {
    expect(problem('find')).toEqual({ problem: 'usage', name: 'find' });
    expect(problem('show')).toEqual({ problem: 'usage', name: 'show' });
    expect(problem('show 42 43')).toEqual({ problem: 'usage', name: 'show' });
    expect(problem('mine please')).toEqual({ problem: 'usage', name: 'mine' });
    expect(problem('overdue yesterday')).toEqual({ problem: 'usage', name: 'overdue' });
    expect(problem('new contact')).toEqual({ problem: 'usage', name: 'new' });
    expect(problem('note')).toEqual({ problem: 'usage', name: 'note' });
  });

  it('refuses something that is not a contact number', () => {
    expect(problem('show acme')).toEqual({ problem: 'badNumber', name: 'show', value: 'acme' });
    expect(problem('note K/20x6/1 hello')).toEqual({ problem: 'badNumber', name: 'note', value: 'K/20x6/1' });
  });
});

describe('unknown subcommands', () => {
  it('suggests the nearest name with the rest of the command', () => {
    expect(problem('shwo 42')).toEqual({ problem: 'unknownSubcommand', word: 'shwo', suggestion: '/contact show 42' });
    expect(problem('notatak 42 telefon: x')).toEqual({ problem: 'unknownSubcommand', word: 'notatak', suggestion: '/contact notatka 42 telefon: x' });
    expect(problem('zamknji 7')).toEqual({ problem: 'unknownSubcommand', word: 'zamknji', suggestion: '/contact zamknij 7' });
    expect(problem('pokarz 7')).toEqual({ problem: 'unknownSubcommand', word: 'pokarz', suggestion: '/contact pokaż 7' });
    expect(problem('asign 7 <@U1>')).toEqual({ problem: 'unknownSubcommand', word: 'asign', suggestion: '/contact assign 7 <@U1>' });
  });

  it('suggests nothing when no name is close', () => {
    expect(problem('xyzzy 42')).toEqual({ problem: 'unknownSubcommand', word: 'xyzzy', suggestion: null });
    expect(problem('q')).toEqual({ problem: 'unknownSubcommand', word: 'q', suggestion: null });
    expect(suggest('abrakadabra', '')).toBeNull();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('shwo', 'show')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('note', 'note')).toBe(0);
  });
});

describe('note and task', () => {
  it('splits a leading kind from the text, leaving the decision to the listener', () => {
    expect(command('note 42 telefon: rozmowa z klientem')).toEqual({
      name: 'note', ref: '42', text: 'telefon: rozmowa z klientem', kind: { name: 'telefon', text: 'rozmowa z klientem' },
    });
    expect(command('notatka K-2026-42 Phone:called back')).toEqual({ name: 'note', ref: 'K-2026-42', text: 'Phone:called back', kind: { name: 'phone', text: 'called back' } });
    expect(command('note 42 spotkanie online: demo')).toMatchObject({ kind: { name: 'spotkanie online', text: 'demo' } });
    expect(command('note 42 bez rodzaju')).toEqual({ name: 'note', ref: '42', text: 'bez rodzaju', kind: null });
  });

  it('leaves `note 42` alone without text (the listener opens the form)', () => {
    expect(command('note 42')).toEqual({ name: 'note', ref: '42', text: '', kind: null });
  });

  it("turns Slack's escaped text into plain text", () => {
    expect(command('note 42 a &amp; b &lt;3 z <@U0ANNA|anna> na <#C0SALES|sales>, <https://x.pl/o|oferta>')).toMatchObject({
      text: 'a & b <3 z @anna na #sales, oferta (https://x.pl/o)',
    });
    expect(slackToPlainText('<!here> <https://x.pl>')).toBe('@here https://x.pl');
  });

  it('reads the task date in the employee zone and keeps the rest as the text', () => {
    expect(command('task 42 jutro 15:00 zadzwonić do klienta')).toEqual({
      name: 'task', ref: '42', at: new Date('2026-11-27T14:00:00Z'), text: 'zadzwonić do klienta', kind: null,
    });
    expect(command('zadanie 42 2026-12-04 15:00 telefon: oddzwonić', 'America/New_York')).toEqual({
      name: 'task', ref: '42', at: new Date('2026-12-04T20:00:00Z'), text: 'telefon: oddzwonić', kind: { name: 'telefon', text: 'oddzwonić' },
    });
  });

  it('refuses a task without a date or without text', () => {
    expect(problem('task 42 someday call them')).toEqual({ problem: 'badWhen', name: 'task', value: 'someday call them' });
    expect(problem('task 42 jutro')).toEqual({ problem: 'noTaskText', at: new Date('2026-11-27T08:00:00Z') });
    expect(problem('task 42')).toEqual({ problem: 'usage', name: 'task' });
  });
});

describe('due', () => {
  it('reads natural language in the employee zone', () => {
    expect(command('due 42 jutro 15:00')).toEqual({ name: 'due', ref: '42', at: new Date('2026-11-27T14:00:00Z'), hasTime: true });
    expect(command('termin 42 jutro')).toEqual({ name: 'due', ref: '42', at: new Date('2026-11-27T08:00:00Z'), hasTime: false });
    // chrono: "next friday" from a Thursday is the Friday of next week.
    expect(command('deadline 42 next friday 9am')).toEqual({ name: 'due', ref: '42', at: new Date('2026-12-04T08:00:00Z'), hasTime: true });
    expect(command('due 42 2026-12-04 15:00', 'America/New_York')).toEqual({ name: 'due', ref: '42', at: new Date('2026-12-04T20:00:00Z'), hasTime: true });
  });

  it('removes the deadline with none / brak', () => {
    expect(command('due 42 none')).toEqual({ name: 'due', ref: '42', at: null, hasTime: false });
    expect(command('termin 42 brak')).toEqual({ name: 'due', ref: '42', at: null, hasTime: false });
  });

  it('refuses words after the date and text that is no date', () => {
    expect(problem('due 42 jutro 15:00 proszę')).toEqual({ problem: 'whenLeftover', at: new Date('2026-11-27T14:00:00Z'), matched: 'jutro 15:00', rest: 'proszę' });
    expect(problem('termin 42 kiedyś')).toEqual({ problem: 'badWhen', name: 'due', value: 'kiedyś' });
    expect(problem('due 42')).toEqual({ problem: 'usage', name: 'due' });
  });
});

describe('assign, priority, close', () => {
  it('reads a mention (with or without the name) or a typed name', () => {
    expect(command('assign 42 <@U0ANNA|anna>')).toEqual({ name: 'assign', ref: '42', assignee: { slackUserId: 'U0ANNA' } });
    expect(command('przypisz 42 <@W0BOB>')).toEqual({ name: 'assign', ref: '42', assignee: { slackUserId: 'W0BOB' } });
    expect(command('assign 42 @Anna Nowak')).toEqual({ name: 'assign', ref: '42', assignee: { name: 'Anna Nowak' } });
    expect(parseAssignee('  ')).toBeNull();
    expect(problem('assign 42')).toEqual({ problem: 'usage', name: 'assign' });
  });

  it.each([
    ['priority 42 high', 'high'], ['priority 42 LOW', 'low'], ['priorytet 42 wysoki', 'high'], ['priorytet 42 normalny', 'normal'],
    ['priorytet 42 niski', 'low'], ['priorytet 42 Wysoka', 'high'],
  ])('%s → %s', (text, priority) => {
    expect(command(text)).toEqual({ name: 'priority', ref: '42', priority });
  });

  it('refuses an unknown priority', () => {
    expect(problem('priority 42 urgent')).toEqual({ problem: 'badPriority', value: 'urgent' });
    expect(problem('priority 42')).toEqual({ problem: 'usage', name: 'priority' });
  });

  it.each([
    ['close 42', null], ['close 42 won', 'won'], ['close 42 canceled', 'cancelled'], ['zamknij 42 wygrany', 'won'],
    ['zamknij 42 przegrana', 'lost'], ['zamknij 42 anulowany', 'cancelled'],
  ])('%s → outcome %s', (text, outcome) => {
    expect(command(text)).toEqual({ name: 'close', ref: '42', outcome });
  });

  it('refuses an unknown outcome', () => {
    expect(problem('close 42 maybe')).toEqual({ problem: 'badOutcome', value: 'maybe' });
  });
});

describe('texts', () => {
  const en = translator('en', 'Europe/Warsaw');
  const pl = translator('pl', 'Europe/Warsaw');

  it('spells out a date with weekday and month, in the zone', () => {
    expect(longDateTime(new Date('2026-12-04T14:00:00Z'), en)).toBe('Fri, 4 Dec 2026, 15:00');
    expect(longDateTime(new Date('2026-12-04T14:00:00Z'), pl)).toBe('piątek, 4 grudnia 2026, 15:00');
    expect(longDateTime(new Date('2026-12-04T14:00:00Z'), translator('en', 'America/New_York'))).toBe('Fri, 4 Dec 2026, 09:00');
  });

  it('help names every subcommand in both languages', () => {
    const help = helpText(en);
    for (const example of ['/contact help', '/contact new', '/contact note 42', '/contact task 42', '/contact show 42', '/contact find', '/contact mine', '/contact overdue', '/contact high', '/contact due 42', '/contact assign 42', '/contact priority 42', '/contact close 42', '/contact reopen 42']) {
      expect(help).toContain(example);
    }
    for (const alias of ['pomoc', 'nowy', 'notatka', 'zadanie', 'pokaż', 'szukaj', 'moje', 'zaległe', 'pilne', 'termin', 'przypisz', 'priorytet', 'zamknij', 'otwórz']) {
      expect(help).toContain(alias);
    }
    expect(helpText(pl)).toContain('`/contact notatka 42 telefon:');
    expect(helpText(pl)).toContain('także: note');
  });

  it('explains problems in the employee language', () => {
    expect(problemText({ problem: 'unknownSubcommand', word: 'shwo', suggestion: '/contact show 42' }, en)).toBe('Unknown subcommand `shwo`. Did you mean `/contact show 42`?');
    expect(problemText({ problem: 'unknownSubcommand', word: 'xyz', suggestion: null }, pl)).toBe('Nieznane polecenie `xyz`. Wpisz `/contact pomoc`, aby zobaczyć listę poleceń.');
    expect(problemText({ problem: 'usage', name: 'show' }, pl)).toMatch(/^Polecenie `\/contact pokaż` wygląda trochę inaczej\. Użycie: `\/contact pokaż 42`/);
    expect(problemText({ problem: 'whenLeftover', at: new Date('2026-11-27T14:00:00Z'), matched: 'jutro 15:00', rest: 'proszę' }, pl))
      .toBe('„jutro 15:00” to piątek, 27 listopada 2026, 15:00, ale nie wiem, co zrobić z „proszę”. Podaj samą datę, np. `/contact termin 42 jutro 15:00`.');
  });

  it('splitKind keeps plain text without a kind', () => {
    expect(splitKind('https://x.pl')).toEqual({ text: 'https://x.pl', kind: { name: 'https', text: '//x.pl' } });
    expect(splitKind('12:30 spotkanie')).toEqual({ text: '12:30 spotkanie', kind: null });
  });
});

describe('forecast and activity', () => {
  it('reads forecast alone and refuses arguments', () => {
    expect(parse('forecast')).toEqual({ ok: true, command: { name: 'forecast' } });
    expect(parse('prognoza')).toEqual({ ok: true, command: { name: 'forecast' } });
    expect(parse('forecast 42')).toEqual({ ok: false, problem: { problem: 'usage', name: 'forecast' } });
  });

  it('reads activity with an optional person and period in any order, a week by default', () => {
    expect(parse('activity')).toEqual({ ok: true, command: { name: 'activity', who: null, bucket: 'week' } });
    expect(parse('activity month')).toEqual({ ok: true, command: { name: 'activity', who: null, bucket: 'month' } });
    expect(parse('aktywnosc <@U123ABC|anna> miesiąc')).toEqual({ ok: true, command: { name: 'activity', who: { slackUserId: 'U123ABC' }, bucket: 'month' } });
    expect(parse('aktywność tydzień <@U123ABC>')).toEqual({ ok: true, command: { name: 'activity', who: { slackUserId: 'U123ABC' }, bucket: 'week' } });
    expect(parse('activity week month')).toEqual({ ok: false, problem: { problem: 'usage', name: 'activity' } });
  });
});
