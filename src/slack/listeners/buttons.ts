import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.ts';

/** TODO(slack): buttons listeners. */
export function registerButtons(_app: App, _deps: SlackDeps): void {}
