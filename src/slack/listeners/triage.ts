// Clicks on the triage DM (triage-dm.ts). "File here" files the e-mail on that contact as the
// clicker (assignMail: only the forwarder or an admin may; the domain checks); "New contact" opens
// the new-contact modal with the e-mail, which files it once the contact exists; "Leave in
// triage" changes nothing but the DM. Each click rewrites the DM: the e-mail's head line, what
// happened and who did it, no buttons. A click on an e-mail that was filed meanwhile says where.
import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { assignMail } from '../../domain/mail/assign-mail.ts';
import { getMail } from '../../domain/mail/get-mail.ts';
import { isPrivileged } from '../../domain/shared/actor.ts';
import { forbidden, isAppError, validation } from '../../errors.ts';
import { contactLabel, link, mention } from '../blocks/home-blocks.ts';
import { ACTIONS } from '../ids.ts';
import type { SlackUser } from '../identity.ts';
import { asEmployee } from '../listener-kit.ts';
import { openNewContactModal } from '../modals/new-contact-modal.ts';
import type { SlackDeps } from '../slack-deps.ts';
import { triageOutcomeBlocks, triageUrl, type TriageValue } from '../triage-dm.ts';
import { buttonValue, clickReply, type ButtonClick } from './buttons.ts';

const triageValueSchema: z.ZodType<TriageValue> = z.object({ mail: z.number().int().positive(), contact: z.number().int().positive().optional() });

/** Rewrites the DM the button was on (a bot message: chat.update). */
async function updateDm(client: WebClient, body: ButtonClick, outcome: string): Promise<void> {
  const container = body.container as { channel_id?: string; message_ts?: string };
  const blocks = triageOutcomeBlocks((body.message?.blocks ?? []) as KnownBlock[], outcome);
  await client.chat.update({ channel: container.channel_id ?? body.channel?.id ?? '', ts: container.message_ts ?? body.message?.ts ?? '', text: outcome, blocks });
}

type Mail = Awaited<ReturnType<typeof getMail>>;

/** "Already filed on K/…" when the e-mail left triage as filed; null otherwise. */
function alreadyFiled(deps: SlackDeps, user: SlackUser, mail: Mail): string | null {
  if (mail.status !== 'filed' || !mail.contact) return null;
  return user.t('shTriageAlreadyFiled', { contact: contactLabel(deps, mail.contact) });
}

type Handler = (input: { deps: SlackDeps; client: WebClient; body: ButtonClick; user: SlackUser; value: TriageValue }) => Promise<string | null>;

function onClick(app: App, deps: SlackDeps, actionId: string, handle: Handler): void {
  app.action<ButtonClick>({ type: 'block_actions', action_id: actionId }, async ({ ack, body, client, respond }) => {
    await ack();
    await asEmployee(deps, client, body.user.id, clickReply(client, body, respond), async (user) => {
      const value = buttonValue(triageValueSchema, body.actions[0]?.value);
      const outcome = await handle({ deps, client, body, user, value });
      if (outcome !== null) await updateDm(client, body, outcome);
    });
  });
}

const fileHere: Handler = async ({ deps, user, value }) => {
  if (!value.contact) throw validation({ contact: 'this button names no contact' });
  try {
    const outcome = await assignMail(deps.db, deps.fileStore, user.actor, { mailMessageId: value.mail, contact: value.contact }, deps.mailSettings);
    const contact = await getContact(deps.db, outcome.contactId ?? value.contact, { items: 1 });
    return user.t('shTriageFiledBy', { contact: contactLabel(deps, contact), user: mention(user.slackUserId) });
  } catch (error) {
    // Filed meanwhile (a second click, the panel, another device): say where, do not fail.
    if (isAppError(error, 'CONFLICT')) {
      const filed = alreadyFiled(deps, user, await getMail(deps.db, value.mail));
      if (filed) return filed;
    }
    throw error;
  }
};

const newContact: Handler = async ({ deps, client, body, user, value }) => {
  const mail = await getMail(deps.db, value.mail);
  const filed = alreadyFiled(deps, user, mail);
  if (filed) return filed;
  // The modal's submission files the e-mail (assignMail checks again); refusing here spares
  // someone filling in a whole form for nothing.
  if (!isPrivileged(user.actor) && mail.forwarderId !== user.employee.id) throw forbidden('Only an admin or the forwarder may handle this e-mail');
  await openNewContactModal(deps, client, body.trigger_id, user, { mailMessageId: value.mail });
  return null; // the DM stays until the contact exists: the modal may be cancelled
};

const leave: Handler = async ({ deps, user, value }) =>
  alreadyFiled(deps, user, await getMail(deps.db, value.mail)) ??
  user.t('shTriageLeftBy', { user: mention(user.slackUserId), triage: link(triageUrl(deps, value.mail), user.t('shTriageOpen')) });

export function registerTriage(app: App, deps: SlackDeps): void {
  onClick(app, deps, ACTIONS.triageAssign, fileHere);
  onClick(app, deps, ACTIONS.triageNewContact, newContact);
  onClick(app, deps, ACTIONS.triageLeave, leave);
}
