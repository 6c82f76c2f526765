// Rows the reminder tests start from: employees with the fields reminders read, contacts and tasks
// with deadlines (ISO strings, written out by hand in the tests), and the scan position.
import type { Db } from '../../src/db.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { systemActor } from '../../src/domain/shared/actor.ts';
import { makeCompany, uid } from '../factories/index.ts';

export type ReminderEmployeeOptions = {
  timeZone?: string; role?: 'admin' | 'member'; managerId?: number | null; reminderRules?: object; workingHours?: object;
  slackUserId?: string; locale?: 'pl' | 'en'; reminderChannel?: 'slack' | 'email' | 'both';
};

/** An employee (defaults: member, Europe/Warsaw, Mon–Fri 08:00–17:00, no Slack id). */
export function reminderEmployee(db: Db, options: ReminderEmployeeOptions = {}) {
  const id = uid();
  const { reminderRules, workingHours, ...rest } = options;
  return db.employee.create({
    data: { name: `Employee ${id}`, email: `employee-${id}@kontakt.test`, ...rest, ...(reminderRules ? { reminderRules } : {}), ...(workingHours ? { workingHours } : {}) },
  });
}

/** An open contact of `ownerId` at a new company, due at `dueAt`. */
export async function reminderContact(db: Db, ownerId: number | null, dueAt: string | null, extra: { kindId?: number; priority?: 'high' | 'normal' | 'low' } = {}) {
  const company = await makeCompany(db);
  return createContact(db, systemActor(), { companyId: company.id, title: `Contact ${uid()}`, ownerId, dueAt, ...extra });
}

/** A task (a note with a due date) on the contact, for `assigneeId`. */
export function reminderTask(db: Db, contactId: number, assigneeId: number, dueAt: string) {
  return db.item.create({ data: { contactId, type: 'note', text: `Call back ${uid()}`, dueAt: new Date(dueAt), assigneeId, authorId: assigneeId } });
}

/** Puts the scan position at `at` (as if the previous tick ran then). */
export async function setScanPosition(db: Db, at: Date) {
  await db.$executeRaw`
    INSERT INTO "ReminderScanState" ("id", "scannedUntil", "updatedAt") VALUES (1, ${at}, now())
    ON CONFLICT ("id") DO UPDATE SET "scannedUntil" = EXCLUDED."scannedUntil"`;
}
