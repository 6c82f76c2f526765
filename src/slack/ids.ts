// Every Slack identifier Kontakt answers to, in one place: the app manifest (slack-manifest.yaml),
// the block builders and the listeners use these names, so a typo cannot split them.

/** The slash command (manifest: features.slash_commands). */
export const COMMAND = '/contact';

/** Shortcuts (manifest: features.shortcuts). */
export const SHORTCUTS = {
  /** Message shortcut: turn a message (and its files) into a note. */
  addToContact: 'add_to_contact',
  /** Global shortcut: the same modal as `/contact new`. */
  newContact: 'new_contact',
} as const;

/** Modal callback ids (view_submission / view_closed). */
export const VIEWS = {
  newContact: 'new_contact_modal',
  addNote: 'add_note_modal',
  changeDeadline: 'change_deadline_modal',
  addToContact: 'add_to_contact_modal',
} as const;

/** Button and select action ids (block_actions, block_suggestion). */
export const ACTIONS = {
  // Contact cards, lists and App Home. value: the contact id.
  addNote: 'contact_add_note',
  changeDeadline: 'contact_change_deadline',
  close: 'contact_close',
  openInPanel: 'contact_open_panel',
  share: 'contact_share',
  showCard: 'contact_show',
  // App Home header (value unused): the new-contact modal, and a URL button to the panel.
  homeNewContact: 'home_new_contact',
  homeOpenPanel: 'home_open_panel',
  // Reminder DMs (sent by the reminders issue). value: reminderValue() below.
  reminderDone: 'reminder_done',
  reminderSnoozeHour: 'reminder_snooze_1h',
  reminderSnoozeDay: 'reminder_snooze_1d',
  reminderOpen: 'reminder_open',
  // Triage DMs. value: JSON {mail, contact?}.
  triageAssign: 'triage_assign',
  triageNewContact: 'triage_new_contact',
  triageLeave: 'triage_leave',
  // External selects in modals (options requests).
  pickCompany: 'pick_company',
  pickPerson: 'pick_person',
  pickContact: 'pick_contact',
  pickNoteKind: 'pick_note_kind',
} as const;

/** What a reminder button carries: the contact, or the task (a note with a due date) on it. */
export type ReminderTarget = { contactId: number; taskId?: number };
export const reminderValue = (target: ReminderTarget) => JSON.stringify(target);
