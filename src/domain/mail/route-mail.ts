// Routing: which contact a parsed message belongs on, with every rule tried recorded in the trace.
// Reads only; filing is file-mail.ts. The rules, in order (the README states them too):
//   1. a contact number in a plus-address (kontakty+K-2026-0042@…) or in the subject ([K/2026/0042])
//   2. In-Reply-To / References naming a message already filed on a contact (or one Kontakt sent)
//   3. the original sender's address → a person → their company's open contacts
//   4. the sender's domain → a company (its e-mail domains) → its open contacts
//   5. faxes: the sender's fax number → a company (its fax) → its open contacts
//   6. otherwise triage, with the candidates considered, likeliest first.
// Several open contacts of one company: the one owned by the forwarder, else the nearest deadline.
import type { Db, Tx } from '../../db.ts';
import { findCompanyByEmailDomain } from '../companies/find-company-by-email-domain.ts';
import { findCompanyByFax } from '../companies/find-company-by-fax.ts';
import { parseContactNumber } from '../contacts/find-contact.ts';
import { findSentReminder } from '../reminders/find-sent-reminder.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';
import type { MailCandidate, RouteRule, TraceStep } from './mail-trace.ts';
import { domainOf } from './mail-settings.ts';
import type { ParsedMail } from './parsed-mail.ts';
import { timestampFromJson } from '../shared/json-timestamp.ts';

/**
 * Replies to mail Kontakt sent: a lookup from the referenced Message-IDs to the contact that mail
 * was about. By default the reminder e-mails (findSentReminder: the ReminderLog's messageRef, or
 * the reminder id in Kontakt's own Message-ID scheme); RouteContext.sentMessages replaces it.
 */
export type SentMessageLookup = (db: Db | Tx, messageIds: string[]) => Promise<{ contactId: number; messageId: string } | null>;

export type RouteContext = {
  /** The forwarding employee (From), when it is one: decides between several open contacts. */
  forwarder: { id: number; email: string } | null;
  domain?: DomainSettings;
  /** Replies to Kontakt's own mail; default: reminder e-mails (findSentReminder). */
  sentMessages?: SentMessageLookup;
  now?: Date;
};

export type RouteResult = {
  contactId: number | null;
  /** The rule that decided, or null for triage. */
  rule: RouteRule | null;
  /** One sentence for MailMessage.reason. */
  reason: string;
  trace: TraceStep[];
  /** For triage: contacts considered, likeliest first (empty when routed). */
  candidates: MailCandidate[];
  noteKind: 'e-mail' | 'fax';
  /** The counterparty's address the sender rules looked at (original sender of a forward). */
  originalFrom: string | null;
};

const MAX_CANDIDATES = 10;
const CONTACT_SELECT = { id: true, number: true, title: true, ownerId: true, dueAt: true, status: true, company: { select: { name: true } } } as const;
type ContactRow = { id: number; number: string; title: string; ownerId: number | null; dueAt: Date | null; status: string; company: { name: string } };

/** "K/2026/0042", "[K 2026 42]", "k-2026-0042", "K_2026_42": K, a year, a number. */
const NUMBER_IN_TEXT = /(?<![\p{L}\p{N}])K\s*[-/_.:]?\s*((?:19|20)\d{2})\s*[-/_.]?\s*0*(\d{1,6})(?!\p{N})/giu;

/** Contact numbers written in a text (subject), in order of appearance, canonical (K/2026/0042). */
export function contactNumbersInText(text: string): string[] {
  return [...text.matchAll(NUMBER_IN_TEXT)].map((m) => `K/${m[1]}/${m[2]!.padStart(4, '0')}`);
}

/** The contact number in a plus-address tag: "kontakty+K-2026-0042@firma.pl" → "K/2026/0042". */
export function contactNumberInPlusAddress(address: string, settings: DomainSettings = DEFAULT_SETTINGS, now = new Date()): string | null {
  const local = address.slice(0, Math.max(0, address.lastIndexOf('@')));
  const plus = local.indexOf('+');
  if (plus < 0) return null;
  const tag = local.slice(plus + 1).replace(/[_.]/g, '-');
  return contactNumbersInText(tag)[0] ?? parseContactNumber(tag, settings, now);
}

const describe = (c: ContactRow) => `${c.number} (${c.company.name})`;
const candidate = (c: ContactRow, why: string): MailCandidate => ({ contactId: c.id, number: c.number, title: c.title, company: c.company.name, why });

/**
 * Among a company's open contacts: the only one; else the one owned by the forwarder (the nearest
 * deadline among several of theirs); else the nearest deadline. "Nearest" is the earliest dueAt,
 * overdue ones included; contacts without a deadline come last, then the newest registered first.
 */
export async function pickOpenContact(db: Db | Tx, companyId: number, forwarderId: number | null) {
  const open = (await db.contact.findMany({
    where: { companyId, status: 'open' },
    select: CONTACT_SELECT,
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }],
    take: 50,
  })) as ContactRow[];
  return chooseOpenContact(open, forwarderId);
}

/** pickOpenContact over a company's open contacts already read, in its order (dueAt, nulls last; newest first). */
function chooseOpenContact(open: ContactRow[], forwarderId: number | null) {
  if (open.length === 0) return { chosen: null, why: 'no open contacts', others: [] as ContactRow[] };
  if (open.length === 1) return { chosen: open[0]!, why: 'its only open contact', others: [] };
  const owned = forwarderId === null ? [] : open.filter((c) => c.ownerId === forwarderId);
  if (owned.length > 0) {
    const why = owned.length === 1 ? `of ${open.length} open contacts, the one owned by the forwarder` : `of ${open.length} open contacts, ${owned.length} owned by the forwarder: the nearest deadline`;
    return { chosen: owned[0]!, why, others: open.filter((c) => c.id !== owned[0]!.id) };
  }
  const why = open[0]!.dueAt ? `of ${open.length} open contacts (none owned by the forwarder), the nearest deadline` : `of ${open.length} open contacts (none owned by the forwarder, none with a deadline), the newest`;
  return { chosen: open[0]!, why, others: open.slice(1) };
}

/**
 * The sender rule's lookup in one statement (it runs for most messages): the person with this
 * address (citext, as findPersonByEmail), their company and its open contacts in
 * pickOpenContact's order. Null when no person has the address.
 */
async function findPersonWithOpenContacts(db: Db | Tx, address: string): Promise<{ name: string; company: { id: number; name: string }; open: ContactRow[] } | null> {
  const rows = await db.$queryRaw<{ name: string; companyId: number; companyName: string; open: (Omit<ContactRow, 'dueAt' | 'company'> & { dueAt: string | null })[] }[]>`
    SELECT p.name, c.id AS "companyId", c.name AS "companyName",
      coalesce((
        SELECT json_agg(json_build_object('id', k.id, 'number', k.number, 'title', k.title, 'ownerId', k."ownerId", 'dueAt', k."dueAt", 'status', k.status)
          ORDER BY k."dueAt" ASC NULLS LAST, k.id DESC)
        FROM (SELECT * FROM "Contact" WHERE "companyId" = c.id AND status = 'open' ORDER BY "dueAt" ASC NULLS LAST, id DESC LIMIT 50) AS k
      ), '[]'::json) AS open
    FROM "Person" AS p JOIN "Company" AS c ON c.id = p."companyId"
    WHERE p.email = ${address.trim()}::citext`;
  const row = rows[0];
  if (!row) return null;
  const company = { id: row.companyId, name: row.companyName };
  const open = row.open.map((c) => ({ ...c, dueAt: c.dueAt === null ? null : timestampFromJson(c.dueAt), company: { name: company.name } }));
  return { name: row.name, company, open };
}

/** Closed contacts of a company, newest first: candidates when it has no open one. */
const recentClosed = (db: Db | Tx, companyId: number) =>
  db.contact.findMany({ where: { companyId, status: 'closed' }, select: CONTACT_SELECT, orderBy: { id: 'desc' }, take: 3 }) as Promise<ContactRow[]>;

/** Routes a parsed message; never writes. */
export async function routeMail(db: Db | Tx, parsed: ParsedMail, context: RouteContext): Promise<RouteResult> {
  const trace: TraceStep[] = [];
  const candidates: MailCandidate[] = [];
  const settings = context.domain ?? DEFAULT_SETTINGS;
  const now = context.now ?? new Date();
  const forwarderId = context.forwarder?.id ?? null;
  const noteKind = parsed.fax ? 'fax' : 'e-mail';
  const addCandidate = (c: MailCandidate) => {
    if (!candidates.some((x) => x.contactId === c.contactId)) candidates.push(c);
  };
  let originalFrom: string | null = null;
  const done = (rule: RouteRule, contact: ContactRow, detail: string): RouteResult => {
    trace.push({ rule, outcome: 'matched', detail });
    return { contactId: contact.id, rule, reason: detail, trace, candidates: [], noteKind, originalFrom };
  };

  // 1. A contact number: plus-address first (set by a person on purpose), then the subject.
  const numbers: { number: string; where: string }[] = [];
  for (const address of [...parsed.deliveredTo, ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)]) {
    const number = contactNumberInPlusAddress(address, settings, now);
    if (number) numbers.push({ number, where: `the address ${address}` });
  }
  for (const subject of [parsed.subject, parsed.forwarded?.subject ?? '']) {
    for (const number of contactNumbersInText(subject)) numbers.push({ number, where: 'the subject' });
  }
  const missing: string[] = [];
  for (const found of numbers) {
    const contact = (await db.contact.findUnique({ where: { number: found.number }, select: CONTACT_SELECT })) as ContactRow | null;
    if (contact) return done('contact-number', contact, `contact number ${contact.number} in ${found.where}`);
    missing.push(`${found.number} in ${found.where}`);
  }
  trace.push({ rule: 'contact-number', outcome: 'none', detail: missing.length ? `no such contact: ${[...new Set(missing)].join(', ')}` : 'no contact number in the addresses or the subject' });

  // 2. A reply to a message already filed on a contact (newest reference first).
  const ids = [...new Set([parsed.inReplyTo, ...[...parsed.references].reverse()].filter((v): v is string => Boolean(v)))];
  if (ids.length === 0) {
    trace.push({ rule: 'reply', outcome: 'skipped', detail: 'no In-Reply-To or References' });
  } else {
    const filed = await db.mailMessage.findMany({
      where: { messageId: { in: ids }, contactId: { not: null }, status: 'filed' },
      select: { messageId: true, contact: { select: CONTACT_SELECT } },
    });
    const byId = new Map(filed.map((m) => [m.messageId, m.contact as ContactRow]));
    const hit = ids.find((id) => byId.has(id));
    if (hit) return done('reply', byId.get(hit)!, `a reply to <${hit}>, filed on ${describe(byId.get(hit)!)}`);
    // Replies to e-mails Kontakt sent (reminders) — see SentMessageLookup.
    const sent = await (context.sentMessages ?? findSentReminder)(db, ids);
    const sentContact = sent ? ((await db.contact.findUnique({ where: { id: sent.contactId }, select: CONTACT_SELECT })) as ContactRow | null) : null;
    if (sent && sentContact) return done('reply', sentContact, `a reply to <${sent.messageId}>, sent by Kontakt for ${describe(sentContact)}`);
    trace.push({ rule: 'reply', outcome: 'none', detail: `none of ${ids.length} referenced message(s) is filed on a contact` });
  }

  // 3 and 4: the counterparty's address (not for faxes: there it is the gateway's).
  const companiesSeen = new Map<number, string>();
  if (parsed.fax) {
    trace.push({ rule: 'sender', outcome: 'skipped', detail: 'a fax: the sender address is the fax gateway' });
    trace.push({ rule: 'domain', outcome: 'skipped', detail: 'a fax: the sender address is the fax gateway' });
  } else {
    const { addresses, source } = await counterparties(db, parsed, context);
    originalFrom = addresses[0] ?? null;
    if (addresses.length === 0) {
      trace.push({ rule: 'sender', outcome: 'none', detail: 'no original sender (only the forwarder and employees)' });
      trace.push({ rule: 'domain', outcome: 'skipped', detail: 'no sender address' });
    } else {
      const notes: string[] = [];
      for (const address of addresses) {
        const person = address.trim() ? await findPersonWithOpenContacts(db, address) : null;
        if (!person) {
          notes.push(`${address}: no person with this address`);
          continue;
        }
        companiesSeen.set(person.company.id, person.company.name);
        const pick = chooseOpenContact(person.open, forwarderId);
        if (pick.chosen) {
          originalFrom = address;
          return done('sender', pick.chosen, `${source} ${address} is ${person.name} of ${person.company.name}: ${pick.why}, ${pick.chosen.number}`);
        }
        notes.push(`${address} is ${person.name} of ${person.company.name}, which has no open contacts`);
      }
      trace.push({ rule: 'sender', outcome: 'none', detail: notes.join('; ') });
      const domainNotes: string[] = [];
      for (const address of addresses) {
        const company = await findCompanyByEmailDomain(db, address);
        if (!company) {
          domainNotes.push(`${domainOf(address)}: no company (or several) with this e-mail domain`);
          continue;
        }
        companiesSeen.set(company.id, company.name);
        const pick = await pickOpenContact(db, company.id, forwarderId);
        if (pick.chosen) {
          originalFrom = address;
          return done('domain', pick.chosen, `the domain ${domainOf(address)} of ${address} belongs to ${company.name}: ${pick.why}, ${pick.chosen.number}`);
        }
        domainNotes.push(`${domainOf(address)} belongs to ${company.name}, which has no open contacts`);
      }
      trace.push({ rule: 'domain', outcome: 'none', detail: domainNotes.join('; ') });
    }
  }

  // 5. Faxes: the sender's fax number → the company with that fax.
  if (!parsed.fax) {
    trace.push({ rule: 'fax', outcome: 'skipped', detail: 'not a fax' });
  } else if (!parsed.fax.senderFax) {
    trace.push({ rule: 'fax', outcome: 'none', detail: 'a fax without the sender fax number' });
  } else {
    const company = await findCompanyByFax(db, parsed.fax.senderFax);
    if (!company) {
      trace.push({ rule: 'fax', outcome: 'none', detail: `no company (or several) with the fax number ${parsed.fax.senderFax}` });
    } else {
      companiesSeen.set(company.id, company.name);
      const pick = await pickOpenContact(db, company.id, forwarderId);
      if (pick.chosen) return done('fax', pick.chosen, `fax from ${parsed.fax.senderFax}, the fax number of ${company.name}: ${pick.why}, ${pick.chosen.number}`);
      trace.push({ rule: 'fax', outcome: 'none', detail: `${parsed.fax.senderFax} is the fax of ${company.name}, which has no open contacts` });
    }
  }

  // 6. Triage: what was considered, likeliest first.
  for (const [companyId, name] of companiesSeen) {
    for (const c of await recentClosed(db, companyId)) addCandidate(candidate(c, `closed contact of ${name}`));
  }
  if (forwarderId !== null) {
    const own = (await db.contact.findMany({
      where: { ownerId: forwarderId, status: 'open' },
      select: CONTACT_SELECT,
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }],
      take: 5,
    })) as ContactRow[];
    for (const c of own) addCandidate(candidate(c, "the forwarder's open contact"));
  }
  const reason = 'no rule matched: waiting in triage';
  trace.push({ rule: 'triage', outcome: 'stopped', detail: candidates.length ? `${candidates.length} candidate(s) for a person to choose from` : 'no candidates' });
  return { contactId: null, rule: null, reason, trace, candidates: candidates.slice(0, MAX_CANDIDATES), noteKind, originalFrom };
}

/**
 * Whose address identifies the customer: the original sender of a forward; else the From when it
 * is not an employee (a customer writing to the inbox from an allowed domain); else — an employee
 * wrote to the customer with the inbox in copy — the To/Cc addresses that are not employees, not
 * the inbox and not in the forwarder's own domain.
 */
async function counterparties(db: Db | Tx, parsed: ParsedMail, context: RouteContext): Promise<{ addresses: string[]; source: string }> {
  const lower = (a: string) => a.trim().toLowerCase();
  if (parsed.forwarded?.from?.address) return { addresses: [lower(parsed.forwarded.from.address)], source: 'the original sender' };
  const from = parsed.from?.address ? lower(parsed.from.address) : null;
  if (from && (!context.forwarder || lower(context.forwarder.email) !== from)) return { addresses: [from], source: 'the sender' };
  const ownDomain = from ? domainOf(from) : '';
  const inbox = new Set(parsed.deliveredTo.map(lower));
  const others = [...new Set([...parsed.to, ...parsed.cc].map((a) => lower(a.address)).filter((a) => a.includes('@') && !inbox.has(a) && domainOf(a) !== ownDomain && !a.includes('+')))];
  if (others.length === 0) return { addresses: [], source: 'the recipient' };
  const employees = new Set((await db.employee.findMany({ where: { email: { in: others } }, select: { email: true } })).map((e) => lower(e.email)));
  return { addresses: others.filter((a) => !employees.has(a)).slice(0, 10), source: 'the recipient' };
}
