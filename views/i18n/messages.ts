// Message catalogues. Keys are English phrases' short names; every key exists in both languages
// (the type makes a missing Polish or English text a compile error).
export const LOCALES = ['pl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  appName: 'Kontakt',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'E-mail',
  password: 'Password',
  wrongCredentials: 'Wrong e-mail or password.',
  tooManyAttempts: 'Too many failed sign-ins. Try again in {minutes} min.',
  contacts: 'Contacts',
  newContact: 'New contact',
  search: 'Search',
  searchPlaceholder: 'Number, title, company, person, note…',
  mine: 'Mine',
  overdue: 'Overdue',
  highPriority: 'High priority',
  all: 'All',
  status: 'Status',
  open: 'open',
  closed: 'closed',
  priority: 'Priority',
  high: 'high',
  normal: 'normal',
  low: 'low',
  owner: 'Owner',
  company: 'Company',
  person: 'Person',
  kind: 'Kind',
  title: 'Title',
  number: 'Number',
  deadline: 'Deadline',
  registered: 'Registered',
  description: 'Description',
  externalNumber: 'External number',
  noResults: 'Nothing found.',
  more: 'More',
  save: 'Save',
  cancel: 'Cancel',
  edit: 'Edit',
  timeline: 'Timeline',
  addNote: 'Add note',
  noteKind: 'Kind of note',
  noteText: 'Note',
  dueTask: 'Due (makes it a task)',
  history: 'History',
  salesSubject: 'Sales subject',
  article: 'Article',
  quantity: 'Quantity',
  unitNetPrice: 'Unit net price',
  netValue: 'Net value',
  total: 'Total',
  conflict: 'Someone else changed this meanwhile. Current value: {value}. Your change was not saved.',
  saved: 'Saved',
  account: 'Account',
  changePassword: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  passwordChanged: 'Password changed. Other sessions were signed out.',
  forbidden: 'You may not do this.',
  notFound: 'Not found.',
  language: 'Language',
  create: 'Create',
  none: '—',
  by: 'by',
  unassigned: 'unassigned',
  uploadFiles: 'Attach files',
  preview: 'preview',
  olderVersions: 'Older versions',
  employees: 'Employees',
  handover: 'Handover',
  role: 'Role',
  active: 'Active',
  yes: 'yes',
  no: 'no',
  leavingEmployee: 'Leaving employee',
  successor: 'Successor',
  showWhatMoves: 'Show what will move',
  willMove: '{contacts} open contacts and {tasks} open tasks will move to {name}.',
  confirmHandover: 'Hand over',
  handedOver: 'Handed over {contacts} open contacts and {tasks} open tasks.',
  openTasks: 'Open tasks',
  issueDocument: 'Issue document',
  seller: 'Seller',
  buyer: 'Buyer',
  issueDate: 'Issue date',
  dueDate: 'Payment due',
  paymentForm: 'Payment',
  lp: 'No.',
  unit: 'Unit',
  vatRate: 'VAT rate',
  vat: 'VAT',
  gross: 'Gross',
  net: 'Net',
  vatSummary: 'VAT summary',
  print: 'Print',
  backToContact: 'Back to the contact',
  markDone: 'Done',
} as const;

type Catalogue = { readonly [K in keyof typeof en]: string };

const pl: Catalogue = {
  appName: 'Kontakt',
  signIn: 'Zaloguj się',
  signOut: 'Wyloguj',
  email: 'E-mail',
  password: 'Hasło',
  wrongCredentials: 'Błędny e-mail lub hasło.',
  tooManyAttempts: 'Zbyt wiele nieudanych logowań. Spróbuj ponownie za {minutes} min.',
  contacts: 'Kontakty',
  newContact: 'Nowy kontakt',
  search: 'Szukaj',
  searchPlaceholder: 'Numer, tytuł, kontrahent, osoba, notatka…',
  mine: 'Moje',
  overdue: 'Po terminie',
  highPriority: 'Wysoki priorytet',
  all: 'Wszystkie',
  status: 'Status',
  open: 'otwarty',
  closed: 'zamknięty',
  priority: 'Priorytet',
  high: 'wysoki',
  normal: 'normalny',
  low: 'niski',
  owner: 'Odpowiedzialny',
  company: 'Kontrahent',
  person: 'Osoba',
  kind: 'Rodzaj',
  title: 'Tytuł',
  number: 'Numer',
  deadline: 'Termin',
  registered: 'Data rejestracji',
  description: 'Opis',
  externalNumber: 'Numer obcy',
  noResults: 'Nic nie znaleziono.',
  more: 'Więcej',
  save: 'Zapisz',
  cancel: 'Anuluj',
  edit: 'Edytuj',
  timeline: 'Przebieg',
  addNote: 'Dodaj notatkę',
  noteKind: 'Rodzaj notatki',
  noteText: 'Notatka',
  dueTask: 'Termin (zadanie)',
  history: 'Historia zmian',
  salesSubject: 'Przedmiot sprzedaży',
  article: 'Towar',
  quantity: 'Ilość',
  unitNetPrice: 'Cena netto',
  netValue: 'Wartość netto',
  total: 'Razem',
  conflict: 'Ktoś inny zmienił to w międzyczasie. Obecna wartość: {value}. Twoja zmiana nie została zapisana.',
  saved: 'Zapisano',
  account: 'Konto',
  changePassword: 'Zmień hasło',
  currentPassword: 'Obecne hasło',
  newPassword: 'Nowe hasło',
  passwordChanged: 'Hasło zmienione. Pozostałe sesje zostały wylogowane.',
  forbidden: 'Nie masz do tego uprawnień.',
  notFound: 'Nie znaleziono.',
  language: 'Język',
  create: 'Utwórz',
  none: '—',
  by: 'autor',
  unassigned: 'nieprzypisany',
  uploadFiles: 'Dołącz pliki',
  preview: 'podgląd',
  olderVersions: 'Starsze wersje',
  employees: 'Pracownicy',
  handover: 'Przekazanie spraw',
  role: 'Rola',
  active: 'Aktywny',
  yes: 'tak',
  no: 'nie',
  leavingEmployee: 'Odchodzący pracownik',
  successor: 'Następca',
  showWhatMoves: 'Pokaż, co zostanie przekazane',
  willMove: '{contacts} otwartych kontaktów i {tasks} otwartych zadań przejdzie do: {name}.',
  confirmHandover: 'Przekaż',
  handedOver: 'Przekazano {contacts} otwartych kontaktów i {tasks} otwartych zadań.',
  openTasks: 'Otwarte zadania',
  issueDocument: 'Wystaw dokument',
  seller: 'Sprzedawca',
  buyer: 'Nabywca',
  issueDate: 'Data wystawienia',
  dueDate: 'Termin płatności',
  paymentForm: 'Forma płatności',
  lp: 'Lp.',
  unit: 'J.m.',
  vatRate: 'Stawka VAT',
  vat: 'VAT',
  gross: 'Brutto',
  net: 'Netto',
  vatSummary: 'Podsumowanie VAT',
  print: 'Drukuj',
  backToContact: 'Wróć do kontaktu',
  markDone: 'Zrobione',
};

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

export function translator(locale: Locale, timeZone = 'Europe/Warsaw'): Translator {
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
