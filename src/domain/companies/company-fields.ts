// Field rules shared by create-company and update-company.
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import type { Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import { CompanyKind } from '../../generated/prisma/enums.ts';
import { requiredText, text } from '../shared/schemas.ts';
import { isValidNip, normalizeNip } from './nip.ts';
import { normalizePhone } from './phone.ts';
import { isUniqueViolation } from '../shared/unique-violation.ts';

/** Optional text where '' and null both mean "none"; undefined stays undefined (untouched on update). */
export const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

/** A phone or fax number, normalised to E.164; '' and null clear it. */
export const phoneNumber = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    if (v === null || v.trim() === '') return null;
    const e164 = normalizePhone(v);
    if (!e164) ctx.addIssue({ code: 'custom', message: 'invalid phone number' });
    return e164 ?? z.NEVER;
  });

const nip = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    if (v === null || v.trim() === '') return null;
    const digits = normalizeNip(v);
    if (!digits) ctx.addIssue({ code: 'custom', message: 'NIP must have 10 digits' });
    else if (!isValidNip(digits)) ctx.addIssue({ code: 'custom', message: 'invalid NIP checksum' });
    return digits ?? z.NEVER;
  });

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-case ASCII form of a mail domain ("@Żółw.PL" → "xn--w-uga1v8h.pl"), or null if it is not one. */
export function normalizeEmailDomain(input: string): string | null {
  const ascii = domainToASCII(input.trim().replace(/^@/, '').toLowerCase());
  return DOMAIN.test(ascii) ? ascii : null;
}

const emailDomains = z
  .array(z.string())
  .max(50, 'at most 50 domains')
  .transform((list, ctx) => {
    const domains = list.map((d) => [d, normalizeEmailDomain(d)] as const);
    const bad = domains.find(([, d]) => d === null);
    if (bad) ctx.addIssue({ code: 'custom', message: `invalid domain: ${bad[0]}` });
    return [...new Set(domains.map(([, d]) => d!))];
  });

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'expected a two-letter ISO country code');

export const companyFields = {
  name: requiredText(200),
  code: requiredText(32).regex(/^[A-Za-z0-9_.-]+$/, 'only letters, digits, "_", "." and "-"'),
  kind: z.enum(CompanyKind),
  nip,
  emailDomains,
  phone: phoneNumber,
  fax: phoneNumber,
  street: optionalText(200),
  postalCode: optionalText(16),
  city: optionalText(100),
  country,
  notes: text(10_000),
  active: z.boolean(),
};

/** Polish postal codes are NN-NNN ("00950" is accepted and gets its dash); others are free text. */
export function checkPostalCode(country: string, postalCode: string | null): string | null {
  if (postalCode === null || country !== 'PL') return postalCode;
  const match = /^(\d{2})-?(\d{3})$/.exec(postalCode);
  if (!match) throw validation({ postalCode: 'expected NN-NNN' });
  return `${match[1]}-${match[2]}`;
}

/** Refuses a code or NIP another company has, naming that company (the unique indexes are the backstop). */
export async function assertCompanyUnique(tx: Tx, values: { code?: string; nip?: string | null }, exceptId?: number) {
  const fields: Record<string, string> = {};
  const others = { not: exceptId ?? -1 };
  // code is citext, so this comparison ignores case like the unique index does.
  const byCode = values.code ? await tx.company.findFirst({ where: { code: values.code, id: others }, select: { name: true } }) : null;
  if (byCode) fields.code = `code already used by company ${byCode.name}`;
  const byNip = values.nip ? await tx.company.findFirst({ where: { nip: values.nip, id: others }, select: { name: true } }) : null;
  if (byNip) fields.nip = `NIP already used by company ${byNip.name}`;
  if (Object.keys(fields).length > 0) throw validation(fields);
}

/** Maps a unique violation that slipped past assertCompanyUnique (a concurrent write) to a field message. */
export function companyWriteError(error: unknown): unknown {
  if (isUniqueViolation(error, 'code')) return validation({ code: 'code already in use' });
  if (isUniqueViolation(error, 'nip')) return validation({ nip: 'NIP already in use' });
  return error;
}
