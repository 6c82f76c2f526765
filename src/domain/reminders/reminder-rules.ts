// The reminder rules: built-in defaults, overridden in layers — the global Setting "reminders",
// the contact kind (ContactKind.reminderRules) and the employee (Employee.reminderRules). Each
// stored layer is a partial object of the same shape; the layers are merged field by field.
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';

export type ReminderRules = {
  /** Before a deadline: one warning per offset (hours). The smallest is only sent inside working hours. */
  dueSoon: { enabled: boolean; offsetsHours: number[] };
  /** When the deadline passes, then once each working morning. */
  overdue: { enabled: boolean };
  /** To the owner's manager (or the admins) once overdue for this many working days, each working morning. */
  escalation: { enabled: boolean; afterWorkingDays: number };
  /** The list of open high-priority contacts, each working day at `time` (recipient's zone). */
  digest: { enabled: boolean; time: string };
  /** When a snooze runs out on something still due within 24 h or overdue. */
  snoozeEnded: { enabled: boolean };
};

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  dueSoon: { enabled: true, offsetsHours: [24, 1] },
  overdue: { enabled: true },
  escalation: { enabled: true, afterWorkingDays: 3 },
  digest: { enabled: true, time: '08:30' },
  snoozeEnded: { enabled: true },
};

/** The Setting key of the global rules. */
export const REMINDER_SETTING_KEY = 'reminders';

const offsets = z
  .array(z.number().positive().max(24 * 30))
  .min(1, 'at least one offset')
  .max(5, 'at most five offsets')
  .refine((v) => new Set(v).size === v.length, 'each offset at most once')
  .refine((v) => v.every((h) => Number.isInteger(h * 60)), 'whole minutes only')
  .transform((v) => [...v].sort((a, b) => b - a));

/** One layer of overrides: any subset of the fields. Unknown keys are refused. */
export const reminderRulesPatch = z
  .object({
    dueSoon: z.object({ enabled: z.boolean(), offsetsHours: offsets }).partial().strict(),
    overdue: z.object({ enabled: z.boolean() }).partial().strict(),
    escalation: z.object({ enabled: z.boolean(), afterWorkingDays: z.number().int().min(1).max(30) }).partial().strict(),
    digest: z.object({ enabled: z.boolean(), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM') }).partial().strict(),
    snoozeEnded: z.object({ enabled: z.boolean() }).partial().strict(),
  })
  .partial()
  .strict();

export type ReminderRulesPatch = z.output<typeof reminderRulesPatch>;

/** A stored layer; anything unreadable counts as no overrides (a bad value must not stop reminders). */
export function readRulesPatch(value: unknown): ReminderRulesPatch {
  if (value === null || value === undefined) return {};
  const parsed = reminderRulesPatch.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** `patch` over `base`, field by field (a later layer wins). */
export function mergePatches(base: ReminderRulesPatch, patch: ReminderRulesPatch): ReminderRulesPatch {
  const out: ReminderRulesPatch = { ...base };
  for (const key of Object.keys(patch) as (keyof ReminderRulesPatch)[]) {
    out[key] = { ...base[key], ...patch[key] } as never;
  }
  return out;
}

/** The effective rules: defaults, then each layer in order (global, kind, employee). */
export function mergeRules(...layers: ReminderRulesPatch[]): ReminderRules {
  return layers.reduce<ReminderRules>(
    (rules, layer) => mergePatches(rules, layer) as ReminderRules,
    DEFAULT_REMINDER_RULES,
  );
}

/**
 * The layers as read from the database, merged per (kind, employee) on demand and memoised: one
 * planning run asks for the same few combinations thousands of times.
 */
export class RuleBook {
  private readonly cache = new Map<string, ReminderRules>();

  constructor(
    private readonly global: ReminderRulesPatch,
    private readonly kinds: ReadonlyMap<number, ReminderRulesPatch>,
    private readonly employees: ReadonlyMap<number, ReminderRulesPatch>,
  ) {}

  /** The rules for a recipient about a contact of a kind (null: no kind, e.g. the digest). */
  for(kindId: number | null, employeeId: number): ReminderRules {
    const key = `${kindId ?? ''}:${employeeId}`;
    let rules = this.cache.get(key);
    if (!rules) {
      rules = mergeRules(this.global, (kindId !== null && this.kinds.get(kindId)) || {}, this.employees.get(employeeId) ?? {});
      this.cache.set(key, rules);
    }
    return rules;
  }

  /** Every due-soon offset any combination may use: the planner queries each once. */
  allOffsets(): number[] {
    const all = new Set<number>(mergeRules(this.global).dueSoon.offsetsHours);
    for (const layer of [...this.kinds.values(), ...this.employees.values()]) layer.dueSoon?.offsetsHours?.forEach((h) => all.add(h));
    return [...all].sort((a, b) => b - a);
  }
}

/**
 * The rule book for the given employees: the global Setting, every kind with overrides (a short
 * list) and the employees' own overrides.
 */
export async function loadRuleBook(db: Db | Tx, employees: ReadonlyArray<{ id: number; reminderRules: unknown }>): Promise<RuleBook> {
  // One statement: it runs for every batch of reminders the workers decide.
  const [row] = await db.$queryRaw<{ setting: unknown; kinds: { id: number; reminderRules: unknown }[] | null }[]>`
    SELECT (SELECT value FROM "Setting" WHERE key = ${REMINDER_SETTING_KEY}) AS setting,
           (SELECT json_agg(json_build_object('id', id, 'reminderRules', "reminderRules")) FROM "ContactKind" WHERE "reminderRules" IS NOT NULL) AS kinds`;
  return new RuleBook(
    readRulesPatch(row?.setting),
    new Map((row?.kinds ?? []).map((k) => [k.id, readRulesPatch(k.reminderRules)])),
    new Map(employees.map((e) => [e.id, readRulesPatch(e.reminderRules)])),
  );
}
