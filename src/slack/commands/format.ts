// Small text helpers for Slack replies: a spelled-out date and time (so people can check what a
// typed date was read as) and escaping of user text inside mrkdwn.
import type { Translator } from '../../../views/i18n/messages.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "Fri, 4 Dec 2026, 15:00" / "piątek, 4 grudnia 2026, 15:00" in the translator's language and zone.
 * Longer than t.dateTime on purpose: the weekday and month name make a misread date obvious.
 */
export function longDateTime(d: Date, t: Pick<Translator, 'locale' | 'timeZone'>): string {
  const key = `${t.locale} ${t.timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    const long = t.locale === 'pl';
    format = new Intl.DateTimeFormat(long ? 'pl-PL' : 'en-GB', {
      timeZone: t.timeZone, weekday: long ? 'long' : 'short', day: 'numeric', month: long ? 'long' : 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(key, format);
  }
  const part = Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
  return `${part.weekday}, ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute}`;
}

/** User text inside mrkdwn: Slack's three control characters escaped. */

/** One line of at most `max` characters (timeline texts in cards). */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
