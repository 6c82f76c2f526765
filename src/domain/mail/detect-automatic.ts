// Mail no person wrote: auto-replies, bounces (DSNs) and list traffic. Such mail is kept and
// marked ignored, never routed — filing an out-of-office reply as a note, or answering it, is how
// mail loops start. Headers decide (RFC 3834 Auto-Submitted, RFC 3464 DSNs, RFC 2369/2919 List-*,
// the de-facto Precedence and X-Autoreply family); the header that decided is reported.
import type { ParsedMail } from './parsed-mail.ts';

export type AutomaticMail = NonNullable<ParsedMail['automatic']>;

export type AutomaticInput = {
  /** Raw header lines of the top-level message: lower-case name and the unparsed line. */
  headerLines: ReadonlyArray<{ key: string; line: string }>;
  /** Top-level Content-Type value and its report-type parameter. */
  contentType: string;
  reportType: string | null;
  /** Every MIME content type seen anywhere in the message. */
  partTypes: ReadonlySet<string>;
  fromAddress: string | null;
};

/** The value of a raw header line: unfolded, without its name. */
function headerValue(line: string): string {
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

export function detectAutomatic(input: AutomaticInput): AutomaticMail | null {
  const header = (name: string): string | null => {
    const found = input.headerLines.find((h) => h.key === name);
    return found ? headerValue(found.line) : null;
  };
  const contentType = input.contentType.toLowerCase();
  const reportType = (input.reportType ?? '').toLowerCase();
  const local = (input.fromAddress ?? '').split('@')[0]!.toLowerCase();

  // Bounces first: a DSN often also carries Auto-Submitted: auto-replied.
  if (contentType === 'multipart/report' && reportType === 'delivery-status') return { kind: 'bounce', header: 'Content-Type: multipart/report; report-type=delivery-status' };
  if (local === 'mailer-daemon' || (local === 'postmaster' && (contentType === 'multipart/report' || input.partTypes.has('message/delivery-status')))) {
    return { kind: 'bounce', header: `From: ${input.fromAddress}` };
  }
  if (input.partTypes.has('message/delivery-status')) return { kind: 'bounce', header: 'Content-Type: message/delivery-status' };
  if (header('x-failed-recipients') !== null) return { kind: 'bounce', header: 'X-Failed-Recipients' };

  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== null && !/^no\b/i.test(autoSubmitted)) return { kind: 'auto-reply', header: `Auto-Submitted: ${autoSubmitted}` };
  if (contentType === 'multipart/report' && reportType === 'disposition-notification') {
    return { kind: 'auto-reply', header: 'Content-Type: multipart/report; report-type=disposition-notification' };
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-response']) {
    if (header(name) !== null) return { kind: 'auto-reply', header: canonical(name) };
  }
  const precedence = (header('precedence') ?? '').toLowerCase();
  if (precedence === 'auto_reply') return { kind: 'auto-reply', header: 'Precedence: auto_reply' };
  if (header('x-loop') !== null) return { kind: 'auto-reply', header: `X-Loop: ${header('x-loop')}` };

  if (['bulk', 'list', 'junk'].includes(precedence)) return { kind: 'list', header: `Precedence: ${precedence}` };
  for (const name of ['list-id', 'list-unsubscribe', 'list-post']) {
    if (header(name) !== null) return { kind: 'list', header: canonical(name) };
  }
  return null;
}

const canonical = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
