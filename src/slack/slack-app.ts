// The Slack channel: a Bolt app on our own receiver (receiver.ts) with every listener registered
// in one place. Nothing connects on import: createSlackChannel() builds it, start() opens Socket
// Mode when an app token is configured (HTTP mode needs nothing: the web server routes
// POST /slack/events to receiver.handleHttp).
import { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { boltLogger } from './bolt-logger.ts';
import { registerButtons } from './listeners/buttons.ts';
import { registerCommands } from './listeners/commands.ts';
import { registerEvents } from './listeners/events.ts';
import { registerHome } from './listeners/home.ts';
import { registerModals } from './listeners/modals.ts';
import { registerTriage } from './listeners/triage.ts';
import { KontaktReceiver } from './receiver.ts';
import { createWorkLane } from './work-lane.ts';
import type { SlackDeps } from './slack-deps.ts';
import { SLACK_RETRY } from './slack-api.ts';

export type SlackChannelOptions = SlackDeps & {
  signingSecret: string;
  /** xapp-… token: Socket Mode. */
  appToken?: string | null;
  /** Base URL of Slack's Web API (tests: the fake server). */
  apiUrl?: string | null;
  /** Seconds since the epoch, for tests of the replay window. */
  nowSeconds?: () => number;
};

export type SlackChannel = {
  app: App;
  client: WebClient;
  receiver: KontaktReceiver;
  mode: 'http' | 'socket';
  start(): Promise<void>;
  stop(deadlineMs?: number): Promise<void>;
};

/** Retries of the Web API client: 429 answers are retried after Slack's Retry-After. */
export const webClientOptions = (apiUrl?: string | null) => ({
  ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
  rejectRateLimitedCalls: false,
  retryConfig: { ...SLACK_RETRY },
});

export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { signingSecret, appToken, apiUrl, nowSeconds, ...given } = options;
  const receiver = new KontaktReceiver({ signingSecret, redis: given.redis, keyPrefix: given.keyPrefix, logger: given.logger, nowSeconds });
  const deps: SlackDeps = { ...given, lane: given.lane ?? createWorkLane(16, () => receiver.quiet()) };
  const app = new App({
    token: deps.botToken,
    receiver,
    logger: boltLogger(deps.logger.child({ role: 'slack' })),
    clientOptions: webClientOptions(apiUrl),
    // auth.test on the first event, not at construction: no network call on start-up in tests.
    tokenVerificationEnabled: false,
  });
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack: unhandled listener error');
  });

  registerCommands(app, deps);
  registerModals(app, deps);
  registerButtons(app, deps);
  registerHome(app, deps);
  registerEvents(app, deps);
  registerTriage(app, deps);

  return {
    app,
    client: app.client,
    receiver,
    mode: appToken ? 'socket' : 'http',
    start: () => receiver.start(appToken ? { appToken, slackApiUrl: webClientOptions(apiUrl).slackApiUrl } : undefined),
    stop: (deadlineMs) => receiver.stop(deadlineMs),
  };
}
