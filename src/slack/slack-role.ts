// The `slack` role. The channel is built before the web server (HTTP mode: the web server hands
// POST /slack/events to its receiver) and started in the role's turn (Socket Mode connects then).
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import { createFileStore } from '../domain/files/index.ts';
import type { Logger } from '../logger.ts';
import { ingestSettingsFrom } from '../mail/mail-config.ts';
import type { StartedRole } from '../roles/types.ts';
import { createSlackChannel, type SlackChannel } from './slack-app.ts';

/** The channel for config.slack, or null (with a log line saying why) when Slack is not configured. */
export function buildSlackChannel(config: Config, deps: { db: Db; redis: Redis; logger: Logger }, options: { webInProcess: boolean }): SlackChannel | null {
  if (!config.slack) {
    deps.logger.info('slack: off — SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not both set (see README, "Slack app")');
    return null;
  }
  if (!config.slack.appToken && !options.webInProcess) {
    deps.logger.warn('slack: off — HTTP mode is served by the web role (POST /slack/events); add web to ROLES or set SLACK_APP_TOKEN for Socket Mode');
    return null;
  }
  return createSlackChannel({
    ...deps,
    fileStore: createFileStore({ dataDir: config.dataDir, maxFileBytes: config.maxFileBytes }),
    settings: { timeZone: config.timeZone },
    mailSettings: ingestSettingsFrom(config),
    publicUrl: config.publicUrl,
    botToken: config.slack.botToken,
    maxFileBytes: config.maxFileBytes,
    keyPrefix: 'kontakt',
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
  });
}

export async function startSlack(channel: SlackChannel, logger: Logger, stopDeadlineMs: number): Promise<StartedRole> {
  await channel.start();
  logger.info({ mode: channel.mode }, channel.mode === 'socket' ? 'slack: started in Socket Mode' : 'slack: listening on POST /slack/events');
  return { name: 'slack', stop: () => channel.stop(stopDeadlineMs) };
}
