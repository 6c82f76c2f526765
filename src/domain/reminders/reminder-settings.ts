// Editing the reminder rules: the global defaults (Setting "reminders"), a contact kind's and an
// employee's overrides. Stored values are partial (only what differs); reading merges the layers.
import { z } from 'zod';
import { Prisma, type Db, type Tx } from '../../db.ts';
import { forbidden, notFound } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import {
  mergePatches, mergeRules, readRulesPatch, REMINDER_SETTING_KEY, reminderRulesPatch, type ReminderRules, type ReminderRulesPatch,
} from './reminder-rules.ts';

/** The global rules in force: the defaults with the global overrides. */
export async function getReminderRules(db: Db | Tx): Promise<ReminderRules> {
  const setting = await db.setting.findUnique({ where: { key: REMINDER_SETTING_KEY }, select: { value: true } });
  return mergeRules(readRulesPatch(setting?.value));
}

/**
 * Changes the global rules (admins only): `patch` is merged into what is stored, field by field
 * ({ digest: { time: '09:00' } } changes only the digest time). Returns the rules in force.
 */
export async function setReminderRules(db: Db | Tx, actor: Actor, patch: unknown): Promise<ReminderRules> {
  if (!isPrivileged(actor)) throw forbidden('Only an admin may change the reminder rules');
  const changes = parseInput(reminderRulesPatch, patch);
  const setting = await db.setting.findUnique({ where: { key: REMINDER_SETTING_KEY }, select: { value: true } });
  const stored = mergePatches(readRulesPatch(setting?.value), changes);
  await db.setting.upsert({ where: { key: REMINDER_SETTING_KEY }, create: { key: REMINDER_SETTING_KEY, value: stored }, update: { value: stored } });
  return mergeRules(stored);
}

/** The rules in force for an employee about a contact of a kind (null: no kind). */
export async function getEffectiveReminderRules(db: Db | Tx, input: { employeeId: number; kindId?: number | null }): Promise<ReminderRules> {
  const [setting, kind, employee] = await Promise.all([
    db.setting.findUnique({ where: { key: REMINDER_SETTING_KEY }, select: { value: true } }),
    input.kindId ? db.contactKind.findUnique({ where: { id: input.kindId }, select: { reminderRules: true } }) : null,
    db.employee.findUnique({ where: { id: input.employeeId }, select: { reminderRules: true } }),
  ]);
  if (!employee) throw notFound('Employee', input.employeeId);
  return mergeRules(readRulesPatch(setting?.value), readRulesPatch(kind?.reminderRules), readRulesPatch(employee.reminderRules));
}

/** A layer's overrides; null removes them all (the layer then inherits everything). */
const overrides = reminderRulesPatch.nullable();

const kindRulesInput = z.object({ kindId: id, rules: overrides });
const employeeRulesInput = z.object({ employeeId: id, rules: overrides });

const stored = (rules: ReminderRulesPatch | null) => (rules === null || Object.keys(rules).length === 0 ? Prisma.DbNull : rules);

/**
 * Replaces a contact kind's overrides (admins only). Replaced, not merged: leaving a field out
 * is how it goes back to the global value.
 */
export async function setKindReminderRules(db: Db | Tx, actor: Actor, input: z.input<typeof kindRulesInput>): Promise<ReminderRulesPatch | null> {
  if (!isPrivileged(actor)) throw forbidden('Only an admin may change the reminder rules of a contact kind');
  const { kindId, rules } = parseInput(kindRulesInput, input);
  const { count } = await db.contactKind.updateMany({ where: { id: kindId }, data: { reminderRules: stored(rules) } });
  if (count === 0) throw notFound('Contact kind', kindId);
  return rules;
}

/** Replaces an employee's overrides: the employee themselves or an admin. Replaced, not merged. */
export async function setEmployeeReminderRules(db: Db | Tx, actor: Actor, input: z.input<typeof employeeRulesInput>): Promise<ReminderRulesPatch | null> {
  const { employeeId, rules } = parseInput(employeeRulesInput, input);
  if (!isPrivileged(actor) && actor.employeeId !== employeeId) throw forbidden('Only the employee or an admin may change their reminder rules');
  const { count } = await db.employee.updateMany({ where: { id: employeeId }, data: { reminderRules: stored(rules) } });
  if (count === 0) throw notFound('Employee', employeeId);
  return rules;
}
