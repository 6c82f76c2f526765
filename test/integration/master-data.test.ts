import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createArticle } from '../../src/domain/articles/create-article.ts';
import { listArticles } from '../../src/domain/articles/list-articles.ts';
import { updateArticle } from '../../src/domain/articles/update-article.ts';
import { vatPercent } from '../../src/domain/articles/vat-rates.ts';
import { createContactKind } from '../../src/domain/catalog/create-contact-kind.ts';
import { createPaymentForm } from '../../src/domain/catalog/create-payment-form.ts';
import { listContactKinds } from '../../src/domain/catalog/list-contact-kinds.ts';
import { listPaymentForms } from '../../src/domain/catalog/list-payment-forms.ts';
import { updateContactKind } from '../../src/domain/catalog/update-contact-kind.ts';
import { updatePaymentForm } from '../../src/domain/catalog/update-payment-form.ts';
import { createCompany } from '../../src/domain/companies/create-company.ts';
import { findCompanyByEmailDomain } from '../../src/domain/companies/find-company-by-email-domain.ts';
import { findCompanyByFax } from '../../src/domain/companies/find-company-by-fax.ts';
import { getCompany } from '../../src/domain/companies/get-company.ts';
import { listCompanies } from '../../src/domain/companies/list-companies.ts';
import { updateCompany } from '../../src/domain/companies/update-company.ts';
import { createAdmin } from '../../src/domain/employees/create-admin.ts';
import { createEmployee } from '../../src/domain/employees/create-employee.ts';
import { findEmployeeByEmail } from '../../src/domain/employees/find-employee-by-email.ts';
import { findEmployeeBySlackUserId } from '../../src/domain/employees/find-employee-by-slack-user-id.ts';
import { hashPassword, verifyPassword } from '../../src/domain/employees/password.ts';
import { setPassword } from '../../src/domain/employees/set-password.ts';
import { updateEmployee } from '../../src/domain/employees/update-employee.ts';
import { createPerson } from '../../src/domain/people/create-person.ts';
import { findPersonByEmail } from '../../src/domain/people/find-person-by-email.ts';
import { listPeople } from '../../src/domain/people/list-people.ts';
import { updatePerson } from '../../src/domain/people/update-person.ts';
import { type Actor, systemActor } from '../../src/domain/shared/actor.ts';
import { AppError, type ErrorCode } from '../../src/errors.ts';
import { getCompanyOverview } from '../../src/domain/companies/get-company-overview.ts';
import { issueDocument } from '../../src/domain/documents/issue-document.ts';
import { listDocuments } from '../../src/domain/documents/list-documents.ts';
import { getEmployeeAccount } from '../../src/domain/employees/get-employee-account.ts';
import { resetPassword } from '../../src/domain/employees/reset-password.ts';
import { useTestDb } from '../helpers/db.ts';

const t = useTestDb();
const admin: Actor = systemActor('panel');

const suffix = () => randomBytes(4).toString('hex');

/** A random NIP with a valid checksum (computed here, independently of the code under test). */
function randomNip(): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const nine = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
    const check = nine.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11;
    if (check !== 10) return `${nine.join('')}${check}`;
  }
}

/** Awaits a rejection and checks it is an AppError with this code (and, for VALIDATION, this field). */
async function expectAppError(promise: Promise<unknown>, code: ErrorCode, field?: string): Promise<AppError> {
  const error = await promise.then(
    () => expect.fail(`expected ${code}, but it succeeded`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect(Object.keys((error as AppError).details.fields ?? {})).toContain(field);
  return error as AppError;
}

const newCompany = (extra: Record<string, unknown> = {}) => {
  const s = suffix();
  return createCompany(t.db, admin, { name: `Firma ${s}`, code: `F-${s}`, ...extra });
};

const member = async () => {
  const s = suffix();
  const employee = await createEmployee(t.db, admin, { name: `Member ${s}`, email: `member-${s}@kontakt.test` });
  return { employee, actor: { employeeId: employee.id, role: 'member', channel: 'panel' } satisfies Actor };
};

describe('companies', () => {
  it('normalises the NIP and refuses a bad checksum with the field message', async () => {
    const company = await newCompany({ nip: 'PL 526-025-02-74' });
    expect(company.nip).toBe('5260250274');
    const error = await expectAppError(newCompany({ nip: '526-025-02-75' }), 'VALIDATION', 'nip');
    expect(error.details.fields?.nip).toBe('invalid NIP checksum');
    const short = await expectAppError(newCompany({ nip: '526025027' }), 'VALIDATION', 'nip');
    expect(short.details.fields?.nip).toBe('NIP must have 10 digits');
  });

  it('refuses a NIP another company has, naming it', async () => {
    const nip = randomNip();
    const first = await newCompany({ nip });
    const error = await expectAppError(newCompany({ nip: `PL${nip}` }), 'VALIDATION', 'nip');
    expect(error.details.fields?.nip).toBe(`NIP already used by company ${first.name}`);
    const other = await newCompany();
    await expectAppError(updateCompany(t.db, admin, { id: other.id, nip }), 'VALIDATION', 'nip');
  });

  it('refuses a code in use, ignoring case', async () => {
    const s = suffix();
    await createCompany(t.db, admin, { name: 'A', code: `Acme-${s}` });
    const error = await expectAppError(createCompany(t.db, admin, { name: 'B', code: `ACME-${s}` }), 'VALIDATION', 'code');
    expect(error.details.fields?.code).toBe('code already used by company A');
    await expectAppError(createCompany(t.db, admin, { name: 'C', code: 'with space' }), 'VALIDATION', 'code');
  });

  it('stores the fax in E.164 and finds the company by it in any format', async () => {
    const local = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
    const company = await newCompany({ fax: `(58) ${local.slice(0, 3)}-${local.slice(3, 5)}-${local.slice(5)}`, phone: '' });
    expect(company.fax).toBe(`+4858${local}`);
    expect(company.phone).toBeNull();
    expect((await findCompanyByFax(t.db, `0048 58 ${local}`))?.id).toBe(company.id);
    expect(await findCompanyByFax(t.db, 'not a number')).toBeNull();
    await expectAppError(newCompany({ fax: '12 34' }), 'VALIDATION', 'fax');
  });

  it('matches incoming addresses to email domains', async () => {
    const domain = `acme-${suffix()}.pl`;
    const company = await newCompany({ emailDomains: [`@${domain.toUpperCase()}`, domain] });
    expect(company.emailDomains).toEqual([domain]);
    expect((await findCompanyByEmailDomain(t.db, `Jan@${domain.replace('acme', 'Acme').replace('.pl', '.PL')}`))?.id).toBe(company.id);
    expect((await findCompanyByEmailDomain(t.db, `jan@biuro.${domain}`))?.id).toBe(company.id);
    expect(await findCompanyByEmailDomain(t.db, `jan@other-${domain}`)).toBeNull();
    await expectAppError(newCompany({ emailDomains: ['not a domain'] }), 'VALIDATION', 'emailDomains');
  });

  it('returns null when two active companies claim the same domain', async () => {
    const domain = `shared-${suffix()}.pl`;
    await newCompany({ emailDomains: [domain] });
    await newCompany({ emailDomains: [domain] });
    expect(await findCompanyByEmailDomain(t.db, `x@${domain}`)).toBeNull();
  });

  it('checks Polish postal codes and the country code', async () => {
    expect((await newCompany({ postalCode: '00950' })).postalCode).toBe('00-950');
    await expectAppError(newCompany({ postalCode: '0095' }), 'VALIDATION', 'postalCode');
    const british = await newCompany({ postalCode: 'SW1A 1AA', country: 'gb' });
    expect(british).toMatchObject({ postalCode: 'SW1A 1AA', country: 'GB' });
    // Moving it to Poland re-checks the postal code it already has.
    await expectAppError(updateCompany(t.db, admin, { id: british.id, country: 'PL' }), 'VALIDATION', 'postalCode');
    await expectAppError(newCompany({ country: 'POL' }), 'VALIDATION', 'country');
  });

  it('updates only the given fields and refreshes the search text of its contacts', async () => {
    const company = await newCompany({ city: 'Gdańsk', kind: 'supplier' });
    const contact = await t.db.contact.create({ data: { number: `T/${suffix()}`, companyId: company.id, title: 'Oferta' } });
    const updated = await updateCompany(t.db, admin, { id: company.id, name: `Żółta Łódź ${company.code}` });
    expect(updated).toMatchObject({ city: 'Gdańsk', kind: 'supplier', code: company.code });
    const after = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(after.searchText).toContain('zolta lodz');
    await expectAppError(updateCompany(t.db, admin, { id: 999_999, name: 'x' }), 'NOT_FOUND');
    expect((await getCompany(t.db, company.id)).name).toBe(updated.name);
  });

  it('lists companies by folded name, code or NIP', async () => {
    const s = suffix();
    const nip = randomNip();
    const company = await createCompany(t.db, admin, { name: `Żółw Trading ${s}`, code: `ZT-${s}`, nip });
    await createCompany(t.db, admin, { name: `Zolw Old ${s}`, code: `ZO-${s}`, active: false });
    expect((await listCompanies(t.db, { search: `ZOLW TRADING ${s}` })).map((c) => c.id)).toEqual([company.id]);
    expect((await listCompanies(t.db, { search: `zt-${s}` })).map((c) => c.id)).toEqual([company.id]);
    expect((await listCompanies(t.db, { search: nip.slice(2, 8) })).map((c) => c.id)).toContain(company.id);
    expect((await listCompanies(t.db, { search: nip.slice(0, 3) + '-' + nip.slice(3, 6) })).map((c) => c.id)).toContain(company.id);
    // Digits inside other words are not a NIP: "brak 345678" must not match by NIP.
    expect((await listCompanies(t.db, { search: `brak ${nip.slice(2, 8)}` })).map((c) => c.id)).not.toContain(company.id);
    expect(await listCompanies(t.db, { search: `zolw`, active: true })).toSatisfy((list: { active: boolean }[]) => list.every((c) => c.active));
    expect(await listCompanies(t.db, { search: `${s}`, active: false })).toHaveLength(1);
    expect(await listCompanies(t.db, { search: '100%_' })).toEqual([]);
  });
});

describe('people', () => {
  it('keeps e-mails unique ignoring case and finds people by them', async () => {
    const company = await newCompany();
    const s = suffix();
    const person = await createPerson(t.db, admin, { companyId: company.id, name: 'Anna Nowak', email: ` Anna.${s}@Example.PL ` });
    expect(person.email).toBe(`anna.${s}@example.pl`);
    const error = await expectAppError(
      createPerson(t.db, admin, { companyId: company.id, name: 'Other', email: `ANNA.${s}@example.pl` }),
      'VALIDATION',
      'email',
    );
    expect(error.details.fields?.email).toContain('Anna Nowak');
    const found = await findPersonByEmail(t.db, `ANNA.${s}@EXAMPLE.PL`);
    expect(found).toMatchObject({ id: person.id, company: { id: company.id } });
    expect(await findPersonByEmail(t.db, `nobody-${s}@example.pl`)).toBeNull();
  });

  it('refuses an unknown company and a bad e-mail', async () => {
    await expectAppError(createPerson(t.db, admin, { companyId: 999_999, name: 'Ghost' }), 'VALIDATION', 'companyId');
    const company = await newCompany();
    await expectAppError(createPerson(t.db, admin, { companyId: company.id, name: 'X', email: 'no-at-sign' }), 'VALIDATION', 'email');
  });

  it('updates a person, refreshes contacts on a name change and lists by company', async () => {
    const company = await newCompany();
    const person = await createPerson(t.db, admin, { companyId: company.id, name: 'Jan Kowalski', phone: '601 234 567' });
    expect(person.phone).toBe('+48601234567');
    const contact = await t.db.contact.create({
      data: { number: `T/${suffix()}`, companyId: company.id, personId: person.id, title: 'Serwis' },
    });
    const updated = await updatePerson(t.db, admin, { id: person.id, name: 'Jan Wiśniewski' });
    expect(updated).toMatchObject({ name: 'Jan Wiśniewski', phone: '+48601234567' });
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).searchText).toContain('jan wisniewski');
    expect((await listPeople(t.db, { companyId: company.id })).map((p) => p.id)).toEqual([person.id]);
    await expectAppError(updatePerson(t.db, admin, { id: person.id, companyId: 999_999 }), 'VALIDATION', 'companyId');
  });
});

describe('employees', () => {
  it('keeps e-mails unique ignoring case and never returns the password hash', async () => {
    const s = suffix();
    const employee = await createEmployee(t.db, admin, {
      name: 'Ewa', email: `Ewa.${s}@Kontakt.test`, password: 'correct horse battery', slackUserId: `u${s}`.toUpperCase(),
    });
    expect(employee).toMatchObject({ email: `ewa.${s}@kontakt.test`, role: 'member', timeZone: 'Europe/Warsaw' });
    expect(employee).not.toHaveProperty('passwordHash');
    await expectAppError(createEmployee(t.db, admin, { name: 'Ewa 2', email: `EWA.${s}@kontakt.TEST` }), 'VALIDATION', 'email');
    expect((await findEmployeeByEmail(t.db, `EWA.${s}@KONTAKT.TEST`))?.id).toBe(employee.id);
    expect((await findEmployeeBySlackUserId(t.db, `U${s}`.toUpperCase()))?.id).toBe(employee.id);
  });

  it('validates time zone and working hours', async () => {
    const s = suffix();
    const e = await createEmployee(t.db, admin, {
      name: 'Tz', email: `tz-${s}@kontakt.test`, timeZone: 'europe/london', workingHours: { days: [5, 1, 3], start: '07:30', end: '15:30' },
    });
    expect(e.timeZone).toBe('Europe/London');
    expect(e.workingHours).toEqual({ days: [1, 3, 5], start: '07:30', end: '15:30' });
    await expectAppError(updateEmployee(t.db, admin, { id: e.id, timeZone: 'Mars/Olympus' }), 'VALIDATION', 'timeZone');
    await expectAppError(updateEmployee(t.db, admin, { id: e.id, timeZone: '+01:00' }), 'VALIDATION', 'timeZone');
    await expectAppError(
      updateEmployee(t.db, admin, { id: e.id, workingHours: { days: [1], start: '17:00', end: '08:00' } }),
      'VALIDATION',
      'workingHours.end',
    );
    await expectAppError(
      updateEmployee(t.db, admin, { id: e.id, workingHours: { days: [1, 1], start: '08:00', end: '16:00' } }),
      'VALIDATION',
      'workingHours.days',
    );
    await expectAppError(updateEmployee(t.db, admin, { id: e.id, workingHours: { days: [], start: '08:00', end: '16:00' } }), 'VALIDATION', 'workingHours.days');
    await expectAppError(updateEmployee(t.db, admin, { id: e.id, workingHours: { days: [8], start: '08:00', end: '16:00' } }), 'VALIDATION');
  });

  it('refuses manager cycles, direct and indirect', async () => {
    const s = suffix();
    const boss = await createEmployee(t.db, admin, { name: 'Boss', email: `boss-${s}@kontakt.test` });
    const mid = await createEmployee(t.db, admin, { name: 'Mid', email: `mid-${s}@kontakt.test`, managerId: boss.id });
    const low = await createEmployee(t.db, admin, { name: 'Low', email: `low-${s}@kontakt.test`, managerId: mid.id });
    await expectAppError(updateEmployee(t.db, admin, { id: boss.id, managerId: boss.id }), 'VALIDATION', 'managerId');
    await expectAppError(updateEmployee(t.db, admin, { id: boss.id, managerId: low.id }), 'VALIDATION', 'managerId');
    await expectAppError(updateEmployee(t.db, admin, { id: boss.id, managerId: 999_999 }), 'VALIDATION', 'managerId');
    await expectAppError(createEmployee(t.db, admin, { name: 'X', email: `x-${s}@kontakt.test`, managerId: 999_999 }), 'VALIDATION', 'managerId');
    // Moving someone sideways is fine.
    expect((await updateEmployee(t.db, admin, { id: low.id, managerId: boss.id })).managerId).toBe(boss.id);
    expect((await t.db.employee.findUniqueOrThrow({ where: { id: boss.id } })).managerId).toBeNull();
  });

  it('lets only admins create employees or change role, active and manager', async () => {
    const { employee, actor } = await member();
    const other = await member();
    await expectAppError(createEmployee(t.db, actor, { name: 'Sneaky', email: `sneaky-${suffix()}@kontakt.test` }), 'FORBIDDEN');
    await expectAppError(updateEmployee(t.db, actor, { id: employee.id, role: 'admin' }), 'FORBIDDEN');
    await expectAppError(updateEmployee(t.db, actor, { id: employee.id, active: false }), 'FORBIDDEN');
    await expectAppError(updateEmployee(t.db, actor, { id: employee.id, managerId: other.employee.id }), 'FORBIDDEN');
    await expectAppError(updateEmployee(t.db, actor, { id: other.employee.id, locale: 'en' }), 'FORBIDDEN');
    const own = await updateEmployee(t.db, actor, { id: employee.id, locale: 'en', reminderChannel: 'both', timeZone: 'Europe/Berlin' });
    expect(own).toMatchObject({ locale: 'en', reminderChannel: 'both', timeZone: 'Europe/Berlin', role: 'member' });
    const promoted = await updateEmployee(t.db, { employeeId: null, role: 'admin', channel: 'panel' }, { id: employee.id, role: 'admin' });
    expect(promoted.role).toBe('admin');
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const plain = 'Zażółć gęślą jaźń 42';
    const hash = await hashPassword(plain);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{43,}$/);
    expect(hash).not.toContain(plain);
    expect(await hashPassword(plain)).not.toBe(hash); // fresh salt each time
    expect(await verifyPassword(plain, hash)).toBe(true);
    expect(await verifyPassword(plain.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('Zażółć gęślą jaźń 43', hash)).toBe(false);
    expect(await verifyPassword(plain, 'garbage')).toBe(false);
    expect(await verifyPassword(plain, hash.replace('$32768$', '$1073741824$'))).toBe(false);
    await expectAppError(hashPassword('short'), 'VALIDATION', 'password');
  });

  it('lets an employee change their own password only with the current one', async () => {
    const { employee, actor } = await member();
    await setPassword(t.db, admin, { employeeId: employee.id, password: 'first password 1' });
    await expectAppError(setPassword(t.db, actor, { employeeId: employee.id, password: 'second password 2' }), 'VALIDATION', 'currentPassword');
    await setPassword(t.db, actor, { employeeId: employee.id, password: 'second password 2', currentPassword: 'first password 1' });
    const { passwordHash } = await t.db.employee.findUniqueOrThrow({ where: { id: employee.id } });
    expect(await verifyPassword('second password 2', passwordHash!)).toBe(true);
    const other = await member();
    await expectAppError(setPassword(t.db, actor, { employeeId: other.employee.id, password: 'hijacked password' }), 'FORBIDDEN');
    await expectAppError(setPassword(t.db, admin, { employeeId: employee.id, password: 'short' }), 'VALIDATION', 'password');
  });

  it('createAdmin is idempotent and promotes an existing employee', async () => {
    const email = `root-${suffix()}@kontakt.test`;
    const first = await createAdmin(t.db, { name: 'Root', email, password: 'first admin password' });
    const second = await createAdmin(t.db, { name: 'Root again', email: email.toUpperCase(), password: 'second admin password' });
    expect(second).toMatchObject({ id: first.id, role: 'admin', active: true, name: 'Root' });
    expect(await t.db.employee.count({ where: { email } })).toBe(1);
    const { passwordHash } = await t.db.employee.findUniqueOrThrow({ where: { id: first.id } });
    expect(await verifyPassword('second admin password', passwordHash!)).toBe(true);
    expect(await verifyPassword('first admin password', passwordHash!)).toBe(false);

    const { employee } = await member();
    await t.db.employee.update({ where: { id: employee.id }, data: { active: false } });
    const promoted = await createAdmin(t.db, { name: 'ignored', email: employee.email, password: 'recovered password' });
    expect(promoted).toMatchObject({ id: employee.id, role: 'admin', active: true });
  });
});

describe('articles', () => {
  it('validates the VAT code and the price, and keeps codes unique ignoring case', async () => {
    const s = suffix();
    const article = await createArticle(t.db, admin, { code: `Art-${s}`, name: 'Śruba M8', listNetPrice: '12,5', vatRate: 'zw' });
    expect(article).toMatchObject({ listNetPrice: '12.50', vatRate: 'zw', unit: 'szt.', active: true });
    await expectAppError(createArticle(t.db, admin, { code: `ART-${s}`, name: 'Dup', listNetPrice: 1 }), 'VALIDATION', 'code');
    await expectAppError(createArticle(t.db, admin, { code: `V-${s}`, name: 'Bad VAT', listNetPrice: 1, vatRate: '7' }), 'VALIDATION', 'vatRate');
    await expectAppError(createArticle(t.db, admin, { code: `P-${s}`, name: 'Neg', listNetPrice: -1 }), 'VALIDATION', 'listNetPrice');
    await expectAppError(createArticle(t.db, admin, { code: `Q-${s}`, name: 'Mills', listNetPrice: '1.005' }), 'VALIDATION', 'listNetPrice');
    const updated = await updateArticle(t.db, admin, { id: article.id, vatRate: '8', listNetPrice: 99.9 });
    expect(updated).toMatchObject({ vatRate: '8', listNetPrice: '99.90', name: 'Śruba M8' });
    expect((await listArticles(t.db, { search: `art-${s}` })).map((a) => a.id)).toEqual([article.id]);
  });

  it('knows the percentage of each VAT code', () => {
    expect([vatPercent('23'), vatPercent('8'), vatPercent('5'), vatPercent('0'), vatPercent('zw'), vatPercent('np')]).toEqual([23, 8, 5, 0, 0, 0]);
    expect(() => vatPercent('22')).toThrow(AppError);
  });
});

describe('catalog', () => {
  it('creates, updates and lists payment forms with unique names', async () => {
    const name = `Przelew 14 ${suffix()}`;
    const form = await createPaymentForm(t.db, admin, { name, days: 14 });
    expect(form).toMatchObject({ name, days: 14, active: true });
    await expectAppError(createPaymentForm(t.db, admin, { name, days: 7 }), 'VALIDATION', 'name');
    await expectAppError(createPaymentForm(t.db, admin, { name: `Long ${suffix()}`, days: 366 }), 'VALIDATION', 'days');
    expect(await updatePaymentForm(t.db, admin, { id: form.id, days: 21, active: false })).toMatchObject({ name, days: 21, active: false });
    expect((await listPaymentForms(t.db, { active: false })).map((f) => f.id)).toContain(form.id);
    expect((await listPaymentForms(t.db, { active: true })).map((f) => f.id)).not.toContain(form.id);
  });

  it('creates, updates and lists contact kinds with unique names', async () => {
    const name = `Serwis ${suffix()}`;
    const kind = await createContactKind(t.db, admin, { name });
    expect(kind).toMatchObject({ name, defaultProbability: 50, active: true });
    await expectAppError(createContactKind(t.db, admin, { name }), 'VALIDATION', 'name');
    await expectAppError(createContactKind(t.db, admin, { name: `Pewniak ${suffix()}`, defaultProbability: 101 }), 'VALIDATION', 'defaultProbability');
    expect(await updateContactKind(t.db, admin, { id: kind.id, defaultProbability: 80 })).toMatchObject({ name, defaultProbability: 80 });
    expect((await listContactKinds(t.db)).map((k) => k.id)).toContain(kind.id);
    await expectAppError(updateContactKind(t.db, admin, { id: 999_999, name: 'x' }), 'NOT_FOUND');
  });
});

describe('master-data pages support', () => {
  it('pages companies and people with offset', async () => {
    const s = suffix();
    for (const n of ['a', 'b', 'c']) await createCompany(t.db, admin, { name: `Offset ${s} ${n}`, code: `OF-${s}-${n}` });
    const names = async (offset: number) => (await listCompanies(t.db, { search: `offset ${s}`, limit: 2, offset })).map((c) => c.name);
    expect(await names(0)).toEqual([`Offset ${s} a`, `Offset ${s} b`]);
    expect(await names(2)).toEqual([`Offset ${s} c`]);
    const company = await newCompany();
    await createPerson(t.db, admin, { companyId: company.id, name: 'B Person' });
    await createPerson(t.db, admin, { companyId: company.id, name: 'A Person' });
    const second = await listPeople(t.db, { companyId: company.id, limit: 1, offset: 1 });
    expect(second.map((p) => [p.name, p.company.id])).toEqual([['B Person', company.id]]);
  });

  it("gives a company's overview with people, contacts and documents, and NOT_FOUND for none", async () => {
    const company = await newCompany();
    const person = await createPerson(t.db, admin, { companyId: company.id, name: `Overview ${suffix()}` });
    const s = suffix();
    const article = await createArticle(t.db, admin, { code: `OV-${s}`, name: 'Overview article', listNetPrice: '10' });
    const document = await issueDocument(t.db, admin, { kindCode: 'invoice', companyId: company.id, issueDate: '2034-01-02', lines: [{ articleId: article.id, quantity: '3' }] });
    const overview = await getCompanyOverview(t.db, company.id);
    expect(overview.company.id).toBe(company.id);
    expect(overview.people.map((p) => p.id)).toEqual([person.id]);
    expect(overview.contacts).toEqual([]);
    expect(overview.documents).toMatchObject([{ id: document.id, number: document.number, grossTotal: '36.90' }]);
    await expectAppError(getCompanyOverview(t.db, 999_999), 'NOT_FOUND');
  });

  it('lists documents by kind, company and date range, newest first, with a next-page flag', async () => {
    const company = await newCompany();
    const s = suffix();
    const article = await createArticle(t.db, admin, { code: `LD-${s}`, name: 'Listed', listNetPrice: '1' });
    const issue = (kindCode: string, issueDate: string) => issueDocument(t.db, admin, { kindCode, companyId: company.id, issueDate, lines: [{ articleId: article.id, quantity: '1' }] });
    const a = await issue('invoice', '2035-03-01');
    const b = await issue('goods_issue', '2035-03-02');
    const c = await issue('invoice', '2035-04-01');
    const ids = async (input: Parameters<typeof listDocuments>[1]) => (await listDocuments(t.db, { companyId: company.id, ...input })).documents.map((d) => d.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ kindCode: 'invoice' })).toEqual([c.id, a.id]);
    expect(await ids({ from: '2035-03-02', to: '2035-03-31' })).toEqual([b.id]);
    expect(await ids({ kindCode: '', from: '', to: '' })).toEqual([c.id, b.id, a.id]);
    const page = await listDocuments(t.db, { companyId: company.id, limit: 2 });
    expect(page.hasMore).toBe(true);
    expect((await listDocuments(t.db, { companyId: company.id, limit: 2, offset: 2 })).hasMore).toBe(false);
    await expectAppError(listDocuments(t.db, { from: '2035-04-01', to: '2035-03-01' }), 'VALIDATION', 'to');
    await expectAppError(listDocuments(t.db, { from: 'soon' }), 'VALIDATION', 'from');
  });

  it('lets only admins reset another employee\'s password, ending their sessions', async () => {
    const { employee, actor } = await member();
    const other = await member();
    await t.db.session.create({ data: { id: `s-${suffix()}`, employeeId: employee.id, csrfToken: 'x', expiresAt: new Date(Date.now() + 60_000) } });
    expect((await getEmployeeAccount(t.db, employee.id)).hasPassword).toBe(false);
    await expectAppError(resetPassword(t.db, other.actor, { employeeId: employee.id, password: 'not allowed 123' }), 'FORBIDDEN');
    const adminEmployee = await createEmployee(t.db, admin, { name: `Admin ${suffix()}`, email: `admin-${suffix()}@kontakt.test`, role: 'admin' });
    const adminActor: Actor = { employeeId: adminEmployee.id, role: 'admin', channel: 'panel' };
    await expectAppError(resetPassword(t.db, adminActor, { employeeId: adminEmployee.id, password: 'my own password' }), 'VALIDATION', 'password');
    await expectAppError(resetPassword(t.db, adminActor, { employeeId: employee.id, password: 'short' }), 'VALIDATION', 'password');
    await expectAppError(resetPassword(t.db, adminActor, { employeeId: 999_999, password: 'long enough 123' }), 'NOT_FOUND');
    expect(await resetPassword(t.db, adminActor, { employeeId: employee.id, password: 'long enough 123' })).toEqual({ endedSessions: 1 });
    const stored = await t.db.employee.findUniqueOrThrow({ where: { id: employee.id } });
    expect(await verifyPassword('long enough 123', stored.passwordHash!)).toBe(true);
    expect((await getEmployeeAccount(t.db, employee.id)).hasPassword).toBe(true);
    expect(actor.employeeId).toBe(employee.id);
  });
});
