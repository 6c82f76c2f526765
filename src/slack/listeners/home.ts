// App Home: published when the Home tab is opened (the Messages tab is left alone), the refusal
// for people Kontakt does not know; the header's "New contact" opens the new-contact modal.
import type { App } from '@slack/bolt';
import { publishHome, publishRefusalHome } from '../app-home.ts';
import { ACTIONS } from '../ids.ts';
import { identify } from '../identity.ts';
import { asEmployee } from '../listener-kit.ts';
import { openNewContactModal } from '../modals/new-contact-modal.ts';
import type { SlackDeps } from '../slack-deps.ts';
import { clickReply, type ButtonClick } from './buttons.ts';

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const who = await identify(deps, client, event.user);
    if (!who.ok) return publishRefusalHome(deps, client, event.user, who.message);
    await publishHome(deps, client, who.user);
  });

  app.action<ButtonClick>({ type: 'block_actions', action_id: ACTIONS.homeNewContact }, async ({ ack, body, client, respond }) => {
    await ack();
    await asEmployee(deps, client, body.user.id, clickReply(client, body, respond), (user) => openNewContactModal(deps, client, body.trigger_id, user));
  });

  // A URL button: Slack opens the panel itself; the click must still be acknowledged.
  app.action({ type: 'block_actions', action_id: ACTIONS.homeOpenPanel }, async ({ ack }) => {
    await ack();
  });
}
