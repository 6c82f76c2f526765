// Settings of the mail ingester's routing beyond the parser's (MailSettings in parsed-mail.ts):
// the per-sender flood limit and the company settings numbers are read with. Built from Config
// in main.ts; tests pass their own.
import { DEFAULT_MAIL_LIMITS, type MailSettings } from './parsed-mail.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';

/** More than `maxPerSender` messages from one From address within `windowMinutes` → ignored "flood". */
export type MailFloodLimit = { maxPerSender: number; windowMinutes: number };

/**
 * 120 an hour from one address: a salesperson forwarding a backlog stays well under it, an
 * auto-responder loop (two robots answering each other) crosses it within minutes.
 */
export const DEFAULT_FLOOD_LIMIT: MailFloodLimit = { maxPerSender: 120, windowMinutes: 60 };

/** What processMail and the triage use cases need: the parser's settings plus routing's own. */
export type IngestSettings = MailSettings & {
  /** Per-sender flood limit (default DEFAULT_FLOOD_LIMIT). */
  flood?: MailFloodLimit;
  /** Time zone for contact numbers typed without a year (default DEFAULT_SETTINGS). */
  domain?: DomainSettings;
};

export const DEFAULT_MAIL_SETTINGS: IngestSettings = {
  limits: DEFAULT_MAIL_LIMITS,
  allowedDomains: [],
  faxSenders: [],
  flood: DEFAULT_FLOOD_LIMIT,
  domain: DEFAULT_SETTINGS,
};

/** "Jan@Biuro.Acme.PL" → "biuro.acme.pl" ('' without an @). */
export const domainOf = (address: string) => (address.includes('@') ? address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase() : '');

/** True when the domain is `allowed` or one of its subdomains. */
const domainMatches = (domain: string, allowed: string) => {
  const a = allowed.trim().toLowerCase().replace(/^@/, '');
  return a !== '' && (domain === a || domain.endsWith(`.${a}`));
};

/** The address's domain is one of the allowed forwarder domains (or a subdomain of one). */
export const isAllowedDomain = (address: string, allowedDomains: readonly string[]) => {
  const domain = domainOf(address);
  return domain !== '' && allowedDomains.some((a) => domainMatches(domain, a));
};

/** The address is a configured fax gateway: listed itself, or its domain is. */
export function isFaxGateway(address: string, faxSenders: readonly string[]): boolean {
  const lower = address.trim().toLowerCase();
  const domain = domainOf(lower);
  return faxSenders.some((s) => {
    const sender = s.trim().toLowerCase();
    if (!sender) return false;
    return sender.includes('@') && !sender.startsWith('@') ? sender === lower : domainMatches(domain, sender);
  });
}
