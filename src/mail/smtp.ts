// Outgoing mail over SMTP (nodemailer), configured by SMTP_URL and MAIL_FROM (config.smtp).
// Creating a mailer opens nothing: nodemailer connects on the first send, one connection per
// message (reminders are few; a pool would hold connections open between scans).
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { mailFromAddress } from '../config.ts';

/** config.smtp. */
export type SmtpConfig = { url: string; from: string };

/** One message; every address and header is ours except `to`, which comes from the employee. */
export type OutgoingMail = {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets; replaces nodemailer's random one. */
  messageId: string;
  /** Content-Language. */
  language?: string;
  headers?: Record<string, string>;
};

export type Mailer = {
  /** MAIL_FROM as configured ("Kontakt <kontakty@firma.pl>"). */
  from: string;
  /** The domain of MAIL_FROM's address: the right-hand side of our Message-IDs. */
  domain: string;
  /** Hands the message to the SMTP server; resolves with its Message-ID once the server accepted it. */
  sendMail(mail: OutgoingMail): Promise<{ messageId: string; accepted: string[]; response: string }>;
  close(): void;
};

/** Per-connection limits (shorter than nodemailer's minutes), so a hung server fails the job — it is retried — instead of holding a worker. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

export function createMailer(config: SmtpConfig): Mailer {
  const address = mailFromAddress(config.from);
  if (!address) throw new Error(`MAIL_FROM has no address: ${config.from}`);
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  // nodemailer's own reading of the URL: smtps: is TLS from the start, smtp: upgrades when the
  // server offers STARTTLS; query options (?tls.rejectUnauthorized=false, ?ignoreTLS=true) pass through.
  const transport = nodemailer.createTransport({ ...TIMEOUTS, ...parseConnectionUrl(config.url) });
  return {
    from: config.from,
    domain,
    sendMail: (mail) => sendMail(transport, config.from, mail),
    close: () => transport.close(),
  };
}

/** Sends one message through a nodemailer transport. */
export async function sendMail(transport: Transporter, from: string, mail: OutgoingMail): Promise<{ messageId: string; accepted: string[]; response: string }> {
  const info = await transport.sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.messageId}>`,
    headers: { ...(mail.language ? { 'Content-Language': mail.language } : {}), ...mail.headers },
  });
  return {
    messageId: String(info.messageId ?? '').replace(/^<|>$/g, '') || mail.messageId,
    accepted: ((info.accepted ?? []) as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address)),
    response: String(info.response ?? ''),
  };
}
