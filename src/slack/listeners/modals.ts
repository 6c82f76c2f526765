// Modals: the shortcuts and buttons that open them, the option searches of their pickers, and
// their submissions. Builders and submission handlers live in ../modals/; this file only wires.
import type { App, BlockAction, BlockSuggestion, ButtonAction, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PlainTextOption } from '@slack/types';
import { identify, type SlackUser } from '../identity.ts';
import { ACTIONS, SHORTCUTS, VIEWS } from '../ids.ts';
import { asEmployee, type Reply } from '../listener-kit.ts';
import { openAddNoteModal, noteKindOptions, submitAddNote } from '../modals/add-note-modal.ts';
import { contactOptions, openAddToContactModal, submitAddToContact } from '../modals/add-to-contact-modal.ts';
import { openDeadlineModal, submitDeadline } from '../modals/deadline-modal.ts';
import { positiveInt } from '../modals/modal-kit.ts';
import { companyOptions, openNewContactModal, personOptions, submitNewContact } from '../modals/new-contact-modal.ts';
import type { SlackDeps } from '../slack-deps.ts';

export function registerModals(app: App, deps: SlackDeps): void {
  app.shortcut({ callback_id: SHORTCUTS.newContact, type: 'shortcut' }, async ({ ack, shortcut, client }) => {
    await ack();
    await asEmployee(deps, client, shortcut.user.id, dmReply(client, shortcut.user.id), (user) => openNewContactModal(deps, client, shortcut.trigger_id, user));
  });

  app.shortcut({ callback_id: SHORTCUTS.addToContact, type: 'message_action' }, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const reply: Reply = (text) => respond({ response_type: 'ephemeral', text });
    await asEmployee(deps, client, shortcut.user.id, reply, (user) => openAddToContactModal(deps, client, shortcut.trigger_id, user, shortcut));
  });

  // Contact buttons (cards, lists, App Home): value is the contact id.
  const contactButton = (actionId: string, open: (deps: SlackDeps, client: WebClient, triggerId: string, user: SlackUser, contactId: number) => Promise<void>) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const reply = body.response_url ? ephemeral(respond) : dmReply(client, body.user.id);
      await asEmployee(deps, client, body.user.id, reply, (user) => open(deps, client, body.trigger_id, user, positiveInt(action.value) ?? 0));
    });
  contactButton(ACTIONS.addNote, openAddNoteModal);
  contactButton(ACTIONS.changeDeadline, openDeadlineModal);

  options(app, deps, ACTIONS.pickCompany, (_user, body) => companyOptions(deps, body.value));
  options(app, deps, ACTIONS.pickPerson, (user, body) => personOptions(deps, user, body));
  options(app, deps, ACTIONS.pickNoteKind, (user, body) => noteKindOptions(deps, user, body.value));
  options(app, deps, ACTIONS.pickContact, (_user, body) => contactOptions(deps, body.value));

  app.view<ViewSubmitAction>(VIEWS.newContact, ({ ack, body, view, client }) => submitNewContact(deps, client, { ack, body, view }));
  app.view<ViewSubmitAction>(VIEWS.addNote, ({ ack, body, view, client }) => submitAddNote(deps, client, { ack, body, view }));
  app.view<ViewSubmitAction>(VIEWS.changeDeadline, ({ ack, body, view, client }) => submitDeadline(deps, client, { ack, body, view }));
  app.view<ViewSubmitAction>(VIEWS.addToContact, ({ ack, body, view, client }) => submitAddToContact(deps, client, { ack, body, view }));
}

/**
 * An external select's options request: answered only for known, active employees (others get
 * an empty list: company and contact names are not for strangers). A failure is logged and
 * answered with an empty list, which Slack shows as "no results".
 */
function options(app: App, deps: SlackDeps, actionId: string, find: (user: SlackUser, body: BlockSuggestion) => Promise<PlainTextOption[]>) {
  app.options<'block_suggestion'>(actionId, async ({ ack, body, client }) => {
    let found: PlainTextOption[] = [];
    try {
      const who = await identify(deps, client, body.user.id);
      if (who.ok) found = await find(who.user, body);
    } catch (error) {
      deps.logger.error({ err: error, actionId }, 'slack: options request failed');
    }
    await ack({ options: found.slice(0, 100) });
  });
}

const ephemeral = (respond: RespondFn): Reply => (text) => respond({ response_type: 'ephemeral', replace_original: false, text });

/** Where there is no response_url (global shortcuts, App Home): a DM. */
const dmReply = (client: WebClient, slackUserId: string): Reply => (text) => client.chat.postMessage({ channel: slackUserId, text });
