// Factories: fresh rows with unique names for each test, so tests never depend on each other.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db.ts';
import type { Actor } from '../../src/domain/shared/actor.ts';
import { createContact, type CreateContactInput } from '../../src/domain/contacts/create-contact.ts';

export const uid = () => randomBytes(4).toString('hex');

/** A valid Polish NIP (random, correct checksum). */
export function randomNip(): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
    const check = digits.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11;
    if (check !== 10) return digits.join('') + check;
  }
}

export const actorFor = (employee: { id: number; role: 'admin' | 'member' }, channel: Actor['channel'] = 'panel'): Actor => ({
  employeeId: employee.id,
  role: employee.role,
  channel,
});

export function makeEmployee(db: Db, overrides: Partial<{ name: string; email: string; role: 'admin' | 'member'; active: boolean; slackUserId: string }> = {}) {
  const id = uid();
  return db.employee.create({ data: { name: `Employee ${id}`, email: `employee-${id}@kontakt.test`, ...overrides } });
}

export function makeCompany(db: Db, overrides: Partial<{ name: string; code: string; active: boolean; emailDomains: string[] }> = {}) {
  const id = uid();
  return db.company.create({ data: { name: `Company ${id}`, code: `C${id}`, nip: randomNip(), ...overrides } });
}

export function makePerson(db: Db, companyId: number, overrides: Partial<{ name: string; email: string }> = {}) {
  return db.person.create({ data: { companyId, name: `Person ${uid()}`, ...overrides } });
}

export function makeArticle(db: Db, overrides: Partial<{ code: string; name: string; listNetPrice: string; vatRate: string; unit: string }> = {}) {
  const id = uid();
  return db.article.create({ data: { code: `A-${id}`, name: `Article ${id}`, listNetPrice: '100.00', ...overrides } });
}

export function makeKind(db: Db, overrides: Partial<{ name: string; defaultProbability: number }> = {}) {
  return db.contactKind.create({ data: { name: `Kind ${uid()}`, ...overrides } });
}

export function makePaymentForm(db: Db, days = 14) {
  return db.paymentForm.create({ data: { name: `Przelew ${days} dni ${uid()}`, days } });
}

/** An owner, a company and an open contact of theirs. */
export async function makeContact(db: Db, overrides: Partial<CreateContactInput> & { actor?: Actor } = {}) {
  const { actor: givenActor, ...input } = overrides;
  const owner = await makeEmployee(db);
  const actor = givenActor ?? actorFor(owner);
  const companyId = input.companyId ?? (await makeCompany(db)).id;
  const contact = await createContact(db, actor, { title: `Contact ${uid()}`, ...input, companyId });
  return { contact, owner, actor };
}

/** An API token of an employee (a new member unless given); `token` is the plain token, shown once. */
export async function makeApiToken(db: Db, overrides: { employee?: { id: number; role: 'admin' | 'member' }; name?: string; expiresAt?: Date | null } = {}) {
  const { createApiToken } = await import('../../src/domain/api-tokens/create-api-token.ts');
  const employee = overrides.employee ? await db.employee.findUniqueOrThrow({ where: { id: overrides.employee.id } }) : await makeEmployee(db);
  const created = await createApiToken(db, actorFor(employee), { name: overrides.name ?? `Token ${uid()}`, expiresAt: overrides.expiresAt });
  return { ...created, employee };
}

/** A hand-built ParsedMail (the parser's contract) for routing tests; a plain e-mail from `from`. */
export function makeParsedMail(overrides: Partial<import('../../src/domain/mail/parsed-mail.ts').ParsedMail> = {}): import('../../src/domain/mail/parsed-mail.ts').ParsedMail {
  return {
    messageId: `${uid()}@mail.test`, inReplyTo: null, references: [], from: { address: `someone-${uid()}@example.test`, name: '' },
    to: [{ address: 'kontakty@firma.test', name: '' }], cc: [], deliveredTo: ['kontakty@firma.test'], subject: `Subject ${uid()}`,
    date: new Date('2026-03-02T10:00:00Z'), text: 'Dzień dobry, proszę o ofertę.', html: null, attachments: [], forwarded: null,
    forwarderText: 'Dzień dobry, proszę o ofertę.', automatic: null, fax: null, problems: [], ...overrides,
  };
}

/** A minimal RFC 822 message (CRLF) with the given headers. */
export function makeRawMail(headers: { from?: string; to?: string; subject?: string; messageId?: string | null; body?: string } = {}): Buffer {
  const lines = [
    `From: ${headers.from ?? 'Jan Kowalski <jan@example.test>'}`,
    `To: ${headers.to ?? 'kontakty@firma.test'}`,
    `Subject: ${headers.subject ?? `Test ${uid()}`}`,
    'Date: Mon, 02 Mar 2026 10:00:00 +0100',
    ...(headers.messageId === null ? [] : [`Message-ID: <${headers.messageId ?? `${uid()}@mail.test`}>`]),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    headers.body ?? `Body ${uid()}`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}
