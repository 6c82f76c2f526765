// The reminder log's unique key: one reminder per (rule, subject, deadline, recipient, occurrence).
import type { ReminderRule } from './reminder-types.ts';

/** What a reminder is about: a contact, a task (an item) or, for the digest, the employee. */
export type ReminderSubjectRef = { contactId: number | null; itemId: number | null; employeeId?: number };

export function subjectPart(subject: ReminderSubjectRef): string {
  if (subject.itemId !== null) return `task:${subject.itemId}`;
  if (subject.contactId !== null) return `contact:${subject.contactId}`;
  return `employee:${subject.employeeId}`;
}

/** "due_soon|contact:42|2026-12-01T14:00:00.000Z|7|1h" */
export function reminderKey(rule: ReminderRule, subject: ReminderSubjectRef, deadline: Date | null, recipientId: number, occurrence: string): string {
  return `${rule}|${subjectPart(subject)}|${deadline ? deadline.toISOString() : ''}|${recipientId}|${occurrence}`;
}

/** The occurrence label of a due-soon warning `hours` before the deadline: "24h", "1h", "0.5h". */
export const offsetLabel = (hours: number) => `${hours}h`;
