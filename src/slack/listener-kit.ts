// What most listeners do around their real work: find the employee behind the Slack user (or
// refuse politely), run the use case, and turn a domain error into a message for that person.
import type { WebClient } from '@slack/web-api';
import { errorText } from './error-text.ts';
import { identify, type SlackUser } from './identity.ts';
import type { SlackDeps } from './slack-deps.ts';

/** Sends `text` to the person (ephemeral: response_url, postEphemeral or a modal error). */
export type Reply = (text: string) => Promise<unknown>;

/**
 * Runs `work` as the employee linked to `slackUserId`. Unknown or inactive people get the refusal
 * through `reply`; an error thrown by `work` is logged when unexpected and explained through `reply`.
 * Returns what `work` returned, or undefined when it did not run or failed.
 */
export async function asEmployee<T>(deps: SlackDeps, client: WebClient, slackUserId: string, reply: Reply, work: (user: SlackUser) => Promise<T>): Promise<T | undefined> {
  const who = await identify(deps, client, slackUserId);
  if (!who.ok) {
    await reply(who.message);
    return undefined;
  }
  try {
    return await work(who.user);
  } catch (error) {
    await reply(errorText(error, who.user.t, deps.logger)).catch((e: Error) => deps.logger.warn({ err: e.message }, 'slack: could not send an error reply'));
    return undefined;
  }
}
