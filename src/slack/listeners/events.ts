import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.ts';

/** TODO(slack): events listeners. */
export function registerEvents(_app: App, _deps: SlackDeps): void {}
