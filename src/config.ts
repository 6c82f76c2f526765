// Every environment variable Kontakt reads, in one zod schema (documented in .env.example).
// Nothing else in the code reads process.env: main.ts and cli.ts call loadConfig() once and pass
// the result down.
import { z } from 'zod';

export const ROLE_NAMES = ['web', 'slack', 'mail', 'workers'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(v), {
    message: 'expected true/false (or 1/0, yes/no, on/off)',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

/** A comma-separated list, lower-cased ("firma.pl, biuro.firma.pl"). */
const list = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean));

const timeZone = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: v });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected an IANA time zone such as Europe/Warsaw' },
  );

/** The address in a From value ("Kontakt <kontakt@firma.pl>" or a bare address); null when there is none. */
export function mailFromAddress(value: string): string | null {
  const match = /^(?:[^<>]*<\s*([^<>\s@]+@[^<>\s@]+)\s*>|([^<>\s@]+@[^<>\s@]+))$/.exec(value.trim());
  return match ? (match[1] ?? match[2] ?? null) : null;
}

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgresql://postgres@127.0.0.1:5432/kontakt'),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: url(['http:', 'https:']).optional(),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DEMO_DATA: bool.default(false),
    ROLES: z
      .string()
      .trim()
      .default('all')
      .transform((v, ctx) => {
        if (v === 'all' || v === '') return [...ROLE_NAMES];
        const roles = v.split(',').map((r) => r.trim()).filter(Boolean);
        const unknown = roles.filter((r) => !(ROLE_NAMES as readonly string[]).includes(r));
        if (unknown.length > 0) {
          ctx.addIssue({ code: 'custom', message: `unknown role(s) ${unknown.join(', ')}; use all or a list of ${ROLE_NAMES.join(', ')}` });
          return z.NEVER;
        }
        return [...new Set(roles)] as RoleName[];
      }),
    /** Time zone of the company: decides the year and month in contact and document numbers. */
    TIME_ZONE: timeZone.default('Europe/Warsaw'),
    MAX_FILE_SIZE_MB: z.coerce.number().positive().max(2048).default(25),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** How often the workers look for reminders to plan and send (a job scheduler in Redis). */
    REMINDER_SCAN_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    /** The seller printed on sales documents. */
    SELLER_NAME: z.string().trim().max(200).default(''),
    SELLER_NIP: z.string().trim().max(20).default(''),
    SELLER_ADDRESS: z.string().trim().max(300).default(''),
    /** The contacts inbox read by the mail role (which runs only when IMAP_HOST is set). */
    IMAP_HOST: z.string().trim().optional(),
    IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
    IMAP_SECURE: bool.default(true),
    IMAP_USER: z.string().trim().default(''),
    IMAP_PASSWORD: z.string().default(''),
    IMAP_MAILBOX: z.string().trim().min(1).default('INBOX'),
    IMAP_PROCESSED_FOLDER: z.string().trim().min(1).default('Kontakt/Processed'),
    IMAP_FAILED_FOLDER: z.string().trim().min(1).default('Kontakt/Failed'),
    /** Polling interval where IDLE is missing, and the safety-net poll beside IDLE. */
    IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    /** Forwarders from these domains are accepted besides active employees (comma-separated). */
    MAIL_ALLOWED_DOMAINS: list,
    /** Fax gateways: sender addresses or domains whose mail is a fax (comma-separated). */
    MAIL_FAX_SENDERS: list,
    MAIL_MAX_MESSAGE_MB: z.coerce.number().positive().max(1024).default(50),
    MAIL_MAX_ATTACHMENTS: z.coerce.number().int().min(1).max(10_000).default(100),
    /** The Slack app (the slack role runs when both the signing secret and the bot token are set). */
    SLACK_SIGNING_SECRET: z.string().trim().optional(),
    SLACK_BOT_TOKEN: z.string().trim().optional(),
    /** An app-level token (xapp-…): Socket Mode instead of HTTP, for servers without a public URL. */
    SLACK_APP_TOKEN: z.string().trim().optional(),
    /** Base URL of Slack's Web API (tests and proxies); default https://slack.com/api/. */
    SLACK_API_URL: url(['http:', 'https:']).optional(),
    /** Outgoing mail (reminder e-mails): smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
    SMTP_URL: url(['smtp:', 'smtps:']).optional(),
    /** The From of Kontakt's e-mails; replies go here, so make it the contacts inbox the mail role reads. */
    MAIL_FROM: z
      .string()
      .trim()
      .refine((v) => mailFromAddress(v) !== null, { message: 'expected an address such as Kontakt <kontakt@firma.pl> or kontakt@firma.pl' })
      .optional(),
  })
  .superRefine((env, ctx) => {
    // A default sender (kontakt@localhost) would be refused or filtered by real relays, and
    // replies — filed on the contact by the mail ingester — would go nowhere.
    if (env.SMTP_URL && !env.MAIL_FROM) ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'required when SMTP_URL is set (use the contacts inbox, e.g. Kontakt <kontakty@firma.pl>)' });
  })
  .transform((env) => ({
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDir: env.DATA_DIR,
    demoData: env.DEMO_DATA,
    roles: env.ROLES,
    timeZone: env.TIME_ZONE,
    maxFileBytes: Math.floor(env.MAX_FILE_SIZE_MB * 1024 * 1024),
    logLevel: env.LOG_LEVEL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    reminderScanMs: env.REMINDER_SCAN_SECONDS * 1000,
    seller: { name: env.SELLER_NAME, nip: env.SELLER_NIP, address: env.SELLER_ADDRESS },
    /** Null when IMAP_HOST is unset: the mail role then stays off and says why. */
    imap: env.IMAP_HOST
      ? {
          host: env.IMAP_HOST, port: env.IMAP_PORT, secure: env.IMAP_SECURE, user: env.IMAP_USER, password: env.IMAP_PASSWORD,
          mailbox: env.IMAP_MAILBOX, processedFolder: env.IMAP_PROCESSED_FOLDER, failedFolder: env.IMAP_FAILED_FOLDER, pollSeconds: env.IMAP_POLL_SECONDS,
        }
      : null,
    mail: {
      allowedDomains: env.MAIL_ALLOWED_DOMAINS,
      faxSenders: env.MAIL_FAX_SENDERS,
      maxMessageBytes: Math.floor(env.MAIL_MAX_MESSAGE_MB * 1024 * 1024),
      maxAttachments: env.MAIL_MAX_ATTACHMENTS,
    },
    /** Null when the signing secret or the bot token is missing: the slack role then stays off and says why. */
    slack: env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN
      ? {
          signingSecret: env.SLACK_SIGNING_SECRET, botToken: env.SLACK_BOT_TOKEN,
          appToken: env.SLACK_APP_TOKEN ?? null, apiUrl: env.SLACK_API_URL ?? null,
        }
      : null,
    /** The bot token alone is enough to send (reminders, triage DMs) from a workers-only process. */
    slackBot: env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL ?? null } : null,
    /** Null when SMTP_URL is unset: reminders then go by Slack only (an e-mail one fails, saying why). */
    smtp: env.SMTP_URL && env.MAIL_FROM ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null,
  }));

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), message: issue.message })),
    );
  }
  return result.data;
}
