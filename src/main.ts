// Composition root: reads the configuration once, migrates, loads demo data on an empty database
// when asked, starts the roles named in ROLES and stops them in reverse order on SIGTERM/SIGINT.
import { existsSync, readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig, type Config, type RoleName } from './config.ts';
import { createDb } from './db.ts';
import { migrate } from './db/migrate.ts';
import { createLogger, type Logger } from './logger.ts';
import { bindEnqueue, createQueues, jobsStatus } from './jobs/queues.ts';
import { ingestSettingsFrom, mailFileStore } from './mail/mail-config.ts';
import { startMail } from './mail/mail-role.ts';
import { createMailer } from './mail/smtp.ts';
import { startWeb } from './roles/web.ts';
import { createSlackApi } from './slack/slack-api.ts';
import { webClientOptions } from './slack/slack-app.ts';
import { buildSlackChannel, startSlack } from './slack/slack-role.ts';
import { triageHook } from './slack/triage-dm.ts';
import type { StartedRole } from './roles/types.ts';
import { startWorkersRole } from '../workers/index.ts';
import { isDatabaseEmpty, loadDemoData } from '../prisma/seed/demo-data.ts';

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version as string;

/**
 * Start order; shutdown runs it backwards. Workers start before the mail reader (consumers before
 * the producer), so on shutdown the reader stops reading first and the workers finish last.
 */
const START_ORDER: RoleName[] = ['web', 'slack', 'workers', 'mail'];

async function main(config: Config, logger: Logger) {
  const applied = await migrate(config.databaseUrl, { log: (m) => logger.info(m) });
  logger.info(applied.length ? { applied } : {}, applied.length ? 'database migrated' : 'database schema is up to date');

  const db = createDb(config.databaseUrl);
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis: connection error'));
  await redis.connect().catch((err) => logger.warn({ err: err.message }, 'redis: not reachable at start; retrying in the background'));

  if (config.demoData && (await isDatabaseEmpty(db))) {
    logger.info('DEMO_DATA is on and the database is empty: loading demo data');
    const demo = await loadDemoData(db, { settings: { timeZone: config.timeZone }, log: (m) => logger.info(m) });
    logger.info({ counts: demo.counts }, `demo data loaded; sign in as ${demo.admin.email} with password ${demo.admin.password}`);
  } else if (config.demoData) {
    logger.info('DEMO_DATA is on but the database already has data: demo data not loaded');
  }

  // Sending to Slack (reminders, triage DMs) needs only the bot token, wherever the slack role runs.
  const slackClient = config.slackBot ? new WebClient(config.slackBot.botToken, webClientOptions(config.slackBot.apiUrl)) : null;
  // Reminder DMs, the busiest sender, go through the lean caller (src/slack/slack-api.ts).
  const slackApi = config.slackBot ? createSlackApi({ token: config.slackBot.botToken, apiUrl: config.slackBot.apiUrl }) : null;
  const mailer = config.smtp ? createMailer(config.smtp) : null;
  // Built lazily: no Redis connection for the queues until something is enqueued.
  const queues = createQueues(config.redisUrl);
  // Built before the web server, which routes POST /slack/events to it (HTTP mode).
  const slack = config.roles.includes('slack') ? buildSlackChannel(config, { db, redis, logger }, { webInProcess: config.roles.includes('web') }) : null;
  const started: StartedRole[] = [];
  for (const role of START_ORDER.filter((r) => config.roles.includes(r))) {
    if (role === 'web') started.push(await startWeb(config, { db, redis, logger, version, slack: slack?.mode === 'http' ? slack.receiver : undefined, jobs: jobsStatus(queues) }));
    else if (role === 'slack') {
      if (slack) started.push(await startSlack(slack, logger, Math.floor(config.shutdownTimeoutMs * 0.4)));
    }
    else if (role === 'workers') {
      started.push(await startWorkersRole({
        db, store: mailFileStore(config), redisUrl: config.redisUrl, settings: ingestSettingsFrom(config), logger,
        // Reminders: Slack DMs and e-mail; an e-mail nobody could place: a DM to its forwarder.
        slack: slackApi, mailer,
        onUnmatched: slackClient ? triageHook({ db, logger, publicUrl: config.publicUrl }, slackClient) : undefined,
        publicUrl: config.publicUrl, reminderScanMs: config.reminderScanMs,
        // Leave a share of SHUTDOWN_TIMEOUT_MS for the other roles, Prisma and Redis.
        closeDeadlineMs: Math.floor(config.shutdownTimeoutMs * 0.6),
      }));
    } else if (role === 'mail') {
      const mail = await startMail(config, { db, redis, enqueue: bindEnqueue(queues), logger });
      if (mail) started.push(mail);
    }
  }
  logger.info({ roles: started.map((r) => r.name), version }, 'Kontakt started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    for (const role of [...started].reverse()) await role.stop().catch((err) => logger.error({ err }, `${role.name}: stop failed`));
    await queues.close();
    mailer?.close();
    slackApi?.close();
    await db.$disconnect();
    redis.disconnect();
    clearTimeout(deadline);
    logger.info('stopped');
    // Exit explicitly: a forgotten timer or socket in some library must not keep a stopped
    // process alive under a supervisor.
    logger.flush?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

let config: Config;
try {
  if (existsSync('.env')) process.loadEnvFile('.env');
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
main(config, logger).catch((error) => {
  logger.fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
