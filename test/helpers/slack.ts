// Slack tests: the real web app with the Slack channel mounted at POST /slack/events, a fake
// Slack Web API (fake-slack.ts), and signed requests built like Slack's own (payload shapes from
// Slack's documentation and ../shared/corpora/slack-bolt-python). Every request waits for the
// listener's background work (receiver.settled()) before returning, so tests read effects directly.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createFileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackChannel, type SlackChannel } from '../../src/slack/slack-app.ts';
import { signSlackRequest } from '../../src/slack/verify-signature.ts';
import { createApp } from '../../src/web/app.tsx';
import { makeEmployee, uid } from '../factories/index.ts';
import type { useTestDb } from './db.ts';
import { TEST_REDIS_URL } from './env.ts';
import { BOT_TOKEN, startFakeSlack, type FakeSlack } from './fake-slack.ts';

export const SIGNING_SECRET = 'kontakt-test-signing-secret';
export const PANEL_URL = 'http://localhost:3000';
export const TEAM = { id: 'T0KONTAKT', domain: 'kontakt-test' };

export type SlackTestUser = Awaited<ReturnType<ReturnType<typeof useSlack>['user']>>;

/** Call at the top of a test file, after useTestDb(). */
export function useSlack(t: ReturnType<typeof useTestDb>, options: { maxFileBytes?: number } = {}) {
  const state = {
    fake: undefined as unknown as FakeSlack,
    channel: undefined as unknown as SlackChannel,
    app: undefined as unknown as ReturnType<typeof createApp>,
    redis: undefined as unknown as Redis,
    dataDir: '',
    keyPrefix: `kt-slack-${uid()}`,
  };

  beforeAll(async () => {
    state.fake = await startFakeSlack();
    state.redis = new Redis(TEST_REDIS_URL);
    state.dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-slack-'));
    const logger = createLogger('silent');
    const fileStore = createFileStore({ dataDir: state.dataDir, maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024 });
    state.channel = createSlackChannel({
      db: t.db, redis: state.redis, logger, fileStore, settings: { timeZone: 'Europe/Warsaw' }, mailSettings: DEFAULT_MAIL_SETTINGS,
      publicUrl: PANEL_URL, botToken: BOT_TOKEN, maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024, keyPrefix: state.keyPrefix,
      signingSecret: SIGNING_SECRET, apiUrl: state.fake.apiUrl,
    });
    await state.channel.start();
    state.app = createApp({ db: t.db, redis: state.redis, logger, version: 'test', publicUrl: PANEL_URL, fileStore, slack: state.channel.receiver });
  });
  afterAll(async () => {
    await state.channel?.stop(2000);
    await state.fake?.close();
    state.redis?.disconnect();
    if (state.dataDir) await rm(state.dataDir, { recursive: true, force: true });
  });

  /** POSTs a raw body to /slack/events, signed (unless `signature` is given), and waits for the listener's work. */
  async function post(rawBody: string, contentType: string, extra: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {}) {
    const timestamp = extra.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await state.app.request('/slack/events', {
      method: 'POST',
      body: rawBody,
      headers: {
        'Content-Type': contentType,
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': extra.signature ?? signSlackRequest(SIGNING_SECRET, timestamp, rawBody),
        ...extra.headers,
      },
    });
    const text = await res.text();
    await state.channel.receiver.settled();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  }

  /**
   * `/contact <text>` from `user` (shape: Slack's slash command request, as in
   * corpora/slack-bolt-python/test_slash_command__slash_command_body.txt). Returns the HTTP answer
   * plus `replies`: everything later posted to the command's response_url.
   */
  async function command(text: string, user: { slackUserId: string }, extra: { channelId?: string; triggerId?: string; headers?: Record<string, string> } = {}) {
    const responseUrl = state.fake.responseUrl();
    const body = new URLSearchParams({
      token: 'verification_token', team_id: TEAM.id, team_domain: TEAM.domain, channel_id: extra.channelId ?? 'C0SALES', channel_name: 'sales',
      user_id: user.slackUserId, user_name: user.slackUserId.toLowerCase(), command: '/contact', text, api_app_id: 'AKONTAKT', is_enterprise_install: 'false',
      response_url: responseUrl, trigger_id: extra.triggerId ?? triggerId(),
    }).toString();
    const res = await post(body, 'application/x-www-form-urlencoded', { headers: extra.headers });
    return { ...res, responseUrl, replies: () => state.fake.responsesTo(responseUrl) };
  }

  /** An interactivity payload (block_actions, view_submission, shortcut, message_action…), form-encoded as Slack sends it. */
  function interact(payload: Record<string, unknown>, extra: { headers?: Record<string, string> } = {}) {
    return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', extra);
  }

  /** An Events API envelope around `event` (shape: corpora/slack-bolt-python/test_events__valid_event_body.json). */
  function event(payload: Record<string, unknown>, extra: { eventId?: string; retryNum?: number } = {}) {
    const body = {
      token: 'verification_token', team_id: TEAM.id, api_app_id: 'AKONTAKT', event: payload, type: 'event_callback',
      event_id: extra.eventId ?? `Ev${uid().toUpperCase()}`, event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: 'UKONTAKTBOT', is_bot: true, is_enterprise_install: false }],
    };
    const headers: Record<string, string> = extra.retryNum ? { 'X-Slack-Retry-Num': String(extra.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' } : {};
    return post(JSON.stringify(body), 'application/json', { headers });
  }

  /** An employee linked to a new Slack user (also known to the fake's users.info). */
  async function user(options: { locale?: 'pl' | 'en'; role?: 'admin' | 'member'; timeZone?: string; name?: string } = {}) {
    const slackUserId = `U${uid().toUpperCase()}`;
    const made = await makeEmployee(t.db, { role: options.role, slackUserId, ...(options.name ? { name: options.name } : {}) });
    const employee = await t.db.employee.update({ where: { id: made.id }, data: { locale: options.locale ?? 'pl', timeZone: options.timeZone ?? 'Europe/Warsaw' } });
    state.fake.addUser({ id: slackUserId, email: employee.email, tz: employee.timeZone, locale: options.locale === 'en' ? 'en-US' : 'pl-PL', name: employee.name });
    return { ...employee, slackUserId };
  }

  return {
    get fake() { return state.fake; },
    get channel() { return state.channel; },
    get app() { return state.app; },
    get redis() { return state.redis; },
    get keyPrefix() { return state.keyPrefix; },
    post, command, interact, event, user,
  };
}

export const triggerId = () => `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${uid()}`;

/** The `user` / `team` / `api_app_id` part every interactivity payload carries. */
export const interactionBase = (slackUserId: string) => ({
  token: 'verification_token',
  team: { id: TEAM.id, domain: TEAM.domain },
  user: { id: slackUserId, username: slackUserId.toLowerCase(), name: slackUserId.toLowerCase(), team_id: TEAM.id },
  api_app_id: 'AKONTAKT',
  trigger_id: triggerId(),
  is_enterprise_install: false,
  enterprise: null,
});
