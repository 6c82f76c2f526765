// `/contact …` and the card's own buttons (Show, Share to channel). Every listener acks first with
// an empty body, so the HTTP answer never waits for the database (Slack allows 3 s), then works
// and answers through response_url. The handlers are in src/slack/commands/.
import type { App, BlockAction, ButtonAction, RespondArguments } from '@slack/bolt';
import { shareCardAction, showCardAction, type ActionSource } from '../commands/card-commands.ts';
import { runCommand } from '../commands/run-command.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import type { SlackDeps } from '../slack-deps.ts';

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, command, respond, client }) => {
    await ack();
    await runCommand({ deps, client, respond, triggerId: command.trigger_id, slackUserId: command.user_id, text: command.text ?? '' });
  });

  const source = (body: BlockAction<ButtonAction>, action: ButtonAction, client: ActionSource['client'], respond: ((m: RespondArguments) => Promise<unknown>) | undefined): ActionSource => ({
    deps, client, slackUserId: body.user.id, value: action.value, channelId: body.channel?.id,
    // App Home has no response_url (Bolt then gives no usable respond).
    respond: body.response_url && respond ? respond : null,
  });
  app.action<BlockAction<ButtonAction>>(ACTIONS.showCard, async ({ ack, body, action, client, respond }) => {
    await ack();
    await showCardAction(source(body, action, client, respond));
  });
  app.action<BlockAction<ButtonAction>>(ACTIONS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    await shareCardAction(source(body, action, client, respond));
  });
}
