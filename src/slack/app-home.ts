import type { WebClient } from '@slack/web-api';
import type { SlackUser } from './identity.ts';
import type { SlackDeps } from './slack-deps.ts';

/**
 * TODO(slack-home): builds and publishes (views.publish) the App Home of `user`: open contacts by
 * deadline, overdue ones, high-priority ones, each with quick buttons. Called when the Home tab
 * is opened and after every change the employee makes from Slack. Never throws (logs instead):
 * a failed refresh must not fail the change that triggered it.
 */
export async function publishHome(_deps: SlackDeps, _client: WebClient, _user: SlackUser): Promise<void> {}
