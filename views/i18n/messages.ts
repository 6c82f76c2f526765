// Message catalogues. Keys are English phrases' short names; every key exists in both languages
// (the type makes a missing Polish or English text a compile error). Each area of the panel keeps
// its messages in its own part under catalogue/; a key may live in one part only (a unit test checks).
import * as api from './catalogue/api.ts';
import * as contactPage from './catalogue/contact-page.ts';
import * as contactsList from './catalogue/contacts-list.ts';
import * as core from './catalogue/core.ts';
import * as jobs from './catalogue/jobs.ts';
import * as masterData from './catalogue/master-data.ts';
import * as reminders from './catalogue/reminders.ts';
import * as slack from './catalogue/slack.ts';
import * as slackCommands from './catalogue/slack-commands.ts';
import * as slackHome from './catalogue/slack-home.ts';
import * as slackModals from './catalogue/slack-modals.ts';
import * as triage from './catalogue/triage.ts';
import * as forecast from './catalogue/forecast.ts';
import * as activity from './catalogue/activity.ts';
import * as knowledge from './catalogue/knowledge.ts';

export const LOCALES = ['pl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The parts, exported for the test that no key is defined twice. */
export const CATALOGUE_PARTS = { core, masterData, contactPage, contactsList, api, triage, slack, slackCommands, slackModals, slackHome, reminders, jobs, forecast, activity, knowledge };

const en = { ...core.en, ...masterData.en, ...contactPage.en, ...contactsList.en, ...api.en, ...triage.en, ...slack.en, ...slackCommands.en, ...slackModals.en, ...slackHome.en, ...reminders.en, ...jobs.en, ...forecast.en, ...activity.en, ...knowledge.en };
type Catalogue = { readonly [K in keyof typeof en]: string };
const pl: Catalogue = { ...core.pl, ...masterData.pl, ...contactPage.pl, ...contactsList.pl, ...api.pl, ...triage.pl, ...slack.pl, ...slackCommands.pl, ...slackModals.pl, ...slackHome.pl, ...reminders.pl, ...jobs.pl, ...forecast.pl, ...activity.pl, ...knowledge.pl };
const catalogues: Record<Locale, Catalogue> = { pl, en };
export type MessageKey = keyof typeof en;

export type Translator = ((key: MessageKey, params?: Record<string, string | number>) => string) & {
  locale: Locale;
  timeZone: string;
  dateTime: (d: Date | null) => string;
  /** A calendar date (PostgreSQL DATE, stored at UTC midnight). */
  date: (d: Date | null) => string;
  money: (value: string | number) => string;
};

/** Translators are built once per language and time zone: Intl formatters are costly to create. */
const translators = new Map<string, Translator>();

export function translator(locale: Locale, timeZone = 'Europe/Warsaw'): Translator {
  const key = `${locale} ${timeZone}`;
  let t = translators.get(key);
  if (!t) translators.set(key, (t = buildTranslator(locale, timeZone)));
  return t;
}

function buildTranslator(locale: Locale, timeZone: string): Translator {
  const catalogue = catalogues[locale];
  const tag = locale === 'pl' ? 'pl-PL' : 'en-GB';
  const dateTime = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'short', timeStyle: 'short' });
  const calendarDate = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', dateStyle: 'short' });
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'PLN' });
  const t = ((key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''))) as Translator;
  t.locale = locale;
  t.timeZone = timeZone;
  t.dateTime = (d) => (d ? dateTime.format(d) : catalogue.none);
  t.date = (d) => (d ? calendarDate.format(d) : catalogue.none);
  t.money = (value) => money.format(Number(value));
  return t;
}

/** The browser's preferred language among ours (for the sign-in page). */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const preferred = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (preferred.find((p) => (LOCALES as readonly string[]).includes(p.lang))?.lang as Locale | undefined) ?? 'pl';
}
