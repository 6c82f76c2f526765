// The contact card: `/contact show 42`, the Show button of list rows and App Home, and Share to
// channel (the same card posted for everyone in the channel, saying who shared it).
import type { RespondArguments } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { CARD_ITEMS, contactCardBlocks, contactCardText } from '../blocks/contact-blocks.ts';
import { notFound } from '../../errors.ts';
import type { SlackUser } from '../identity.ts';
import { asEmployee } from '../listener-kit.ts';
import type { SlackDeps } from '../slack-deps.ts';
import { contactFor, type CommandContext } from './command-context.ts';

/** A reply through response_url that can also be sent with chat.postMessage. */
type Message = { response_type: 'ephemeral' | 'in_channel'; replace_original: false; text: string; blocks?: KnownBlock[] };

/** The card as a message: ephemeral for the employee, or `shared` into the channel. */
export async function cardMessage(deps: SlackDeps, user: SlackUser, contactId: number, options: { shared?: boolean } = {}): Promise<Message> {
  const contact = await getContact(deps.db, contactId, { items: CARD_ITEMS });
  return {
    response_type: options.shared ? 'in_channel' : 'ephemeral',
    replace_original: false,
    text: contactCardText(contact),
    blocks: contactCardBlocks(contact, user.t, deps, options.shared ? { sharedBy: user.slackUserId } : {}),
  };
}

export async function showCommand(ctx: CommandContext, command: { ref: string }): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  await ctx.respond(await cardMessage(ctx.deps, ctx.user, contact.id));
}

/** Where a button's answer goes: the message's response_url, else (App Home has none) a DM from the app. */
export type ActionSource = {
  deps: SlackDeps;
  client: CommandContext['client'];
  slackUserId: string;
  /** The clicked button's value: a contact id. */
  value: string | undefined;
  channelId: string | undefined;
  respond: ((message: RespondArguments) => Promise<unknown>) | null;
};

/** Show button (list rows, App Home): the card, only for the one who clicked. */
export async function showCardAction(source: ActionSource): Promise<void> {
  const send = (message: Message) =>
    source.respond ? source.respond(message) : source.client.chat.postMessage({ channel: source.slackUserId, text: message.text, blocks: message.blocks });
  await asEmployee(source.deps, source.client, source.slackUserId, (text) => send({ response_type: 'ephemeral', replace_original: false, text }), async (user) => {
    await send(await cardMessage(source.deps, user, contactIdOf(source.value)));
  });
}

/** Share to channel (on a card): the same card, posted for everyone in the channel. */
export async function shareCardAction(source: ActionSource): Promise<void> {
  const tell = (text: string) =>
    source.respond ? source.respond({ response_type: 'ephemeral', replace_original: false, text }) : source.client.chat.postMessage({ channel: source.slackUserId, text });
  await asEmployee(source.deps, source.client, source.slackUserId, tell, async (user) => {
    const message = await cardMessage(source.deps, user, contactIdOf(source.value), { shared: true });
    try {
      if (source.respond) await source.respond(message);
      else if (source.channelId) await source.client.chat.postMessage({ channel: source.channelId, text: message.text, blocks: message.blocks });
      else throw new Error('no channel to share to');
    } catch (error) {
      source.deps.logger.warn({ err: (error as Error).message, channel: source.channelId }, 'slack: sharing a card failed');
      await tell(user.t('scShareFailed', { error: (error as Error).message }));
    }
  });
}

/** A button value is the contact id we put there; anything else is refused as a missing contact. */
function contactIdOf(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw notFound('Contact', String(value));
  return id;
}
