// npm run cli -- <command> [options]. Each command is a few lines over a domain function.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDb, type Db } from './db.ts';
import { migrate } from './db/migrate.ts';
import { writeNextMigration } from './db/write-migration.ts';
import { createAdmin } from './domain/employees/create-admin.ts';
import { findEmployeeByEmail } from './domain/employees/find-employee-by-email.ts';
import { handover } from './domain/handover/handover.ts';
import { rerouteMail } from './domain/mail/reroute-mail.ts';
import { createQueues, jobsStatus, type FailedJob } from './jobs/queues.ts';
import { ingestSettingsFrom, mailFileStore } from './mail/mail-config.ts';
import { systemActor } from './domain/shared/actor.ts';
import { slackManifest } from './slack/manifest.ts';
import { AppError } from './errors.ts';
import { isDatabaseEmpty, loadDemoData } from '../prisma/seed/demo-data.ts';

const HELP = `Kontakt command line

  npm run cli -- migrate                          apply pending database migrations
  npm run cli -- db-diff <name>                   write the next migration from the committed schema to prisma/schema.prisma
  npm run cli -- seed-demo [--force]              load the demo data (only into an empty database unless --force)
  npm run cli -- create-admin --email E [--name N] [--password P]
                                                  create an admin (or make E an admin) for the panel;
                                                  without --password a random one is generated and printed
  npm run cli -- handover <from> <to>             move all open contacts and open tasks of one employee
                                                  (e-mail or id) to another, in one transaction
  npm run cli -- reroute <mailMessageId>          route a stored e-mail again from its raw source
  npm run cli -- mail-status                      e-mails by status, and the last failed mail-route jobs
  npm run cli -- jobs-status                      jobs per queue by state, and the last 10 failed jobs with their errors
  npm run cli -- slack-manifest [--url U] [--socket]
                                                  print the Slack app manifest for this installation
                                                  (PUBLIC_URL unless --url; --socket for Socket Mode)
  npm run cli -- help`;

type Command = (ctx: { config: Config; args: string[]; withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T> }) => Promise<void>;

async function employeeId(db: Db, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const employee = await findEmployeeByEmail(db, ref);
  if (!employee) throw new AppError('NOT_FOUND', `no employee with e-mail ${ref}`);
  return employee.id;
}

const countsLine = (c: Record<'waiting' | 'active' | 'delayed' | 'failed' | 'completed', number>) =>
  (['waiting', 'active', 'delayed', 'failed', 'completed'] as const).map((k) => `${k} ${c[k]}`).join(', ');

function printFailed(jobs: FailedJob[]) {
  if (jobs.length) console.log('last failed jobs:');
  for (const job of jobs) console.log(`  ${job.queue} ${job.id} ${job.failedAt?.toISOString() ?? ''} attempts ${job.attempts}: ${job.error}`);
}

const commands: Record<string, Command> = {
  async 'slack-manifest'({ config, args }) {
    const { values } = parseArgs({ args, options: { url: { type: 'string' }, socket: { type: 'boolean' } } });
    const socketMode = values.socket ?? Boolean(config.slack?.appToken);
    console.log(JSON.stringify(slackManifest({ publicUrl: values.url ?? config.publicUrl, socketMode }), null, 2));
  },

  async migrate({ config }) {
    const applied = await migrate(config.databaseUrl, { log: (m) => console.log(m) });
    console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
  },

  async 'db-diff'({ args }) {
    const name = args[0];
    if (!name) throw new AppError('VALIDATION', 'usage: npm run db:diff -- <migration name>');
    const written = await writeNextMigration({ name });
    console.log(written ? `wrote ${written.dir}/migration.sql` : 'prisma/schema.prisma matches the committed schema: no migration written');
  },

  async 'seed-demo'({ config, args, withDb }) {
    await migrate(config.databaseUrl);
    await withDb(async (db) => {
      const force = args.includes('--force');
      if (!force && !(await isDatabaseEmpty(db))) {
        throw new AppError('CONFLICT', 'the database already has data; use --force to add the demo data anyway');
      }
      const demo = await loadDemoData(db, { force, settings: { timeZone: config.timeZone }, log: (m) => console.log(m) });
      console.log(`demo data loaded: ${JSON.stringify(demo.counts)}\nsign in as ${demo.admin.email} / ${demo.admin.password}`);
    });
  },

  async 'create-admin'({ config, args, withDb }) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
    if (!values.email) throw new AppError('VALIDATION', 'usage: npm run cli -- create-admin --email E [--name N] [--password P]');
    const password = values.password ?? randomBytes(12).toString('base64url');
    await migrate(config.databaseUrl);
    const admin = await withDb((db) => createAdmin(db, { email: values.email!, name: values.name ?? values.email!.split('@')[0]!, password }));
    console.log(`admin ${admin.email} (id ${admin.id}) is ready${values.password ? '' : `; password: ${password}`}`);
  },

  async handover({ args, withDb }) {
    const [from, to] = args;
    if (!from || !to) throw new AppError('VALIDATION', 'usage: npm run cli -- handover <from e-mail or id> <to e-mail or id>');
    await withDb(async (db) => {
      const moved = await handover(db, systemActor('cli'), { fromEmployeeId: await employeeId(db, from), toEmployeeId: await employeeId(db, to) });
      console.log(`handed over ${moved.contacts} open contact(s) and ${moved.tasks} open task(s) from ${from} to ${to}`);
    });
  },

  async reroute({ config, args, withDb }) {
    const id = Number(args[0]);
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('VALIDATION', 'usage: npm run cli -- reroute <mailMessageId>');
    const outcome = await withDb((db) => rerouteMail(db, mailFileStore(config), systemActor('cli'), id, ingestSettingsFrom(config)));
    console.log(`e-mail ${id}: ${outcome.status}${outcome.reason ? ` — ${outcome.reason}` : ''}${outcome.contactId ? ` (contact ${outcome.contactId})` : ''}`);
  },

  async 'mail-status'({ config, withDb }) {
    const [byStatus, unmoved] = await withDb((db) =>
      Promise.all([
        db.mailMessage.groupBy({ by: ['status'], _count: { _all: true }, orderBy: { status: 'asc' } }),
        db.mailMessage.count({ where: { movedAt: null, uid: { not: null } } }),
      ]),
    );
    console.log('e-mails by status:');
    for (const row of byStatus) console.log(`  ${row.status.padEnd(10)} ${row._count._all}`);
    if (byStatus.length === 0) console.log('  (none yet)');
    console.log(`  still in the inbox (not moved): ${unmoved}`);
    const queues = createQueues(config.redisUrl);
    try {
      const status = jobsStatus(queues);
      const counts = (await status.counts()).find((c) => c.queue === 'mail-route')!;
      console.log(`mail-route queue: ${countsLine(counts)}`);
      printFailed(await status.failed(10, 'mail-route'));
    } finally {
      await queues.close();
    }
  },

  async 'jobs-status'({ config }) {
    const queues = createQueues(config.redisUrl);
    try {
      const status = jobsStatus(queues);
      const [counts, failed] = await Promise.all([status.counts(), status.failed(10)]);
      console.log('jobs by queue:');
      for (const c of counts) console.log(`  ${c.queue.padEnd(14)} ${countsLine(c)}`);
      printFailed(failed);
    } finally {
      await queues.close();
    }
  },

  async help() {
    console.log(HELP);
  },
};

async function run(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const withDb = async <T,>(fn: (db: Db) => Promise<T>) => {
    const db = createDb(config.databaseUrl, { max: 4 });
    try {
      return await fn(db);
    } finally {
      await db.$disconnect();
    }
  };
  await command({ config, args, withDb });
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ConfigError || error instanceof AppError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
