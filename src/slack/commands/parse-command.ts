// `/contact <subcommand> …` as typed → a command, or the reason it is not one. Pure (no I/O): the
// listener checks the parts that need the database (does the contact exist, is `foo:` a note kind
// in use, who is @jan) afterwards.
//
// Decisions:
//  - Subcommands have English names and Polish aliases; matching ignores case and diacritics
//    ("pokaz" = "pokaż"). A bare contact number (`/contact 42`) means `show 42`.
//  - An unknown subcommand gets the nearest name (edit distance, a swap of two letters counting as
//    one edit) with the rest of the text kept: `shwo 42` → "Did you mean `/contact show 42`?".
//  - Dates (`task`, `due`) are read by parseWhen() in the employee's zone from the start of the rest;
//    `due` refuses words after the date (ambiguous), `task` takes them as the task's text.
//  - A note's leading `word:` is only a *candidate* kind: the listener keeps it as the kind when it
//    is a built-in kind (NOTE_KINDS below) or one already in use, else it stays part of the text.
//    Kinds are stored lower-case in the language typed ("Telefon:" → "telefon", "phone:" → "phone"),
//    like the panel's free-text kind field: no translation, so the suggestions show what people write.
import { parseContactNumber } from '../../domain/contacts/find-contact.ts';
import { OUTCOMES, PRIORITIES } from '../../domain/contacts/contact-fields.ts';
import { foldText } from '../../domain/shared/fold-text.ts';
import { parseWhen } from '../../domain/shared/parse-when.ts';

export const SUBCOMMANDS = ['help', 'new', 'note', 'task', 'show', 'find', 'mine', 'overdue', 'high', 'due', 'assign', 'priority', 'close', 'reopen', 'forecast', 'activity'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** What people may type for each subcommand (the first of each language is the one help shows). */
export const ALIASES: Record<Subcommand, { en: readonly string[]; pl: readonly string[] }> = {
  help: { en: ['help'], pl: ['pomoc'] },
  new: { en: ['new'], pl: ['nowy', 'nowa'] },
  note: { en: ['note'], pl: ['notatka'] },
  task: { en: ['task', 'todo'], pl: ['zadanie'] },
  show: { en: ['show', 'card'], pl: ['pokaż', 'karta'] },
  find: { en: ['find', 'search'], pl: ['szukaj', 'znajdź'] },
  mine: { en: ['mine', 'my'], pl: ['moje'] },
  overdue: { en: ['overdue', 'late'], pl: ['zaległe', 'spóźnione'] },
  high: { en: ['high', 'urgent'], pl: ['pilne', 'ważne'] },
  due: { en: ['due', 'deadline'], pl: ['termin'] },
  assign: { en: ['assign'], pl: ['przypisz'] },
  priority: { en: ['priority'], pl: ['priorytet'] },
  close: { en: ['close'], pl: ['zamknij'] },
  reopen: { en: ['reopen'], pl: ['otwórz', 'wznów'] },
  forecast: { en: ['forecast'], pl: ['prognoza'] },
  activity: { en: ['activity'], pl: ['aktywność'] },
};

/** Note kinds recognised in `note 42 kind: text` even before anyone used them. */
export const NOTE_KINDS = ['telefon', 'phone', 'spotkanie', 'meeting', 'prezentacja', 'presentation', 'e-mail', 'email', 'fax', 'wizyta', 'visit'] as const;

type Priority = (typeof PRIORITIES)[number];
type Outcome = (typeof OUTCOMES)[number];

/** Priority and outcome words, English and Polish (folded, so "wygrana" and "Wygrany" both work). */
const PRIORITY_WORDS: Record<string, Priority> = {
  high: 'high', normal: 'normal', low: 'low',
  wysoki: 'high', wysoka: 'high', normalny: 'normal', normalna: 'normal', sredni: 'normal', niski: 'low', niska: 'low',
};
const OUTCOME_WORDS: Record<string, Outcome> = {
  won: 'won', lost: 'lost', cancelled: 'cancelled', canceled: 'cancelled',
  wygrany: 'won', wygrana: 'won', przegrany: 'lost', przegrana: 'lost', anulowany: 'cancelled', anulowana: 'cancelled',
};
/** `overdue all`, `high all`: everyone's contacts instead of one's own. */
const ALL_WORDS = new Set(['all', 'wszystkie', 'wszyscy']);
/** `activity [@user] [week|month]`: the period words. */
const BUCKET_WORDS: Record<string, 'week' | 'month'> = { week: 'week', tydzien: 'week', month: 'month', miesiac: 'month' };
/** `due 42 none`: removes the deadline. */
const NO_DATE_WORDS = new Set(['none', 'clear', 'brak', 'bez', 'usun']);

/** Someone to assign to: a Slack mention, or a name/e-mail typed as text. */
export type Assignee = { slackUserId: string } | { name: string };

export type Command =
  | { name: 'help' }
  | { name: 'new' }
  /** note: text '' → the note modal. */
  | ({ name: 'note'; ref: string } & NoteBody)
  | ({ name: 'task'; ref: string; at: Date } & NoteBody)
  | { name: 'show'; ref: string }
  | { name: 'find'; query: string }
  | { name: 'mine' }
  | { name: 'overdue'; everyone: boolean }
  | { name: 'high'; everyone: boolean }
  /** at null: remove the deadline. */
  | { name: 'due'; ref: string; at: Date | null; hasTime: boolean }
  | { name: 'assign'; ref: string; assignee: Assignee }
  | { name: 'priority'; ref: string; priority: Priority }
  | { name: 'close'; ref: string; outcome: Outcome | null }
  | { name: 'reopen'; ref: string }
  | { name: 'forecast' }
  /** who null: the person asking. */
  | { name: 'activity'; who: Assignee | null; bucket: 'week' | 'month' };

/** Why the text is not a command; the listener words it in the employee's language. */
export type CommandProblem =
  | { problem: 'unknownSubcommand'; word: string; suggestion: string | null }
  /** Arguments missing or left over: show the subcommand's usage. */
  | { problem: 'usage'; name: Subcommand }
  | { problem: 'badNumber'; name: Subcommand; value: string }
  | { problem: 'badWhen'; name: 'due' | 'task'; value: string }
  | { problem: 'whenLeftover'; at: Date; matched: string; rest: string }
  | { problem: 'noTaskText'; at: Date }
  | { problem: 'badPriority'; value: string }
  | { problem: 'badOutcome'; value: string };

export type ParsedCommand = { ok: true; command: Command } | { ok: false; problem: CommandProblem };

export type ParseOptions = { timeZone: string; now?: Date };

const ALIAS_INDEX = new Map<string, Subcommand>(
  SUBCOMMANDS.flatMap((name) => [...ALIASES[name].en, ...ALIASES[name].pl].map((alias) => [foldText(alias), name] as const)),
);

/** Every name as typed in help (with diacritics), for suggestions. */
const ALL_NAMES = SUBCOMMANDS.flatMap((name) => [...ALIASES[name].en, ...ALIASES[name].pl]);

export function parseCommand(input: string, options: ParseOptions): ParsedCommand {
  const text = input.trim();
  if (!text) return ok({ name: 'help' });
  const [word = '', rest = ''] = splitFirst(text);
  const name = ALIAS_INDEX.get(foldText(word)) ?? (word === '?' ? 'help' : undefined);
  if (!name) {
    if (parseContactNumber(word) !== null && !rest) return ok({ name: 'show', ref: word });
    return fail({ problem: 'unknownSubcommand', word, suggestion: suggest(word, rest) });
  }
  return parseArguments(name, rest, options);
}

function parseArguments(name: Subcommand, rest: string, options: ParseOptions): ParsedCommand {
  const words = rest ? rest.split(/\s+/) : [];
  switch (name) {
    case 'activity': {
      const bucketWords = words.filter((w) => BUCKET_WORDS[foldText(w)]);
      if (bucketWords.length > 1) return fail({ problem: 'usage', name });
      const others = words.filter((w) => !BUCKET_WORDS[foldText(w)]).join(' ');
      const who = others ? parseAssignee(others) : null;
      if (others && !who) return fail({ problem: 'usage', name });
      return ok({ name, who, bucket: bucketWords[0] ? BUCKET_WORDS[foldText(bucketWords[0])]! : 'week' });
    }
    case 'help':
    case 'new':
    case 'forecast':
    case 'mine':
      return words.length === 0 ? ok({ name }) : fail({ problem: 'usage', name });
    case 'overdue':
    case 'high':
      if (words.length === 0) return ok({ name, everyone: false });
      return words.length === 1 && ALL_WORDS.has(foldText(words[0])) ? ok({ name, everyone: true }) : fail({ problem: 'usage', name });
    case 'find': {
      const query = slackToPlainText(rest).trim();
      return query ? ok({ name, query }) : fail({ problem: 'usage', name });
    }
    case 'show':
    case 'reopen':
      return withRef(name, rest, (ref, more) => (more ? fail({ problem: 'usage', name }) : ok({ name, ref })));
    case 'note':
      return withRef(name, rest, (ref, more) => ok({ name, ref, ...splitKind(slackToPlainText(more)) }));
    case 'task':
      return withRef(name, rest, (ref, more) => {
        if (!more) return fail({ problem: 'usage', name });
        const when = parseWhen(more, options);
        if (!when) return fail({ problem: 'badWhen', name, value: more });
        const body = splitKind(slackToPlainText(when.rest));
        return body.text ? ok({ name, ref, at: when.at, ...body }) : fail({ problem: 'noTaskText', at: when.at });
      });
    case 'due':
      return withRef(name, rest, (ref, more) => {
        if (!more) return fail({ problem: 'usage', name });
        if (NO_DATE_WORDS.has(foldText(more))) return ok({ name, ref, at: null, hasTime: false });
        const when = parseWhen(more, options);
        if (!when) return fail({ problem: 'badWhen', name, value: more });
        if (when.rest) return fail({ problem: 'whenLeftover', at: when.at, matched: when.matched, rest: when.rest });
        return ok({ name, ref, at: when.at, hasTime: when.hasTime });
      });
    case 'assign':
      return withRef(name, rest, (ref, more) => {
        const assignee = parseAssignee(more);
        return assignee ? ok({ name, ref, assignee }) : fail({ problem: 'usage', name });
      });
    case 'priority':
      return withRef(name, rest, (ref, more) => {
        if (!more) return fail({ problem: 'usage', name });
        const priority = PRIORITY_WORDS[foldText(more)];
        return priority ? ok({ name, ref, priority }) : fail({ problem: 'badPriority', value: more });
      });
    case 'close':
      return withRef(name, rest, (ref, more) => {
        if (!more) return ok({ name, ref, outcome: null });
        const outcome = OUTCOME_WORDS[foldText(more)];
        return outcome ? ok({ name, ref, outcome }) : fail({ problem: 'badOutcome', value: more });
      });
  }
}

/** The contact number first, then the rest of the arguments. */
function withRef(name: Subcommand, rest: string, then: (ref: string, more: string) => ParsedCommand): ParsedCommand {
  const [ref, more = ''] = splitFirst(rest);
  if (!ref) return fail({ problem: 'usage', name });
  if (parseContactNumber(ref) === null) return fail({ problem: 'badNumber', name, value: ref });
  return then(ref, more);
}

/**
 * `<@U123|jan>` or `<@U123>` (Slack's escaped mention), else the typed text without a leading "@"
 * (a name or e-mail address the listener looks up). null when nothing was given.
 */
export function parseAssignee(text: string): Assignee | null {
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text.trim());
  if (mention) return { slackUserId: mention[1]! };
  const name = slackToPlainText(text).trim().replace(/^@/, '').trim();
  return name ? { name } : null;
}

/** A note's text and the leading `kind:` it may start with (one to three words of letters, lower-cased). */
export type NoteBody = { text: string; kind: { name: string; text: string } | null };

/** Splits a leading `kind:` from the text; the listener decides whether it is a kind (else the whole text is the note). */
export function splitKind(input: string): NoteBody {
  const text = input.trim();
  const m = /^([\p{L}][\p{L}-]*(?: [\p{L}][\p{L}-]*){0,2})\s*:\s*(\S[\s\S]*)$/u.exec(text);
  return { text, kind: m ? { name: m[1]!.toLowerCase(), text: m[2]!.trim() } : null };
}

/**
 * Slack's escaped command text as plain text: `<@U1|jan>` → "@jan", `<#C1|sales>` → "#sales",
 * `<https://x|label>` → "label (https://x)", `<https://x>` → "https://x", then &amp; &lt; &gt;.
 */
export function slackToPlainText(text: string): string {
  return text
    .replace(/<([@#!])([^>|]+)(?:\|([^>]*))?>/g, (_, sigil: string, id: string, label?: string) => (sigil === '!' ? `@${label || id}` : `${sigil}${label || id}`))
    .replace(/<([^>|]+)\|([^>]*)>/g, (_, url: string, label: string) => `${label} (${url})`)
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The full command the person probably meant, or null when no name is close enough. */
export function suggest(word: string, rest: string): string | null {
  const folded = foldText(word);
  if (!folded) return null;
  let best: { name: string; distance: number } | null = null;
  for (const name of ALL_NAMES) {
    const distance = editDistance(folded, foldText(name));
    if (!best || distance < best.distance) best = { name, distance };
  }
  // One edit for short words, two from five letters on: "shwo" → show, "notatak" → notatka, not "x" → "my".
  const allowed = folded.length >= 5 ? 2 : folded.length >= 3 ? 1 : 0;
  if (!best || best.distance > allowed) return null;
  return `/contact ${best.name}${rest ? ` ${rest}` : ''}`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function splitFirst(text: string): [string, string] | [] {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return m ? [m[1]!, m[2]!.trim()] : [];
}

const ok = (command: Command): ParsedCommand => ({ ok: true, command });
const fail = (problem: CommandProblem): ParsedCommand => ({ ok: false, problem });
