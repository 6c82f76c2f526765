// The demo team of "Meblex Sp. z o.o.": an administrator (the office manager who set the system
// up) and four people in sales, one of whom manages the other three.

export type EmployeeKey = 'admin' | 'manager' | 'magdalena' | 'pawel' | 'oliwia';

export const DEMO_ADMIN = {
  key: 'admin' as const,
  name: 'Katarzyna Zielińska',
  email: 'admin@kontakt.demo',
  password: 'kontakt-demo-2026',
  slackUserId: 'U06MBX0KZ01',
};

export type DemoMember = {
  key: Exclude<EmployeeKey, 'admin'>;
  name: string;
  email: string;
  slackUserId: string | null;
  locale: 'pl' | 'en';
  timeZone: string;
  reminderChannel: 'slack' | 'email' | 'both';
  workingHours?: { days: number[]; start: string; end: string };
  /** Reports to this member (the sales manager reports to nobody). */
  reportsTo: 'manager' | null;
};

/** The manager first: the others name him as their manager. */
export const DEMO_MEMBERS: DemoMember[] = [
  {
    key: 'manager', name: 'Tomasz Wróblewski', email: 'tomasz.wroblewski@kontakt.demo', slackUserId: 'U06MBX0TW02',
    locale: 'pl', timeZone: 'Europe/Warsaw', reminderChannel: 'both', reportsTo: null,
  },
  {
    key: 'magdalena', name: 'Magdalena Kaczmarek', email: 'magdalena.kaczmarek@kontakt.demo', slackUserId: 'U06MBX0MK03',
    locale: 'pl', timeZone: 'Europe/Warsaw', reminderChannel: 'slack', reportsTo: 'manager',
    workingHours: { days: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' },
  },
  {
    // No Slack account: reminders go by e-mail.
    key: 'pawel', name: 'Paweł Szymański', email: 'pawel.szymanski@kontakt.demo', slackUserId: null,
    locale: 'pl', timeZone: 'Europe/Warsaw', reminderChannel: 'email', reportsTo: 'manager',
  },
  {
    // Works remotely from London with the English interface.
    key: 'oliwia', name: 'Oliwia Dąbrowska', email: 'oliwia.dabrowska@kontakt.demo', slackUserId: 'U06MBX0OD04',
    locale: 'en', timeZone: 'Europe/London', reminderChannel: 'slack', reportsTo: 'manager',
    workingHours: { days: [1, 2, 3, 4], start: '09:00', end: '17:30' },
  },
];

/** Who owns how much of each kind of work (relative weights). */
export const OWNER_WEIGHTS: Record<'sales' | 'service' | 'supplier', Record<EmployeeKey, number>> = {
  sales: { admin: 0.5, manager: 1.5, magdalena: 3, pawel: 3, oliwia: 2.5 },
  service: { admin: 1, manager: 0.5, magdalena: 2, pawel: 2, oliwia: 1 },
  supplier: { admin: 2, manager: 3, magdalena: 0.5, pawel: 0.5, oliwia: 0 },
};
