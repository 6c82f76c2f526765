// The Slack benchmark (issue 5, "Benchmark"): 200 concurrent `/contact` slash commands against the
// HTTP endpoint of a real server (Hono on a loopback port, the Slack channel mounted as in
// production, the Web API pointed at the local fake that tests use). A realistic mix — notes,
// deadlines in Polish, priority changes, cards — plus 20 replays of the same requests (same
// trigger_id, as a Slack retry would send) fired in the same burst. Measured: the server-side
// time from a request's arrival to its ack (the HTTP answer Slack waits for), and afterwards that
// every command's effect is present exactly once (notes, deadlines, history entries, replies).
// Runs against its own database (kontakt_bench_slack, from the migrations, dropped afterwards).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createDb } from '../../src/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { createFileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS } from '../../src/domain/mail/mail-settings.ts';
import { parseWhen } from '../../src/domain/shared/parse-when.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackChannel } from '../../src/slack/slack-app.ts';
import { createApp } from '../../src/web/app.tsx';
import { BOT_TOKEN, startFakeSlack } from '../helpers/fake-slack.ts';
import { dropBenchDatabase } from './bench-env.ts';
import { summarize, type Summary } from './stats.ts';

export const SLACK_TARGETS = { ackP99Ms: 200 } as const;
const DATABASE = 'kontakt_bench_slack';
const SECRET = 'bench-signing-secret';
const COMMANDS = 200;
const REPLAYS = 20;
const WARM_UP = 40;
const EMPLOYEES = 20;
const CONTACTS = 400;

export type SlackRow = { name: string; summary: Summary; throughput?: number; target: string; pass: boolean | null; note?: string };
export type SlackBenchResult = { rows: SlackRow[]; details: Record<string, unknown> };

type Command = { text: string; user: string; triggerId: string; responseUrl: string; kind: 'note' | 'due' | 'priority' | 'show'; contactId: number; marker?: string };

export async function benchSlack(options: { serverUrl: string; redisUrl: string; log: (m: string) => void }): Promise<SlackBenchResult> {
  const { log } = options;
  const url = new URL(options.serverUrl);
  url.pathname = `/${DATABASE}`;
  const dbUrl = url.toString();
  log(`slack: fresh database ${DATABASE} from the migrations …`);
  await dropBenchDatabase(dbUrl);
  await migrate(dbUrl);
  const db = createDb(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const redis = new Redis(options.redisUrl);
  const fake = await startFakeSlack();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-bench-slack-'));
  const logger = createLogger('silent');
  const fileStore = createFileStore({ dataDir, maxFileBytes: 1024 * 1024 });
  const channel = createSlackChannel({
    db, redis, logger, fileStore, settings: { timeZone: 'Europe/Warsaw' }, mailSettings: DEFAULT_MAIL_SETTINGS, publicUrl: 'http://localhost:3000',
    botToken: BOT_TOKEN, maxFileBytes: 1024 * 1024, keyPrefix: `kt-bench-slack-${process.pid}-${Date.now()}`, signingSecret: SECRET, apiUrl: fake.apiUrl,
  });
  // Server-side ack time: from the request reaching the Slack route to its answer being ready.
  const ackMs: number[] = [];
  const app = createApp({
    db, redis, logger, version: 'bench', publicUrl: 'http://localhost:3000', fileStore,
    slack: { handleHttp: async (request) => {
      const start = performance.now();
      const response = await channel.receiver.handleHttp(request);
      ackMs.push(performance.now() - start);
      return response;
    } },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  try {
    const world = await seed(db);
    log(`slack: seeded ${world.users.length} employees linked to Slack users and ${world.contacts.length} open contacts`);
    const bodyOf = (c: Command) => new URLSearchParams({
      token: 'x', team_id: 'T0KONTAKT', team_domain: 'bench', channel_id: 'C0BENCH', channel_name: 'sales', user_id: c.user, user_name: c.user,
      command: '/contact', text: c.text, api_app_id: 'AKONTAKT', response_url: c.responseUrl, trigger_id: c.triggerId,
    }).toString();
    // The requests are signed and sent from another thread (the server keeps this one to itself).
    const burst = (list: Command[]) => new Promise<{ status: number; ms: number }[]>((resolve, reject) => {
      const worker = new Worker(new URL('./slack-load.worker.mjs', import.meta.url), { workerData: { endpoint, secret: SECRET, requests: list.map((c) => ({ body: bodyOf(c) })) } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });

    log(`slack: warm-up, ${WARM_UP} commands …`);
    await burst(buildCommands(world, WARM_UP, 'warm', fake.responseUrl, world.contacts.slice(0, WARM_UP)));
    await channel.receiver.settled();
    ackMs.length = 0;

    const targets = world.contacts.slice(WARM_UP, WARM_UP + COMMANDS);
    const commands = buildCommands(world, COMMANDS, 'run', fake.responseUrl, targets);
    const replays = commands.filter((c) => c.kind === 'note').slice(0, REPLAYS);
    log(`slack: ${COMMANDS} concurrent commands + ${replays.length} replays in the same burst …`);
    const burstStart = performance.now();
    const answers = await burst([...commands, ...replays]);
    const burstMs = performance.now() - burstStart;
    await channel.receiver.settled();
    const settledMs = performance.now() - burstStart;

    const check = await checkEffects(pool, fake, commands);
    const serverSide = summarize(ackMs);
    const clientSide = summarize(answers.map((a) => a.ms));
    const non200 = answers.filter((a) => a.status !== 200).length;
    const rows: SlackRow[] = [
      {
        name: `slack: ${COMMANDS} concurrent commands (+${replays.length} replays), server-side ack`, summary: serverSide, target: `p99 < ${SLACK_TARGETS.ackP99Ms} ms`,
        pass: non200 === 0 && serverSide.p99 < SLACK_TARGETS.ackP99Ms, note: non200 ? `${non200} non-200 answers` : `client-side p99 ${clientSide.p99.toFixed(0)} ms; burst answered in ${burstMs.toFixed(0)} ms, all work done in ${settledMs.toFixed(0)} ms`,
      },
      {
        name: 'slack: every effect exactly once', summary: { count: commands.length, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN },
        target: 'exactly once', pass: check.problems.length === 0, note: check.problems.length ? check.problems.slice(0, 5).join('; ') : check.summary,
      },
    ];
    return { rows, details: { serverSide, clientSide, burstMs, settledMs, non200, check } };
  } finally {
    await channel.stop(5000);
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
    redis.disconnect();
    await db.$disconnect();
    await pool.end();
    await rm(dataDir, { recursive: true, force: true });
    await dropBenchDatabase(dbUrl);
  }
}

type World = { users: { slackUserId: string; employeeId: number }[]; contacts: { id: number; number: string }[] };

async function seed(db: ReturnType<typeof createDb>): Promise<World> {
  const users: World['users'] = [];
  for (let i = 0; i < EMPLOYEES; i++) {
    const slackUserId = `UBENCH${String(i).padStart(4, '0')}`;
    const e = await db.employee.create({ data: { name: `Handlowiec ${i}`, email: `handlowiec${i}@bench.test`, slackUserId, locale: i % 2 ? 'en' : 'pl' } });
    users.push({ slackUserId, employeeId: e.id });
  }
  const companies = await Promise.all(Array.from({ length: 40 }, (_, i) => db.company.create({ data: { name: `Firma ${i} sp. z o.o.`, code: `F${i}` } })));
  const contacts: World['contacts'] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const owner = users[i % users.length]!;
    const c = await createContact(db, { employeeId: owner.employeeId, role: 'member', channel: 'cli' }, { companyId: companies[i % companies.length]!.id, title: `Oferta ${i}`, ownerId: owner.employeeId });
    contacts.push({ id: c.id, number: c.number });
  }
  return { users, contacts };
}

function buildCommands(world: World, count: number, tag: string, responseUrl: () => string, targets: World['contacts']): Command[] {
  return Array.from({ length: count }, (_, i) => {
    const contact = targets[i % targets.length]!;
    const user = world.users[i % world.users.length]!.slackUserId;
    const base = { user, triggerId: `${tag}.${i}.${Date.now()}`, responseUrl: responseUrl(), contactId: contact.id };
    // 50 % notes, 20 % deadlines, 10 % priority, 20 % cards: each write on its own contact.
    const slot = i % 10;
    if (slot < 5) return { ...base, kind: 'note', marker: `[${tag}-note-${i}]`, text: `note ${contact.number} telefon: [${tag}-note-${i}] klient prosi o ofertę` } as Command;
    if (slot < 7) return { ...base, kind: 'due', text: `due ${contact.number} jutro 15:00` } as Command;
    if (slot < 8) return { ...base, kind: 'priority', text: `priority ${contact.number} high` } as Command;
    return { ...base, kind: 'show', text: `show ${contact.number}` } as Command;
  });
}

async function checkEffects(pool: pg.Pool, fake: Awaited<ReturnType<typeof startFakeSlack>>, commands: Command[]) {
  const problems: string[] = [];
  const notes = commands.filter((c) => c.kind === 'note');
  const { rows: noteRows } = await pool.query<{ marker: string; n: number; contact: number }>(
    `SELECT m.marker, count(i.id)::int AS n, min(i."contactId") AS contact FROM unnest($1::text[]) AS m(marker)
     LEFT JOIN "Item" i ON i.type = 'note' AND i.source = 'slack' AND strpos(i.text, m.marker) > 0 GROUP BY m.marker`, [notes.map((c) => c.marker)]);
  for (const r of noteRows) if (r.n !== 1) problems.push(`note ${r.marker}: ${r.n} items`);
  const expectedDue = parseWhen('jutro 15:00', { timeZone: 'Europe/Warsaw' })!.at.toISOString();
  const dues = commands.filter((c) => c.kind === 'due');
  const prios = commands.filter((c) => c.kind === 'priority');
  const { rows: contactRows } = await pool.query<{ id: number; dueAt: Date | null; priority: string; changes: number }>(
    `SELECT c.id, c."dueAt", c.priority::text, (SELECT count(*)::int FROM "HistoryEntry" h WHERE h."contactId" = c.id AND h.channel = 'slack' AND h.action <> 'note added') AS changes
     FROM "Contact" c WHERE c.id = ANY($1::int[])`, [[...dues, ...prios].map((c) => c.contactId)]);
  const byId = new Map(contactRows.map((r) => [r.id, r]));
  for (const c of dues) {
    const row = byId.get(c.contactId);
    if (row?.dueAt?.toISOString() !== expectedDue) problems.push(`due on ${c.contactId}: ${row?.dueAt?.toISOString()} (expected ${expectedDue})`);
    if (row?.changes !== 1) problems.push(`due on ${c.contactId}: ${row?.changes} history entries`);
  }
  for (const c of prios) {
    const row = byId.get(c.contactId);
    if (row?.priority !== 'high') problems.push(`priority on ${c.contactId}: ${row?.priority}`);
    if (row?.changes !== 1) problems.push(`priority on ${c.contactId}: ${row?.changes} history entries`);
  }
  // One reply per command (its response_url), replays none.
  let replies = 0;
  for (const c of commands) {
    const n = fake.responsesTo(c.responseUrl).length;
    replies += n;
    if (n !== 1) problems.push(`${c.kind} ${c.triggerId}: ${n} replies`);
  }
  return { problems, summary: `${notes.length} notes, ${dues.length} deadlines, ${prios.length} priorities, ${commands.length - notes.length - dues.length - prios.length} cards; ${replies} replies for ${commands.length} commands` };
}
