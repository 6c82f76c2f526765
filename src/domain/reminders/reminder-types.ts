// The shapes the reminder pieces agree on. The domain plans reminders and decides, at sending
// time, what (if anything) to say (plan-reminders.ts, current-reminder.ts); the delivery adapter
// (src/reminders/deliver.ts) turns a ReminderMessage into a Slack DM or an e-mail; the workers
// (workers/reminder-*.ts) drive both.
import type { ReminderRule } from '../../generated/prisma/enums.ts';

export type { ReminderRule };

/** Who gets it, and how they like it. */
export type ReminderRecipient = {
  employeeId: number;
  name: string;
  email: string;
  slackUserId: string | null;
  locale: 'pl' | 'en';
  timeZone: string;
  /** The employee's preference; without a Slack id, e-mail is used whatever this says. */
  channel: 'slack' | 'email' | 'both';
};

/** A contact as a reminder shows it. */
export type ReminderContact = {
  id: number;
  number: string;
  title: string;
  companyName: string;
  ownerName: string | null;
  dueAt: Date | null;
  priority: 'high' | 'normal' | 'low';
};

/** Everything delivery needs to write one reminder, in the recipient's language and zone. */
export type ReminderMessage = {
  reminderId: number;
  rule: ReminderRule;
  recipient: ReminderRecipient;
  /** "24h", "1h", "due", a working day "2026-11-27" … (see ReminderLog.occurrence). */
  occurrence: string;
  /** The contact the reminder is about (all rules but the digest). */
  contact: ReminderContact | null;
  /** The task, when the reminder is about one (a note with a due date on `contact`). */
  task: { id: number; text: string; dueAt: Date } | null;
  /** The deadline the reminder is about (the contact's or the task's). */
  deadline: Date | null;
  /** Escalations: whose contact it is and for how many working days it has been overdue. */
  escalation: { ownerName: string; workingDaysOverdue: number } | null;
  /** Digest: the contacts listed (open, high priority; for admins also unassigned ones). */
  digest: ReminderContact[] | null;
  /** The panel's link to the contact (or to the filtered list for a digest). */
  url: string;
};

/** What delivery reports back, recorded on the ReminderLog row. */
export type DeliveryResult = {
  channel: 'slack' | 'email';
  /** Slack "<channel>/<ts>" or the e-mail's Message-ID (without angle brackets). */
  messageRef: string;
  /** Set when Slack failed permanently and e-mail was used instead (logged). */
  fellBackFrom?: { channel: 'slack'; error: string };
};
