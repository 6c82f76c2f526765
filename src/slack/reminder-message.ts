// The reminder DM (sent by the reminders worker): what is due, and four buttons — Done, Snooze
// 1 hour, Snooze 1 day, Open in panel — handled by listeners/buttons.ts. The buttons sit in one
// actions block (REMINDER_ACTIONS_BLOCK) that a click replaces with what happened and who did it.
import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../views/i18n/messages.ts';
import { link, mrkdwnSection } from './blocks/home-blocks.ts';
import { esc } from './blocks/mrkdwn.ts';
import { ACTIONS, reminderValue } from './ids.ts';
import { contactUrl, type SlackDeps } from './slack-deps.ts';

export const REMINDER_SUBJECT_BLOCK = 'reminder_subject';
export const REMINDER_ACTIONS_BLOCK = 'reminder_actions';

/** What a reminder is about: a contact's deadline, or a task (a note with a due date) on it. */
export type ReminderSubject = {
  contact: { id: number; number: string; title: string; companyName: string; dueAt: Date | null };
  /** The task; absent for a reminder of the contact's own deadline. */
  task?: { id: number; text: string; dueAt: Date | null } | null;
};

/** Longest task text quoted in a reminder; the whole note is on the contact page. */
const MAX_TASK_TEXT = 300;
const clip = (text: string) => (text.length > MAX_TASK_TEXT ? `${text.slice(0, MAX_TASK_TEXT - 1)}…` : text);

/** The notification text (push, screen readers) of a reminder. */
export function reminderText(subject: ReminderSubject, t: Translator, now = new Date()): string {
  const due = subject.task ? subject.task.dueAt : subject.contact.dueAt;
  const overdue = due !== null && due.getTime() < now.getTime();
  const key = subject.task ? (overdue ? 'shReminderTaskOverdue' : 'shReminderTaskDue') : overdue ? 'shReminderDeadlineOverdue' : 'shReminderDeadlineDue';
  return t(key, { number: subject.contact.number, title: subject.contact.title, when: t.dateTime(due) });
}

/** The reminder's blocks: the contact (and task), when it is due, and the four buttons. */
export function reminderBlocks(subject: ReminderSubject, t: Translator, deps: Pick<SlackDeps, 'publicUrl'>, now = new Date()): KnownBlock[] {
  const { contact, task } = subject;
  const url = contactUrl(deps, contact.id);
  const value = reminderValue({ contactId: contact.id, ...(task ? { taskId: task.id } : {}) });
  const lines = [
    `*${esc(reminderText(subject, t, now))}*`,
    `${link(url, contact.number)} · ${esc(contact.title)} · ${esc(contact.companyName)}`,
    ...(task ? [`> ${esc(clip(task.text)).replace(/\n/g, '\n> ')}`] : []),
  ];
  return [
    mrkdwnSection(lines.join('\n'), REMINDER_SUBJECT_BLOCK),
    {
      type: 'actions',
      block_id: REMINDER_ACTIONS_BLOCK,
      elements: [
        { type: 'button', action_id: ACTIONS.reminderDone, style: 'primary', text: { type: 'plain_text', text: t('shDone') }, value },
        { type: 'button', action_id: ACTIONS.reminderSnoozeHour, text: { type: 'plain_text', text: t('shSnoozeHour') }, value },
        { type: 'button', action_id: ACTIONS.reminderSnoozeDay, text: { type: 'plain_text', text: t('shSnoozeDay') }, value },
        { type: 'button', action_id: ACTIONS.reminderOpen, text: { type: 'plain_text', text: t('shOpenInPanel') }, url, value },
      ],
    },
  ];
}
