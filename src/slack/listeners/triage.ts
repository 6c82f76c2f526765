import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.ts';

/** TODO(slack): triage listeners. */
export function registerTriage(_app: App, _deps: SlackDeps): void {}
