// What every planning step shares: the seeded generator, the clock and the master data, plus
// the small time and actor helpers built on them.
import { addDays, addMinutes, calendar, earliest, latest, type Calendar } from './clock.ts';
import { DEMO_MEMBERS, DEMO_ADMIN, type EmployeeKey } from './data/employees.ts';
import type { PlannedCompany } from './plan-master-data.ts';
import type { ActorRef, ContactPlan } from './plan-types.ts';
import { forkRandom, type Random } from './random.ts';

export type PlanContext = {
  seed: number;
  rng: Random;
  now: Date;
  timeZone: string;
  cal: Calendar;
  /** Nothing is registered before 1 January of last year. */
  start: Date;
  companies: Map<string, PlannedCompany>;
};

export function planContext(seed: number, now: Date, timeZone: string, companies: PlannedCompany[]): PlanContext {
  const cal = calendar(timeZone);
  return {
    seed, rng: forkRandom(seed, 'contacts'), now, timeZone, cal,
    start: cal.startOfYear(cal.year(now) - 1),
    companies: new Map(companies.map((c) => [c.code, c])),
  };
}

/**
 * The context with a generator of its own for one contact or one scenario. The plan depends on
 * the clock (a delivery is either before now or not), so a decision can differ from one day to
 * the next; separate generators keep such a difference from reshuffling everything after it.
 */
export const withRandom = (ctx: PlanContext, label: string): PlanContext => ({ ...ctx, rng: forkRandom(ctx.seed, label) });

const HAS_SLACK = new Set<EmployeeKey>([
  ...(DEMO_ADMIN.slackUserId ? [DEMO_ADMIN.key] : []),
  ...DEMO_MEMBERS.filter((m) => m.slackUserId).map((m) => m.key),
]);

/** An instant between a and b, on a whole minute unless the range is narrower (b before a gives a). */
export function between(ctx: PlanContext, a: Date, b: Date): Date {
  const share = ctx.rng.float(); // drawn even when unused, so the draws that follow do not depend on the clock
  if (b <= a) return a;
  const t = new Date(Math.ceil((a.getTime() + share * (b.getTime() - a.getTime())) / 60_000) * 60_000);
  return t > b ? b : t;
}

/** Office hours on the same (working) day, kept inside [min, max]. */
export function officeHours(ctx: PlanContext, day: Date, min: Date, max: Date): Date {
  const t = ctx.cal.at(day, ctx.rng.int(8, 16), ctx.rng.int(0, 59), { workingDay: true });
  return latest(min, earliest(t, max));
}

/** A time somewhere between a and b, in office hours when that day's office hours fall inside the range. */
export function officeTimeBetween(ctx: PlanContext, a: Date, b: Date): Date {
  const day = between(ctx, a, b);
  const t = ctx.cal.at(day, ctx.rng.int(8, 16), ctx.rng.int(0, 59), { workingDay: true });
  return t >= a && t <= b ? t : day;
}

export const minutesAfter = (ctx: PlanContext, t: Date, min: number, max: number) => addMinutes(t, ctx.rng.int(min, max));
export const daysAfter = (ctx: PlanContext, t: Date, min: number, max: number) => addDays(t, ctx.rng.int(min, max));

/** The end of a contact's active life: its final closing, or now. */
export const endOf = (ctx: PlanContext, plan: ContactPlan) => plan.closedAt ?? new Date(Math.floor(ctx.now.getTime() / 60_000) * 60_000 - 5 * 60_000);

/** Who owned the contact at `t` (null: nobody yet, e.g. a contact created from an e-mail). */
export function ownerAt(plan: ContactPlan, t: Date): EmployeeKey | null {
  return plan.reassign && t >= plan.reassign.at ? plan.reassign.owner : plan.fields.owner;
}

/** The employee acting through the panel, or through Slack now and then if they have it. */
export function employeeActor(ctx: PlanContext, employee: EmployeeKey, slackShare = 0.25): ActorRef {
  return { employee, channel: HAS_SLACK.has(employee) && ctx.rng.chance(slackShare) ? 'slack' : 'panel' };
}

/** The owner at `t`, sometimes their manager; the manager when nobody owns it yet. */
export function ownerActor(ctx: PlanContext, plan: ContactPlan, t: Date, managerShare = 0.1): ActorRef {
  const owner = ownerAt(plan, t);
  return employeeActor(ctx, !owner || ctx.rng.chance(managerShare) ? 'manager' : owner);
}

/** The owner at `t` (the manager when nobody owns it yet) working in the panel: documents and sales subjects are edited there. */
export const panelActor = (plan: ContactPlan, t: Date): ActorRef => ({ employee: ownerAt(plan, t) ?? 'manager', channel: 'panel' });

export const isoDate = (ctx: PlanContext, t: Date) => ctx.cal.date(t).toISOString().slice(0, 10);
