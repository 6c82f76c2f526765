import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.ts';

/** TODO(slack): commands listeners. */
export function registerCommands(_app: App, _deps: SlackDeps): void {}
