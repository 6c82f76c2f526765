// The mail benchmark (issue 4, "Benchmark"): 2,000 generated messages of about 150 KB — an
// employee forwarding a customer's mail (text + HTML + one PDF), as Gmail, Outlook (Polish, in
// windows-1250) and forward-as-attachment write it, some with a contact number in the subject,
// a few from customers nobody knows — measured three ways:
//   1. mailparser alone (simpleParser over the in-memory buffers, one after another, no storage);
//   2. end to end: the messages are APPENDed to a Dovecot started here while nothing reads it,
//      then the IMAP reader and the mail-route workers start (both in this process, as with
//      ROLES=all; BENCH_MAIL_WORKERS=child runs the workers in a child process instead) and the
//      clock runs until every MailMessage has its final status;
//   3. arrival to note through IDLE: with the reader idle, one message APPENDed every 200 ms and
//      the time from APPEND until its note exists (the database polled every 20 ms).
// It runs against its own database (kontakt_bench_mail, created from the migrations and dropped
// afterwards) with a few hundred companies, people and contacts seeded for routing, its own file
// store in a temp dir, its own BullMQ prefix and its own Dovecot, so it leaves nothing behind.
// Needs root (Dovecot drops privileges itself), PostgreSQL and Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { createDb, type Db } from '../../src/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { createFileStore, storeFiles, type FileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS, type IngestSettings } from '../../src/domain/mail/mail-settings.ts';
import { parseStoredSource } from '../../src/domain/mail/read-stored-mail.ts';
import { foldText } from '../../src/domain/shared/fold-text.ts';
import { bindEnqueue, createQueues } from '../../src/jobs/queues.ts';
import { createLogger } from '../../src/logger.ts';
import { createMailIngester } from '../../src/mail/imap-reader.ts';
import { startWorkers, type WorkersHandle } from '../../workers/index.ts';
import { encodedWord, pdfFromObjects, qp } from '../fixtures/mail/index.ts';
import { createDovecot, destroyDovecot, type DovecotServer } from '../helpers/dovecot.ts';
import { dropBenchDatabase } from './bench-env.ts';
import { COMPANY_NOUNS, FEMALE_FIRST_NAMES, INDUSTRIES, LEGAL_FORMS, MALE_FIRST_NAMES, NOTE_SENTENCES, OBJECTS, SURNAMES, TOPICS, WEEKDAYS, CITIES, feminineSurname } from './polish-words.ts';
import { createRandom, type Random } from './random.ts';
import { summarize, type Summary } from './stats.ts';

export const MAIL_TARGETS = { shareOfParseOnly: 0.5, arrivalP95Ms: 2000 } as const;
const MESSAGES = 2_000;
const LATENCY_MESSAGES = 50;
const LATENCY_SPACING_MS = 200;
const LATENCY_POLL_MS = 20;
const EMPLOYEES = 40; // 2,050 messages over 40 forwarders: ~51 each, under the flood limit of 120 an hour
const COMPANIES = 300;
const COMPANIES_WITHOUT_OPEN = 20;
const SEED = 4_2026;
const TIMEOUT_MS = 20 * 60_000;
const DATABASE = 'kontakt_bench_mail';
const CRLF = '\r\n';

/** A row of run.ts's table. */
export type MailRow = { name: string; summary: Summary; throughput?: number; target: string; pass: boolean | null; note?: string };

const noSummary = (count = 0): Summary => ({ count, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN });

// ---------------------------------------------------------------------------------------------
// Seeded routing data
// ---------------------------------------------------------------------------------------------

type Person = { name: string; email: string; companyId: number };
type World = {
  employees: { id: number; name: string; email: string }[];
  companies: { id: number; name: string; domain: string; hasOpen: boolean }[];
  people: Person[];
  /** Numbers of open contacts, for subjects that name one. */
  numbers: string[];
};

const personName = (r: Random) => {
  const female = r.chance(0.5);
  const surname = r.pick(SURNAMES);
  return `${r.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)} ${female ? feminineSurname(surname) : surname}`;
};
const localPart = (name: string) => foldText(name).replace(/[^a-z0-9]+/g, '.');

async function seedWorld(db: Db, r: Random): Promise<World> {
  const employees = Array.from({ length: EMPLOYEES }, (_, i) => {
    const name = personName(r);
    return { name, email: `${localPart(name)}.${i + 1}@kontakt-firma.example`, role: i === 0 ? ('admin' as const) : ('member' as const) };
  });
  await db.employee.createMany({ data: employees });
  const employeeRows = await db.employee.findMany({ select: { id: true, name: true, email: true }, orderBy: { id: 'asc' } });

  const companies = Array.from({ length: COMPANIES }, (_, i) => {
    const noun = r.pick(COMPANY_NOUNS);
    const industry = r.pick(INDUSTRIES);
    const domain = `${localPart(`${noun} ${industry}`).replace(/\./g, '-')}-${i + 1}.pl`;
    return { name: `${noun} ${industry} ${r.pick(LEGAL_FORMS)}`.trim(), code: `MB${String(i + 1).padStart(4, '0')}`, emailDomains: [domain], city: r.pick(CITIES) };
  });
  await db.company.createMany({ data: companies });
  const companyRows = await db.company.findMany({ select: { id: true, name: true, emailDomains: true }, orderBy: { id: 'asc' } });

  const people: Person[] = [];
  for (const company of companyRows) {
    for (let k = 0; k < 2; k++) {
      const name = personName(r);
      people.push({ name, email: `${localPart(name)}.${people.length + 1}@${company.emailDomains[0]}`, companyId: company.id });
    }
  }
  await db.person.createMany({ data: people.map((p) => ({ companyId: p.companyId, name: p.name, email: p.email })) });

  const numbers: string[] = [];
  const world: World = { employees: employeeRows, companies: [], people, numbers };
  for (const [i, company] of companyRows.entries()) {
    const hasOpen = i >= COMPANIES_WITHOUT_OPEN;
    world.companies.push({ id: company.id, name: company.name, domain: company.emailDomains[0]!, hasOpen });
    const owner = r.pick(employeeRows);
    const actor = { employeeId: owner.id, role: 'member', channel: 'api' } as const;
    const count = hasOpen ? r.int(1, 4) : 1;
    for (let k = 0; k < count; k++) {
      const title = `${r.pick(['Dostawa', 'Serwis', 'Wycena', 'Reklamacja', 'Montaż'])} ${r.pick(OBJECTS)}`;
      const dueAt = r.chance(0.7) ? new Date(Date.now() + r.int(-10, 60) * 86_400_000) : undefined;
      const contact = await createContact(db, actor, { companyId: company.id, title, dueAt, ownerId: r.chance(0.8) ? owner.id : r.pick(employeeRows).id });
      if (hasOpen) numbers.push(contact.number);
      else await db.contact.update({ where: { id: contact.id }, data: { status: 'closed', closedAt: new Date(), outcome: 'lost' } });
    }
  }
  return world;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export type Variant = 'gmail' | 'outlook-pl' | 'attached' | 'number-in-subject' | 'unknown-sender' | 'no-open-contact';
export type BenchMessage = { raw: Buffer; messageId: string; variant: Variant };

const VARIANTS: readonly (readonly [Variant, number])[] = [
  ['gmail', 34], ['outlook-pl', 24], ['attached', 20], ['number-in-subject', 14], ['unknown-sender', 5], ['no-open-contact', 3],
];

function sentence(r: Random, customer: string): string {
  return r.pick(NOTE_SENTENCES)
    .replace('{person}', customer).replace('{object}', r.pick(OBJECTS)).replace('{topic2}', r.pick(TOPICS)).replace('{topic}', r.pick(TOPICS))
    .replace('{city}', r.pick(CITIES)).replace('{day}', r.pick(WEEKDAYS)).replace('{n}', String(r.int(2, 95))).replace('{code}', `ZAM/${r.int(1000, 9999)}`);
}

/** Paragraphs of the customer's letter: about `chars` characters. */
function letter(r: Random, customer: string, chars: number): string[] {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const p = Array.from({ length: r.int(3, 7) }, () => sentence(r, customer)).join(' ');
    paragraphs.push(p);
    length += p.length + 2;
  }
  return paragraphs;
}

/** A text-only PDF of about `bytes` (uncompressed content streams, one page per ~3 KB), unique per message. */
function pdfDocument(r: Random, title: string, bytes: number): Buffer {
  const pages: string[] = [];
  let size = 0;
  while (size < bytes) {
    const lines = [`BT /F1 11 Tf 50 800 Td 14 TL (${title.replace(/[()\\]/g, '')}) Tj`];
    for (let i = 0; i < 48; i++) lines.push(`T* (${foldText(sentence(r, 'Klient')).replace(/[()\\]/g, '')} ${r.int(100000, 999999)}) Tj`);
    lines.push('ET');
    const stream = lines.join('\n');
    pages.push(stream);
    size += stream.length + 200;
  }
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids: string[] = [];
  for (const stream of pages) {
    const contentId = objects.length + 2;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
    objects.push(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return pdfFromObjects(objects);
}

const base64Lines = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, `$&${CRLF}`);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/** An HTML body as mail clients write it: inline styles, a signature table, the paragraphs. */
function htmlBody(intro: string, header: string[], paragraphs: string[], sender: string): string {
  const style = 'font-family:Calibri,Arial,sans-serif;font-size:11pt;color:#1f1f1f;margin:0 0 8px 0;line-height:1.35';
  return [
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>p.MsoNormal{margin:0}</style></head><body lang="PL">',
    `<div class="WordSection1"><p class="MsoNormal" style="${style}">${escapeHtml(intro)}</p>`,
    '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">',
    `<p class="MsoNormal" style="${style}">${header.map((h) => escapeHtml(h)).join('<br>\n')}</p></div>`,
    ...paragraphs.map((p) => `<p class="MsoNormal" style="${style}"><span style="font-size:11.0pt;mso-fareast-language:PL">${escapeHtml(p)}</span></p>`),
    `<table style="border-collapse:collapse;margin-top:12px"><tr><td style="padding:4px 8px;border-left:3px solid #0a5">${escapeHtml(sender)}<br><span style="color:#777">Dział zakupów</span></td></tr></table>`,
    '</div></body></html>',
  ].join('\n');
}

/** Builds `count` messages deterministically; `first` offsets Message-IDs and forwarders. */
export function buildMessages(world: World, count: number, seed: number, first = 0, only?: Variant): BenchMessage[] {
  const r = createRandom(seed);
  const known = world.people.filter((p) => world.companies.find((c) => c.id === p.companyId)!.hasOpen);
  const closedOnly = world.people.filter((p) => !world.companies.find((c) => c.id === p.companyId)!.hasOpen);
  const openCompanies = world.companies.filter((c) => c.hasOpen);
  const messages: BenchMessage[] = [];
  for (let n = first; n < first + count; n++) {
    const weighted = r.weighted(VARIANTS);
    const variant = only ?? weighted;
    const forwarder = world.employees[n % world.employees.length]!;
    let customer: { name: string; email: string };
    if (variant === 'unknown-sender') {
      const name = personName(r);
      customer = { name, email: `${localPart(name)}${r.int(1, 99)}@poczta-prywatna.example` };
    } else if (variant === 'no-open-contact') customer = r.pick(closedOnly);
    else if (variant === 'outlook-pl') {
      // Not a known person: only the company's e-mail domain routes it.
      const company = r.pick(openCompanies);
      const name = personName(r);
      customer = { name, email: `${localPart(name)}@${company.domain}` };
    } else customer = r.pick(known);
    const topic = `${r.pick(['Zapytanie', 'Reklamacja', 'Zamówienie', 'Oferta', 'Serwis', 'Faktura'])} ${r.pick(OBJECTS)} ${r.int(10, 999)}`;
    const subject = variant === 'number-in-subject' ? `[${r.pick(world.numbers)}] ${topic}` : topic;
    const sent = new Date(Date.UTC(2026, 2, 1 + (n % 28), 7 + (n % 10), n % 60));
    const forwardedAt = new Date(sent.getTime() + r.int(5, 240) * 60_000);
    const messageId = `bench-${n}.${r.int(100000, 999999)}@kontakt-firma.example`;
    const intro = r.pick(['Proszę dopisać do sprawy.', 'Do sprawy klienta, proszę o wpis.', 'Przesyłam dalej – pilne.', 'FYI, klient czeka na odpowiedź.']);
    const paragraphs = ['Dzień dobry,', ...letter(r, customer.name, r.int(6_000, 9_000)), `Z poważaniem\n${customer.name}`];
    const pdf = pdfDocument(r, `${topic} / ${customer.name} / ${n}`, r.int(72_000, 90_000));
    const pdfName = `${foldText(topic).replace(/[^a-z0-9]+/g, '-')}.pdf`;
    const envelope = [
      'Return-Path: <' + forwarder.email + '>',
      'Delivered-To: kontakty@kontakt-firma.example',
      `From: ${encodedWord(forwarder.name, 'utf-8')} <${forwarder.email}>`,
      'To: kontakty@kontakt-firma.example',
      `Subject: ${encodedWord(`${variant === 'outlook-pl' ? 'PD' : 'Fwd'}: ${subject}`, 'utf-8')}`,
      `Date: ${rfc2822(forwardedAt)}`,
      `Message-ID: <${messageId}>`,
      ...(r.chance(0.3) ? [`In-Reply-To: <thread-${r.int(1, 5000)}@${customer.email.split('@')[1]}>`] : []),
      'MIME-Version: 1.0',
    ];
    const pdfPart = (boundary: string) => [
      `--${boundary}`, `Content-Type: application/pdf; name="${pdfName}"`, `Content-Disposition: attachment; filename="${pdfName}"`, 'Content-Transfer-Encoding: base64', '', base64Lines(pdf),
    ].join(CRLF);
    const alternative = (boundary: string, text: string, html: string, charset: string, encode: (s: string) => Buffer) => [
      `Content-Type: multipart/alternative; boundary="${boundary}"`, '', `--${boundary}`, `Content-Type: text/plain; charset="${charset}"`, 'Content-Transfer-Encoding: quoted-printable', '',
      qp(encode(text)), `--${boundary}`, `Content-Type: text/html; charset="${charset}"`, 'Content-Transfer-Encoding: quoted-printable', '', qp(encode(html)), `--${boundary}--`, '',
    ].join(CRLF);
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    const mixed = `mixed-${n}-${r.int(1e5, 1e6)}`;
    const alt = `alt-${n}-${r.int(1e5, 1e6)}`;
    const body = paragraphs.join('\n\n');
    let raw: Buffer;
    if (variant === 'attached') {
      // Outlook's "forward as attachment": the customer's message, with its PDF, as message/rfc822.
      const inner = [
        `From: ${encodedWord(customer.name, 'utf-8')} <${customer.email}>`, `To: ${encodedWord(forwarder.name, 'utf-8')} <${forwarder.email}>`,
        `Subject: ${encodedWord(subject, 'utf-8')}`, `Date: ${rfc2822(sent)}`, `Message-ID: <orig-${n}@${customer.email.split('@')[1]}>`, 'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${mixed}-in"`, '', `--${mixed}-in`,
        alternative(`${alt}-in`, body, htmlBody('', [], paragraphs, customer.name), 'utf-8', utf8), pdfPart(`${mixed}-in`), `--${mixed}-in--`, '',
      ].join(CRLF);
      raw = Buffer.from([
        ...envelope, `Content-Type: multipart/mixed; boundary="${mixed}"`, '', `--${mixed}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', intro,
        `--${mixed}`, `Content-Type: message/rfc822; name="${pdfName.replace('.pdf', '.eml')}"`, `Content-Disposition: attachment; filename="${pdfName.replace('.pdf', '.eml')}"`, '',
        inner, `--${mixed}--`, '',
      ].join(CRLF), 'utf8');
    } else {
      const outlook = variant === 'outlook-pl';
      const header = outlook
        ? [`Od: ${customer.name} <${customer.email}>`, `Wysłane: ${r.pick(WEEKDAYS)}, ${sent.getUTCDate()} marca 2026 ${sent.getUTCHours()}:${String(sent.getUTCMinutes()).padStart(2, '0')}`, `Do: ${forwarder.name} <${forwarder.email}>`, `Temat: ${subject}`]
        : ['---------- Forwarded message ---------', `From: ${customer.name} <${customer.email}>`, `Date: ${rfc2822(sent)}`, `Subject: ${subject}`, `To: <${forwarder.email}>`];
      const text = [intro, '', outlook ? '________________________________' : '', ...header, '', body, ''].join('\n');
      const html = htmlBody(intro, header, paragraphs, customer.name);
      const charset = outlook ? 'windows-1250' : 'utf-8';
      const encode = outlook ? (s: string) => Buffer.from(s.replace(/[^\x00-\x7f]/g, (c) => FOLD_1250[c] ?? c), 'latin1') : utf8;
      raw = Buffer.from([...envelope, `Content-Type: multipart/mixed; boundary="${mixed}"`, '', `--${mixed}`, alternative(alt, text, html, charset, encode), pdfPart(mixed), `--${mixed}--`, ''].join(CRLF), 'utf8');
    }
    messages.push({ raw, messageId, variant });
  }
  return messages;
}

/** Polish letters in windows-1250, written as latin1 code units. */
const FOLD_1250: Record<string, string> = Object.fromEntries(
  [...'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ–'].map((c, i) => [c, String.fromCharCode([0xb9, 0xe6, 0xea, 0xb3, 0xf1, 0xf3, 0x9c, 0x9f, 0xbf, 0xa5, 0xc6, 0xca, 0xa3, 0xd1, 0xd3, 0x8c, 0x8f, 0xaf, 0x96][i]!)]),
);

// ---------------------------------------------------------------------------------------------
// The measurements
// ---------------------------------------------------------------------------------------------

/** mailparser alone, with the options parse-mail.ts gives it, over buffers in memory. */
async function parseOnly(messages: BenchMessage[]): Promise<{ ms: number; perSecond: number; perMessage: Summary }> {
  const options = { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: DEFAULT_MAIL_SETTINGS.limits.maxHtmlChars } as const;
  for (const m of messages.slice(0, 100)) await simpleParser(m.raw, options); // warm-up
  const each: number[] = [];
  const start = performance.now();
  for (const m of messages) {
    const t = performance.now();
    const parsed = await simpleParser(m.raw, options);
    if (!parsed.attachments.length) throw new Error(`parse-only: no attachment in ${m.messageId}`);
    each.push(performance.now() - t);
  }
  const ms = performance.now() - start;
  return { ms, perSecond: (messages.length / ms) * 1000, perMessage: summarize(each) };
}

type Pipeline = { workers: 'in-process' | 'child process'; concurrency: number; stop(): Promise<void> };

/** The mail-route workers' concurrency: BENCH_MAIL_CONCURRENCY, else the workers' default (4). */
const workerConcurrency = () => Number(process.env.BENCH_MAIL_CONCURRENCY ?? 0) || 4;

async function startPipeline(o: { db: Db; url: string; redisUrl: string; store: FileStore; dovecot: DovecotServer; prefix: string; settings: IngestSettings }): Promise<Pipeline & { redis: Redis }> {
  const logger = createLogger((process.env.BENCH_MAIL_LOG ?? 'silent') as 'silent');
  const concurrency = workerConcurrency();
  const redis = new Redis(o.redisUrl);
  const queues = createQueues(o.redisUrl, { prefix: o.prefix });
  let workers: WorkersHandle | null = null;
  let child: ChildProcess | null = null;
  if (process.env.BENCH_MAIL_WORKERS === 'child') {
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    child = spawn(process.execPath, [...profile, '--import', 'tsx', import.meta.filename, '--workers-child'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_MAIL_CHILD: JSON.stringify({ url: o.url, redisUrl: o.redisUrl, dataDir: o.store.dataDir, maxFileBytes: o.store.maxFileBytes, prefix: o.prefix, concurrency }) },
    });
    await new Promise<void>((resolve, reject) => {
      child!.once('message', () => resolve());
      child!.once('exit', (code) => reject(new Error(`workers child exited with ${code}`)));
    });
  } else {
    workers = await startWorkers({ db: o.db, store: o.store, redisUrl: o.redisUrl, settings: o.settings, logger, prefix: o.prefix, concurrency });
  }
  const reader = createMailIngester({
    db: o.db, redis, store: o.store, imap: o.dovecot.imapConfig({ pollSeconds: 60 }), mailSettings: { maxMessageBytes: o.settings.limits.maxMessageBytes },
    enqueue: bindEnqueue(queues), logger,
  });
  await reader.start();
  return {
    workers: child ? 'child process' : 'in-process',
    concurrency,
    redis,
    async stop() {
      await reader.stop();
      if (workers) await workers.close(5000);
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.send('stop');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await queues.get('mail-route').obliterate({ force: true }).catch(() => undefined);
      await queues.close();
      redis.disconnect();
    },
  };
}

/** The workers in a child process (BENCH_MAIL_WORKERS=child): started by startPipeline. */
async function workersChild() {
  const o = JSON.parse(process.env.BENCH_MAIL_CHILD!) as { url: string; redisUrl: string; dataDir: string; maxFileBytes: number; prefix: string; concurrency?: number };
  const db = createDb(o.url);
  const logger = createLogger((process.env.BENCH_MAIL_LOG ?? 'silent') as 'silent');
  const handle = await startWorkers({ db, store: createFileStore({ dataDir: o.dataDir, maxFileBytes: o.maxFileBytes }), redisUrl: o.redisUrl, settings: DEFAULT_MAIL_SETTINGS, logger, prefix: o.prefix, concurrency: o.concurrency });
  process.send!('ready');
  process.on('message', async () => {
    await handle.close(5000);
    await db.$disconnect();
    process.exit(0);
  });
}

async function appendAll(dovecot: DovecotServer, messages: BenchMessage[]): Promise<number> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, disableAutoIdle: true });
  client.on('error', () => {});
  await client.connect();
  const start = performance.now();
  try {
    for (const m of messages) await client.append('INBOX', m.raw);
  } finally {
    await client.logout().catch(() => client.close());
  }
  return performance.now() - start;
}

/**
 * The floor of any IMAP ingester, for information: the same messages fetched from Dovecot 32 per
 * FETCH as the reader does (nothing stored), then fetched and parsed with mailparser one after the
 * other in one process (nothing stored, nothing filed). Every message has to pass both steps.
 * Then the floor of this issue's ingester: fetched, the raw source stored (storeFiles) and parsed
 * by parse-mail.ts — attachments streamed into the file store, HTML sanitized, the forward found,
 * all of which the issue requires before a message can be routed — with no record, no job, no
 * routing and no filing, as many at once as the workers take (each FETCH's 32 in that many lanes),
 * in one process. It uses its own file store;
 * its StoredFile rows are deleted afterwards, so the end-to-end run starts from none.
 */
async function fetchFloor(dovecot: DovecotServer, total: number, concurrency: number, ours: { db: Db; settings: IngestSettings }): Promise<{ fetchPerSecond: number; fetchAndParsePerSecond: number; storeAndParseMailPerSecond: number }> {
  const floorStore = createFileStore({ dataDir: await mkdtemp(path.join(os.tmpdir(), 'kontakt-bench-mail-floor-')), maxFileBytes: 2 * ours.settings.limits.maxMessageBytes });
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, disableAutoIdle: true });
  client.on('error', () => {});
  await client.connect();
  const options = { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: DEFAULT_MAIL_SETTINGS.limits.maxHtmlChars } as const;
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const run = async (handle: (source: Buffer) => Promise<unknown>, lanes = 1) => {
      const start = performance.now();
      let seen = 0;
      for (let first = 1; first <= total; first += 32) {
        const fetched = await client.fetchAll(`${first}:${Math.min(total, first + 31)}`, { source: true });
        let next = 0;
        const lane = async () => {
          while (next < fetched.length) {
            const m = fetched[next++]!;
            if (!m.source?.length) throw new Error('fetch floor: a message came without its source');
            await handle(m.source);
            seen++;
          }
        };
        await Promise.all(Array.from({ length: lanes }, lane));
      }
      if (seen !== total) throw new Error(`fetch floor: ${seen} of ${total} messages fetched`);
      return (total / (performance.now() - start)) * 1000;
    };
    const fetchPerSecond = await run(async () => undefined);
    const fetchAndParsePerSecond = await run((source) => simpleParser(source, options));
    const storeAndParseMailPerSecond = await run(async (source) => {
      const [raw] = await storeFiles(ours.db, floorStore, [{ stream: source, fileName: 'message.eml' }]);
      const parsed = await parseStoredSource(ours.db, floorStore, raw!.storedFile.sha256, ours.settings);
      if (parsed.attachments.length === 0 || parsed.problems.length > 0) throw new Error(`fetch floor: parse-mail.ts found ${parsed.attachments.length} attachments, problems: ${parsed.problems.join('; ')}`);
    }, concurrency);
    return { fetchPerSecond, fetchAndParsePerSecond, storeAndParseMailPerSecond };
  } finally {
    await client.logout().catch(() => client.close());
    await ours.db.$executeRaw`DELETE FROM "StoredFile"`;
    await rm(floorStore.dataDir, { recursive: true, force: true });
  }
}

export type MailBenchResult = {
  rows: MailRow[];
  details: Record<string, unknown>;
};

export async function benchMail(options: { serverUrl: string; redisUrl: string; log: (m: string) => void; messages?: number; latencyMessages?: number }): Promise<MailBenchResult> {
  const { log } = options;
  const total = options.messages ?? (Number(process.env.BENCH_MAIL_MESSAGES) || MESSAGES);
  const latencyCount = options.latencyMessages ?? LATENCY_MESSAGES;
  const url = new URL(options.serverUrl);
  url.pathname = `/${DATABASE}`;
  const dbUrl = url.toString();
  const prefix = `kt-bench-mail-${process.pid}-${Date.now()}`;
  const settings: IngestSettings = DEFAULT_MAIL_SETTINGS;
  log(`mail: fresh database ${DATABASE} from the migrations …`);
  await dropBenchDatabase(dbUrl);
  await migrate(dbUrl);
  const db = createDb(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-bench-mail-'));
  const store = createFileStore({ dataDir, maxFileBytes: 2 * settings.limits.maxMessageBytes });
  let dovecot: DovecotServer | undefined;
  let pipeline: Awaited<ReturnType<typeof startPipeline>> | undefined;
  try {
    const seedStart = performance.now();
    const world = await seedWorld(db, createRandom(SEED));
    log(`mail: seeded ${world.employees.length} employees, ${world.companies.length} companies, ${world.people.length} people, ${world.numbers.length} open contacts (${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);

    const buildStart = performance.now();
    const messages = buildMessages(world, total, SEED + 1);
    const latencyMessages = buildMessages(world, latencyCount, SEED + 2, total, 'gmail'); // all filed: a note to wait for
    const bytes = messages.reduce((s, m) => s + m.raw.length, 0);
    const variants = Object.fromEntries(VARIANTS.map(([v]) => [v, messages.filter((m) => m.variant === v).length]));
    log(`mail: built ${total} messages, ${(bytes / total / 1024).toFixed(0)} KiB on average (${(bytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - buildStart) / 1000).toFixed(1)} s`);

    log(`mail: mailparser parse-only over the ${total} buffers …`);
    const parse = await parseOnly(messages);

    dovecot = await createDovecot({ user: 'kontakty' });
    await dovecot.start();
    log(`mail: APPENDing ${total} messages to Dovecot (nothing reads the inbox yet) …`);
    const appendMs = await appendAll(dovecot, messages);

    log('mail: the floor — the same messages fetched only, then fetched and parsed, in one process …');
    const floor = await fetchFloor(dovecot, total, workerConcurrency(), { db, settings });
    log(`  fetch only ${floor.fetchPerSecond.toFixed(0)}/s; fetch and parse ${floor.fetchAndParsePerSecond.toFixed(0)}/s; fetch, store raw and parse-mail.ts ${floor.storeAndParseMailPerSecond.toFixed(0)}/s`);

    log('mail: end to end — reader + workers until every message has its final status …');
    const profiler = process.env.BENCH_MAIL_PROFILE ? await startProfiler() : null;
    const statements = process.env.BENCH_MAIL_COUNT_SQL ? countStatements() : null;
    const cpuAtStart = process.cpuUsage();
    const machineAtStart = machineCpu();
    const start = performance.now();
    pipeline = await startPipeline({ db, url: dbUrl, redisUrl: options.redisUrl, store, dovecot, prefix, settings });
    let storedMs: number | null = null;
    let lastLog = start;
    for (;;) {
      const { rows: [c] } = await pool.query<{ stored: number; final: number }>(`SELECT count(*)::int AS stored, count(*) FILTER (WHERE status <> 'received')::int AS final FROM "MailMessage"`);
      const now = performance.now();
      if (storedMs === null && c!.stored >= total) storedMs = now - start;
      if (c!.final >= total) break;
      if (now - start > TIMEOUT_MS) throw new Error(`mail: only ${c!.final} of ${total} messages had a final status after ${TIMEOUT_MS / 60_000} minutes`);
      if (now - lastLog > 10_000) {
        log(`  ${((now - start) / 1000).toFixed(0)} s: ${c!.stored} stored, ${c!.final} with a final status`);
        lastLog = now;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const endToEndMs = performance.now() - start;
    const machine = machineCpu(machineAtStart);
    // CPU of this process per message (user + system): steadier than the rate on a shared machine.
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / total;
    if (statements) log(`mail: SQL statements per message (this process):\n${statements.stop(total)}`);
    if (profiler) log(`mail: CPU profile of the end-to-end run written to ${await profiler.stop(process.env.BENCH_MAIL_PROFILE!)}`);
    const { rows: statusRows } = await pool.query<{ status: string; n: number }>(`SELECT status::text, count(*)::int AS n FROM "MailMessage" GROUP BY 1 ORDER BY 2 DESC`);
    const statuses = Object.fromEntries(statusRows.map((s) => [s.status, s.n]));
    const { rows: [items] } = await pool.query<{ notes: number; files: number }>(`SELECT count(*) FILTER (WHERE type = 'note')::int AS notes, count(*) FILTER (WHERE type = 'file')::int AS files FROM "Item" WHERE source = 'email'`);
    const { rows: reasons } = await pool.query<{ status: string; reason: string; n: number }>(
      `SELECT status::text, regexp_replace(reason, '[0-9]+', 'N', 'g') AS reason, count(*)::int AS n FROM "MailMessage" WHERE status <> 'filed' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 8`,
    );
    const until = async (what: string, fn: () => Promise<boolean>, ms = 120_000) => {
      const t = performance.now();
      while (!(await fn())) {
        if (performance.now() - t > ms) throw new Error(`mail: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await until('the reader to move every message out of the inbox', async () => (await pool.query(`SELECT 1 FROM "MailMessage" WHERE "movedAt" IS NULL LIMIT 1`)).rowCount === 0);
    const movedMs = performance.now() - start;
    const perSecond = (total / endToEndMs) * 1000;
    log(`  ${total} with a final status in ${(endToEndMs / 1000).toFixed(1)} s (${perSecond.toFixed(1)}/s, ${cpuMsPerMessage.toFixed(1)} ms of this process's CPU per message); all moved out of INBOX after ${(movedMs / 1000).toFixed(1)} s`);
    log(`  the machine's ${machine.cores} cores were ${(machine.busyShare * 100).toFixed(0)} % busy meanwhile: ${(machine.busyMs / total).toFixed(1)} ms of CPU per message in all processes (PostgreSQL, Dovecot, Redis, Node)`);

    log(`mail: arrival to note through IDLE — ${latencyCount} messages, one every ${LATENCY_SPACING_MS} ms …`);
    await new Promise((r) => setTimeout(r, 1500)); // let the reader settle into IDLE
    const latency = await arrivalToNote(dovecot, pool, latencyMessages);

    const share = perSecond / parse.perSecond;
    const rows: MailRow[] = [
      { name: `mail: mailparser parse-only (${total} × ${(bytes / total / 1024).toFixed(0)} KiB, in memory)`, summary: parse.perMessage, throughput: parse.perSecond, target: '—', pass: null, note: `${(parse.ms / 1000).toFixed(1)} s, one at a time` },
      {
        name: `mail: IMAP → final status, end to end (workers ${pipeline.workers}, concurrency ${pipeline.concurrency})`, summary: noSummary(total), throughput: perSecond,
        target: `≥ ${MAIL_TARGETS.shareOfParseOnly * 100}% of parse-only`, pass: share >= MAIL_TARGETS.shareOfParseOnly && (statuses.filed ?? 0) > total / 2,
        note: `${(share * 100).toFixed(0)}% of parse-only, ${(endToEndMs / 1000).toFixed(1)} s, ${cpuMsPerMessage.toFixed(1)} ms CPU/msg${pipeline.workers === 'child process' ? ' (reader only)' : ''}; ${statusRows.map((s) => `${s.n} ${s.status}`).join(', ')}`,
      },
      {
        name: 'mail: floor — IMAP FETCH only (32 a command, nothing stored)', summary: noSummary(total), throughput: floor.fetchPerSecond, target: '—', pass: null,
        note: `${((floor.fetchPerSecond / parse.perSecond) * 100).toFixed(0)}% of parse-only`,
      },
      {
        name: 'mail: floor — FETCH then parse, one process (nothing stored or filed)', summary: noSummary(total), throughput: floor.fetchAndParsePerSecond, target: '—', pass: null,
        note: `${((floor.fetchAndParsePerSecond / parse.perSecond) * 100).toFixed(0)}% of parse-only`,
      },
      {
        name: `mail: floor — FETCH, store raw, parse-mail.ts (attachments stored, HTML sanitized, forward found), ${workerConcurrency()} at once, not filed`, summary: noSummary(total),
        throughput: floor.storeAndParseMailPerSecond, target: '—', pass: null,
        note: `${((floor.storeAndParseMailPerSecond / parse.perSecond) * 100).toFixed(0)}% of parse-only`,
      },
      {
        name: 'mail: APPEND → note through IDLE', summary: latency.summary, target: `p95 < ${MAIL_TARGETS.arrivalP95Ms} ms`,
        pass: latency.missing === 0 && latency.summary.p95 < MAIL_TARGETS.arrivalP95Ms, note: latency.missing ? `${latency.missing} notes never appeared` : undefined,
      },
    ];
    return {
      rows,
      details: {
        database: `${DATABASE} (fresh from the migrations, dropped afterwards)`, workers: pipeline.workers, concurrency: pipeline.concurrency,
        messages: total, averageBytes: bytes / total, variants, parseOnly: parse, appendMs, floor,
        endToEnd: { ms: endToEndMs, perSecond, cpuMsPerMessage, machineCpuMsPerMessage: machine.busyMs / total, machineBusyShare: machine.busyShare, allStoredMs: storedMs, allMovedMs: movedMs, statuses, items, reasons, shareOfParseOnly: share },
        arrivalToNote: latency,
      },
    };
  } finally {
    await pipeline?.stop().catch((e: Error) => log(`mail: stopping the pipeline failed: ${e.message}`));
    await destroyDovecot(dovecot).catch(() => undefined);
    await db.$disconnect();
    await pool.end();
    await dropBenchDatabase(dbUrl).catch((e: Error) => log(`mail: could not drop ${DATABASE}: ${e.message}`));
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The machine's CPU time so far (all processes), or since `since`, with how busy its cores were. */
function machineCpu(since?: { busyMs: number; idleMs: number }): { busyMs: number; idleMs: number; busyShare: number; cores: number } {
  const cpus = os.cpus();
  let busyMs = 0;
  let idleMs = 0;
  for (const { times } of cpus) {
    busyMs += times.user + times.nice + times.sys + times.irq;
    idleMs += times.idle;
  }
  if (since) {
    busyMs -= since.busyMs;
    idleMs -= since.idleMs;
  }
  return { busyMs, idleMs, busyShare: busyMs / Math.max(1, busyMs + idleMs), cores: cpus.length };
}

/** BENCH_MAIL_COUNT_SQL=1: counts the statements node-postgres sends from this process, by their start. */
function countStatements(): { stop(messages: number): string } {
  const original = pg.Client.prototype.query;
  const counts = new Map<string, number>();
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    const text = (typeof config === 'string' ? config : config?.text ?? '').replace(/\s+/g, ' ').slice(0, 90);
    counts.set(text, (counts.get(text) ?? 0) + 1);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    stop(messages) {
      pg.Client.prototype.query = original;
      const rows = [...counts].sort((a, b) => b[1] - a[1]);
      const all = rows.reduce((s, [, n]) => s + n, 0);
      return [`  ${(all / messages).toFixed(1)} in all`, ...rows.slice(0, 30).map(([t, n]) => `  ${(n / messages).toFixed(2).padStart(6)}  ${t}`)].join('\n');
    },
  };
}

/**
 * BENCH_MAIL_PROFILE=file.cpuprofile: this process's CPU profile of the end-to-end run (open it in
 * Chrome's DevTools); with BENCH_MAIL_WORKERS=child, BENCH_CPU_PROF=<dir> profiles the workers' process.
 */
async function startProfiler(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      return path.resolve(file);
    },
  };
}

/** APPENDs one message every LATENCY_SPACING_MS and times each until its note exists. */
async function arrivalToNote(dovecot: DovecotServer, pool: pg.Pool, messages: BenchMessage[]): Promise<{ summary: Summary; missing: number; samples: number[] }> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, disableAutoIdle: true });
  client.on('error', () => {});
  await client.connect();
  const pending = new Map<string, number>();
  const samples: number[] = [];
  let appending = true;
  const poller = (async () => {
    const deadline = () => performance.now() + 30_000;
    let giveUpAt = deadline();
    while (appending || (pending.size > 0 && performance.now() < giveUpAt)) {
      if (pending.size > 0) {
        const { rows } = await pool.query<{ ref: string }>(`SELECT "sourceRef" AS ref FROM "Item" WHERE source = 'email' AND type = 'note' AND "sourceRef" = ANY($1::text[])`, [[...pending.keys()]]);
        const now = performance.now();
        for (const { ref } of rows) {
          samples.push(now - pending.get(ref)!);
          pending.delete(ref);
        }
      }
      if (appending) giveUpAt = deadline();
      await new Promise((r) => setTimeout(r, LATENCY_POLL_MS));
    }
  })();
  try {
    const start = performance.now();
    for (const [i, m] of messages.entries()) {
      const due = start + i * LATENCY_SPACING_MS;
      if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      pending.set(m.messageId, performance.now());
      await client.append('INBOX', m.raw);
    }
  } finally {
    appending = false;
    await poller;
    await client.logout().catch(() => client.close());
  }
  return { summary: summarize(samples), missing: pending.size, samples };
}

if (process.argv.includes('--workers-child')) await workersChild();
