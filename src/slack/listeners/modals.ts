import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.ts';

/** TODO(slack): modals listeners. */
export function registerModals(_app: App, _deps: SlackDeps): void {}
