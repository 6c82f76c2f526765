// Field rules and checks shared by the employee use cases.
import { z } from 'zod';
import type { Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import { Locale, ReminderChannel, Role } from '../../generated/prisma/enums.ts';
import { isUniqueViolation } from '../shared/unique-violation.ts';
import { id, requiredText } from '../shared/schemas.ts';

/** Never hand the password hash out of the domain. */
export const employeeOmit = { passwordHash: true } as const;

/** The canonical IANA name ("europe/warsaw" → "Europe/Warsaw"), or null for anything else (offsets included). */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][\w+-]*(\/[\w+-]+)*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export const workingHours = z
  .object({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'at least one day')
      .refine((days) => new Set(days).size === days.length, 'each day at most once')
      .transform((days) => [...days].sort((a, b) => a - b)),
    start: clock,
    end: clock,
  })
  // "HH:MM" strings compare like times.
  .refine((w) => w.start < w.end, { path: ['end'], message: 'end must be after start' });

export const employeeFields = {
  name: requiredText(200),
  email: z.string().trim().toLowerCase().pipe(z.email('invalid e-mail address').max(254)),
  slackUserId: z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const slackId = v?.trim().toUpperCase();
      if (!slackId) return null;
      if (!/^[UW][A-Z0-9]{2,20}$/.test(slackId)) ctx.addIssue({ code: 'custom', message: 'expected a Slack user id such as U012AB3CD' });
      return slackId;
    }),
  role: z.enum(Role),
  active: z.boolean(),
  timeZone: z.string().transform((v, ctx) => {
    const zone = canonicalTimeZone(v.trim());
    if (!zone) ctx.addIssue({ code: 'custom', message: 'unknown time zone' });
    return zone ?? z.NEVER;
  }),
  locale: z.enum(Locale),
  reminderChannel: z.enum(ReminderChannel),
  workingHours,
  managerId: id.nullish(),
};

/** Fields an employee may change on their own record; everything else needs an admin. */
export const SELF_SERVICE_FIELDS = ['locale', 'timeZone', 'reminderChannel', 'workingHours'] as const;

/**
 * Refuses a manager that does not exist or that would close a loop (the employee managing,
 * directly or through others, their own manager). Pass employeeId null for a new employee.
 * Callers changing a manager hold lockManagerChanges so two changes cannot close a loop together.
 */
export async function assertManagerAllowed(tx: Tx, employeeId: number | null, managerId: number) {
  if (managerId === employeeId) throw validation({ managerId: 'an employee cannot be their own manager' });
  // The new manager and everyone above them; UNION stops on a loop already in the data.
  const chain = await tx.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE chain(id, "managerId") AS (
      SELECT id, "managerId" FROM "Employee" WHERE id = ${managerId}
      UNION
      SELECT e.id, e."managerId" FROM "Employee" e JOIN chain c ON e.id = c."managerId"
    )
    SELECT id FROM chain`;
  if (chain.length === 0) throw validation({ managerId: `employee ${managerId} does not exist` });
  if (chain.some((row) => row.id === employeeId)) throw validation({ managerId: 'this would make the employee their own manager indirectly' });
}

/** Serialises manager changes until the transaction ends (the cycle check reads, then writes). */
export async function lockManagerChanges(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kontakt:employee-manager'))`;
}

/** Refuses an e-mail or Slack id another employee has, naming them (the unique indexes are the backstop). */
export async function assertEmployeeUnique(tx: Tx, values: { email?: string; slackUserId?: string | null }, exceptId?: number) {
  const fields: Record<string, string> = {};
  const others = { not: exceptId ?? -1 };
  const byEmail = values.email ? await tx.employee.findFirst({ where: { email: values.email, id: others }, select: { name: true } }) : null;
  if (byEmail) fields.email = `e-mail already used by employee ${byEmail.name}`;
  const bySlack = values.slackUserId
    ? await tx.employee.findFirst({ where: { slackUserId: values.slackUserId, id: others }, select: { name: true } })
    : null;
  if (bySlack) fields.slackUserId = `Slack user already linked to employee ${bySlack.name}`;
  if (Object.keys(fields).length > 0) throw validation(fields);
}

export function employeeWriteError(error: unknown): unknown {
  if (isUniqueViolation(error, 'email')) return validation({ email: 'e-mail already in use' });
  if (isUniqueViolation(error, 'slackUserId')) return validation({ slackUserId: 'Slack user already linked to another employee' });
  return error;
}
