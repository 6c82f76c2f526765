// What every `/contact` subcommand handler gets, and the shared steps: the contact a typed number
// names, the source reference of what the command creates, the App Home refresh after a change.
import type { RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { findContactId, parseContactNumber } from '../../domain/contacts/find-contact.ts';
import { isAppError } from '../../errors.ts';
import { publishHome } from '../app-home.ts';
import type { SlackUser } from '../identity.ts';
import type { SlackDeps } from '../slack-deps.ts';

export type CommandContext = {
  deps: SlackDeps;
  client: WebClient;
  user: SlackUser;
  /** Valid for 3 s after the command: modals must be opened with it at once. */
  triggerId: string;
  /** Posts to the command's response_url (ephemeral unless response_type says otherwise). */
  respond: (message: RespondArguments) => Promise<unknown>;
};

/**
 * A command that cannot go on, with the text that says why (in the employee's language). Thrown by
 * handlers, turned into an ephemeral reply in one place (run-command.ts); domain errors (AppError)
 * go through errorText() instead.
 */
export class CommandRefusal extends Error {
  constructor(readonly text: string) {
    super(text);
    this.name = 'CommandRefusal';
  }
}

/** An ephemeral text reply. */
export const reply = (ctx: CommandContext, text: string) => ctx.respond({ response_type: 'ephemeral', replace_original: false, text });

/** The contact a typed number names (its id and canonical number); an unknown one is refused by name. */
export async function contactFor(ctx: CommandContext, ref: string): Promise<{ id: number; number: string }> {
  const number = parseContactNumber(ref, ctx.deps.settings) ?? ref;
  try {
    return { id: await findContactId(ctx.deps.db, ref, ctx.deps.settings), number };
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) throw new CommandRefusal(ctx.user.t('scUnknownContact', { number }));
    throw error;
  }
}

/**
 * The source reference of an item a command creates: the trigger id is unique per invocation, so a
 * replayed delivery cannot file the note twice even when Redis (the receiver's dedupe) is down.
 */
export const commandSourceRef = (ctx: CommandContext) => `command:${ctx.triggerId}`;

/**
 * Refreshes the App Home of `user` (default: the one who typed the command) after a change. Awaited
 * after the reply has gone out, so shutdown and tests wait for it; a failure is only logged.
 */
export async function refreshHome(ctx: CommandContext, user: SlackUser = ctx.user): Promise<void> {
  await publishHome(ctx.deps, ctx.client, user).catch((error: Error) => ctx.deps.logger.warn({ err: error.message }, 'slack: App Home refresh failed'));
}
