import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.ts';

/** TODO(slack): home listeners. */
export function registerHome(_app: App, _deps: SlackDeps): void {}
