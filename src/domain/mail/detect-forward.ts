// Inline forwards: the original sender, date, subject and body of a message that an employee
// forwarded with their mail client's Forward button. No RFC covers this, so the heavy lifting is
// email-forward-parser's per-client, per-locale regular expressions; this file only adds the
// client's name (for the routing trace), a date parser for the localized dates clients write, and
// a fallback for the date lines the library does not pick up (Outlook's "Wysłane:").
import EmailForwardParser from 'email-forward-parser';
import { zonedInstant } from '../shared/zoned-time.ts';
import { guardRegExp } from './literal-guard.ts';
import type { ForwardedOriginal, MailAddress } from './parsed-mail.ts';

export type InlineForward = { original: ForwardedOriginal; forwarderText: string };

// One instance: the constructor compiles a few hundred regular expressions.
let parser: EmailForwardParser | undefined;

/**
 * The library's parser, made cheaper in two ways that leave its answers as they were (tested on
 * the library's own corpus and on replies that are not forwards):
 * - no Cc parsing: nothing here reads the original's Cc, and its expressions were a third of the
 *   library's time on a forwarded message (~1.2 ms of ~3.7);
 * - each expression that needs a fixed piece of text first looks for it (literal-guard.ts), so
 *   the Finnish, Hungarian or Turkish separator lines are not matched, backtracking, against
 *   every line of a Polish body.
 * Reaches into the library's inner Parser: a version that renames what is used here fails here.
 */
export function forwardParser(): EmailForwardParser {
  const made = new EmailForwardParser();
  const inner = (made as unknown as { parser?: { parseOriginalCc?: unknown; regexes?: Record<string, RegExp | RegExp[]> } }).parser;
  if (typeof inner?.parseOriginalCc !== 'function' || !inner.regexes?.separator_line) {
    throw new Error('email-forward-parser: its inner parser has changed (parseOriginalCc or regexes not found)');
  }
  inner.parseOriginalCc = () => [];
  for (const [key, value] of Object.entries(inner.regexes)) {
    inner.regexes[key] = Array.isArray(value) ? value.map(guardRegExp) : guardRegExp(value);
  }
  return made;
}

/** Longest body handed to the regular expressions (forward headers sit near the top anyway). */
const MAX_SCAN_CHARS = 200_000;

/** The forward inside `text`, or null when the text is not a forward. Never throws. */
export function detectInlineForward(text: string, subject: string, timeZone = 'Europe/Warsaw'): InlineForward | null {
  if (!text.trim()) return null;
  const scanned = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  let result: ReturnType<EmailForwardParser['read']>;
  try {
    parser ??= forwardParser();
    result = parser.read(scanned, subject);
  } catch {
    return null; // a library bug on odd input must not cost the message
  }
  if (!result.forwarded) return null;
  const email = result.email;
  const from = toAddress(email.from);
  const to = toAddresses(email.to);
  const dateText = email.date || findDateLine(scanned);
  return {
    original: {
      from,
      to,
      date: dateText ? parseLooseDate(dateText, timeZone) : null,
      subject: (email.subject ?? '').trim(),
      text: (email.body ?? '').trim(),
      detectedBy: `inline forward (${forwardClient(scanned)})`,
    },
    forwarderText: (result.message ?? '').trim(),
  };
}

function toAddress(mailbox: { address: string | null; name: string | null } | null | undefined): MailAddress | null {
  const address = cleanAddress(mailbox?.address);
  if (!address) return null;
  return { address, name: (mailbox?.name ?? '').trim() };
}

function toAddresses(value: unknown): MailAddress[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.map((m) => toAddress(m as { address: string | null; name: string | null })).filter((m): m is MailAddress => m !== null);
}

/** "mailto:John.Doe@Acme.com" → "john.doe@acme.com"; null for anything that is not an address. */
function cleanAddress(value: string | null | undefined): string | null {
  const address = (value ?? '').trim().replace(/^mailto:/i, '').replace(/^<|>$/g, '').toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address : null;
}

/** Which client wrote the forward, from its separator line; for the routing trace only. */
export function forwardClient(text: string): string {
  const rules: [RegExp, string][] = [
    [/^-{9,}\s*Forwarded message\s*-{9,}/m, 'Gmail'], // Thunderbird writes "Forwarded Message" with 8 dashes
    [/^-{5,}\s*Wiadomość przekazana dalej\s*-{5,}/im, 'Gmail'],
    [/^Begin forwarded message:/im, 'Apple Mail'],
    [/^Początek przekazywanej wiadomości:/im, 'Apple Mail'],
    [/^-{5,}\s*(?:Forwarded|Original) Message\s*-{5,}/m, 'Thunderbird'],
    [/^-{5,}\s*(?:Przekazana wiadomość|Oryginalna wiadomość|Wiadomość oryginalna)\s*-{5,}/im, 'Thunderbird'],
    [/^-{3,}\s*Forwarded Message\s*-{3,}/im, 'Yahoo Mail'],
    [/^-{3,}\s*(?:Original Message|Wiadomość oryginalna|Oryginalna wiadomość)\s*-{3,}/im, 'Outlook'],
    [/^_{10,}\s*$/m, 'Outlook'],
    [/^\s*\*?(?:From|Od):\*?\s.+\n\s*\*?(?:Sent|Wysłane|Wysłano):/im, 'Outlook'],
  ];
  return rules.find(([pattern]) => pattern.test(text))?.[1] ?? 'other client';
}

const DATE_LINE = /^[ \t>*]*(?:Sent|Date|Wysłane|Wysłano|Data|Datum|Fecha|Envoyé|Gesendet)\s*:\**\s*(.+)$/im;

function findDateLine(text: string): string | null {
  return DATE_LINE.exec(text)?.[1]?.trim() || null;
}

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string[]][] = [
  [1, ['jan', 'january', 'sty', 'stycznia', 'styczeń', 'styczen']],
  [2, ['feb', 'february', 'lut', 'lutego', 'luty']],
  [3, ['mar', 'march', 'marca', 'marzec']],
  [4, ['apr', 'april', 'kwi', 'kwietnia', 'kwiecień', 'kwiecien']],
  [5, ['may', 'maj', 'maja']],
  [6, ['jun', 'june', 'cze', 'czerwca', 'czerwiec']],
  [7, ['jul', 'july', 'lip', 'lipca', 'lipiec']],
  [8, ['aug', 'august', 'sie', 'sierpnia', 'sierpień', 'sierpien']],
  [9, ['sep', 'sept', 'september', 'wrz', 'września', 'wrzesnia', 'wrzesień']],
  [10, ['oct', 'october', 'paź', 'paz', 'października', 'pazdziernika', 'październik']],
  [11, ['nov', 'november', 'lis', 'listopada', 'listopad']],
  [12, ['dec', 'december', 'gru', 'grudnia', 'grudzień', 'grudzien']],
];
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = month;

/**
 * A date as mail clients write it in forward headers: RFC 2822 ("Mon, 2 Mar 2026 10:15:00 +0100"),
 * Gmail ("Mon, 2 Mar 2026 at 10:15"), Outlook PL ("poniedziałek, 2 marca 2026 10:15"), US
 * ("Monday, March 2, 2026 10:15 AM"), numeric ("02.03.2026 10:15", "2026-03-02 10:15"). Without a
 * zone the time is taken in `timeZone`. Null when nothing sensible is found.
 */
export function parseLooseDate(input: string, timeZone = 'Europe/Warsaw'): Date | null {
  const value = input.replace(/\s+/g, ' ').trim();
  if (/[+-]\d{4}\b|\b(?:GMT|UTC)\b/.test(value)) {
    const direct = Date.parse(value.replace(/\bat\b/i, ''));
    if (!Number.isNaN(direct)) return new Date(direct);
  }
  const lower = value.toLowerCase();
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let match: RegExpExecArray | null;
  if ((match = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(lower))) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/.exec(lower))) {
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /\b(\d{1,2})\.? ([\p{L}]+)\.?,? (\d{4})\b/u.exec(lower)) && MONTHS[match[2]!]) {
    [day, month, year] = [Number(match[1]), MONTHS[match[2]!], Number(match[3])];
  } else if ((match = /\b([\p{L}]+)\.? (\d{1,2}),? (\d{4})\b/u.exec(lower)) && MONTHS[match[1]!]) {
    [month, day, year] = [MONTHS[match[1]!], Number(match[2]), Number(match[3])];
  }
  if (!year || !month || !day || month > 12 || day > 31) return null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  const time = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?/i.exec(value.slice((match?.index ?? 0) + (match?.[0].length ?? 0)));
  if (time) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
    const half = time[4]?.toLowerCase();
    if (half === 'pm' && hour < 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
  }
  return new Date(zonedInstant(year, month, day, hour, minute, timeZone).getTime() + second * 1000);
}
