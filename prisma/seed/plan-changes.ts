// The later life of the planned contacts: contacts that came in by e-mail and were assigned,
// handed between salespeople, edited, snoozed, closed, reopened; prices renegotiated.
import { addDays, addMinutes, daysBetween, earliest } from './clock.ts';
import type { EmployeeKey } from './data/employees.ts';
import {
  employeeActor, endOf, minutesAfter, officeHours, officeTimeBetween, ownerActor, withRandom, type PlanContext,
} from './plan-context.ts';
import type { ContactPlan, LifecycleStep } from './plan-types.ts';

const SALESPEOPLE: EmployeeKey[] = ['magdalena', 'pawel', 'oliwia'];

/** Up to n plans passing the filter that no earlier scenario took (`taken` grows). */
function choose(ctx: PlanContext, plans: ContactPlan[], taken: Set<ContactPlan>, n: number, filter: (p: ContactPlan) => boolean) {
  const chosen = ctx.rng.sample(plans.filter((p) => !taken.has(p) && filter(p)), n);
  chosen.forEach((p) => taken.add(p));
  return chosen;
}

export function planChanges(ctx: PlanContext, plans: ContactPlan[]): void {
  planOwnership(withRandom(ctx, 'ownership'), plans);
  const reopened = planReopening(withRandom(ctx, 'reopening'), plans);
  planEdits(withRandom(ctx, 'edits'), plans, reopened);
  for (const plan of plans) {
    if (plan.closedAt && !plan.lifecycle.some((s) => s.type === 'close')) {
      const actor = ownerActor(withRandom(ctx, `closing ${plan.key}`), plan, plan.closedAt);
      plan.lifecycle.push({ type: 'close', at: plan.closedAt, actor, outcome: outcomeOf(plan) });
    }
    plan.lifecycle.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}

const outcomeOf = (plan: ContactPlan) => (plan.state === 'open' || plan.state === 'closed' ? null : plan.state);

/** Contacts the mail ingester created (some still waiting for an owner) and contacts handed to another salesperson. */
function planOwnership(ctx: PlanContext, plans: ContactPlan[]) {
  const taken = new Set<ContactPlan>();
  const fromMail = (p: ContactPlan) => ['sales', 'service', 'complaint'].includes(p.topic) && !p.link;
  for (const plan of choose(ctx, plans, taken, 4, (p) => fromMail(p) && p.state === 'open')) {
    plan.creator = { employee: null, channel: 'email' };
    plan.fields.owner = null;
  }
  for (const plan of choose(ctx, plans, taken, 16, fromMail)) {
    const owner = plan.fields.owner!;
    plan.creator = { employee: null, channel: 'email' };
    plan.fields.owner = null;
    // Assigned by the manager within hours of the e-mail's arrival.
    const at = earliest(minutesAfter(ctx, plan.registeredAt, 20, 300), addMinutes(endOf(ctx, plan), -30));
    plan.reassign = { at, actor: employeeActor(ctx, 'manager', 0.5), owner };
  }
  // Holidays and changed regions: the manager moves a few contacts between salespeople.
  const handed = (p: ContactPlan) => SALESPEOPLE.includes(p.fields.owner!) && daysBetween(p.registeredAt, endOf(ctx, p)) > 5;
  for (const plan of choose(ctx, plans, taken, 6, handed)) {
    const owner = plan.fields.owner!;
    const previous = ctx.rng.pick(SALESPEOPLE.filter((e) => e !== owner));
    plan.fields.owner = previous;
    plan.creator = employeeActor(ctx, previous);
    const at = officeTimeBetween(ctx, addDays(plan.registeredAt, 1), addDays(endOf(ctx, plan), -1));
    plan.reassign = { at, actor: employeeActor(ctx, 'manager'), owner };
  }
}

/** Closed and reopened: lost deals that came back, faults that returned, a cancellation that was a mistake. */
function planReopening(ctx: PlanContext, plans: ContactPlan[]): Set<ContactPlan> {
  const taken = new Set<ContactPlan>();
  const owned = (p: ContactPlan) => p.fields.owner !== null || p.reassign !== null;
  const reopen = (plan: ContactPlan, steps: [number, LifecycleStep['type'], ContactPlan['state'] | null][], span: [Date, Date]) => {
    const [from, to] = span.map((t) => t.getTime()) as [number, number];
    let previous = span[0];
    for (const [share, type, outcome] of steps) {
      // The ends of the span are already in office hours; the steps between them are moved there.
      const raw = new Date(from + share * (to - from));
      const at = share === 0 || share === 1 ? raw : officeHours(ctx, raw, addMinutes(previous, 30), addMinutes(span[1], -60));
      previous = at;
      const actor = ownerActor(ctx, plan, at);
      plan.lifecycle.push(type === 'close' ? { type, at, actor, outcome: outcome === 'closed' || outcome === 'open' ? null : outcome } : { type: 'reopen', at, actor });
    }
  };
  for (const plan of choose(ctx, plans, taken, 2, (p) => p.topic === 'sales' && p.state === 'open' && owned(p) && daysBetween(p.registeredAt, ctx.now) >= 20)) {
    const closed = officeTimeBetween(ctx, addDays(plan.registeredAt, 2), addDays(ctx.now, -8));
    const reopened = officeTimeBetween(ctx, addDays(closed, 1), addDays(ctx.now, -1));
    reopen(plan, [[0, 'close', 'lost'], [1, 'reopen', null]], [closed, reopened]);
    plan.fields.probability = null; // set again when the talks resume
  }
  const long = (p: ContactPlan) => owned(p) && p.closedAt !== null && daysBetween(p.registeredAt, p.closedAt) >= 6;
  for (const plan of choose(ctx, plans, taken, 2, (p) => long(p) && p.state === 'closed' && p.topic !== 'general')) {
    reopen(plan, [[0.4, 'close', 'closed'], [0.6, 'reopen', null], [1, 'close', 'closed']], [plan.registeredAt, plan.closedAt!]);
  }
  for (const plan of choose(ctx, plans, taken, 1, (p) => long(p) && p.state === 'won')) {
    reopen(plan, [[0.5, 'close', 'cancelled'], [0.7, 'reopen', null], [1, 'close', 'won']], [plan.registeredAt, plan.closedAt!]);
  }
  return taken;
}

/**
 * Edits: the contact is created with an earlier value and changed later to the planned one, so
 * the history shows who changed what. Every step changes its field (no empty edits).
 */
function planEdits(ctx: PlanContext, plans: ContactPlan[], reopened: Set<ContactPlan>) {
  const { rng, now } = ctx;
  const edit = (plan: ContactPlan, data: Extract<LifecycleStep, { type: 'update' }>['data'], from = plan.registeredAt) => {
    const at = officeTimeBetween(ctx, addMinutes(from, 30), addMinutes(plan.closedAt ?? now, -30));
    plan.lifecycle.push({ type: 'update', at, actor: ownerActor(ctx, plan, at, 0.3), data });
  };
  const editable = plans.filter((p) => !reopened.has(p) && (p.fields.owner !== null || p.reassign !== null));
  const open = editable.filter((p) => p.state === 'open');

  for (const plan of rng.sample(open.filter((p) => p.fields.priority === 'high'), 10)) {
    plan.fields.priority = 'normal';
    edit(plan, { priority: 'high' });
  }
  for (const plan of rng.sample(editable.filter((p) => p.state !== 'open' && p.fields.priority === 'low'), 3)) {
    plan.fields.priority = 'normal';
    edit(plan, { priority: 'low' });
  }
  // Deadlines moved back: the contact was due earlier at first.
  for (const plan of rng.sample(open.filter((p) => p.bucket === 'week' || p.bucket === 'later'), 8)) {
    const due = plan.fields.dueAt!;
    plan.fields.dueAt = officeHours(ctx, addDays(due, -rng.int(3, 10)), addMinutes(plan.registeredAt, 60), addMinutes(due, -60));
    edit(plan, { dueAt: due });
  }
  for (const plan of rng.sample(open.filter((p) => (p.fields.probability ?? 0) >= 30), 5)) {
    const probability = plan.fields.probability!;
    plan.fields.probability = probability - 20;
    edit(plan, { probability });
  }
  for (const plan of rng.sample(editable.filter((p) => p.fields.description !== '' && p.creator.employee !== null), 4)) {
    const description = plan.fields.description;
    plan.fields.description = '';
    edit(plan, { description });
  }
  // Snoozed until a day in the coming week or so, shortly before now.
  for (const plan of rng.sample(open.filter((p) => p.bucket !== 'today'), 8)) {
    edit(plan, { snoozedUntil: ctx.cal.at(addDays(now, rng.int(1, 10)), 8, 0) }, new Date(Math.max(plan.registeredAt.getTime(), addDays(now, -3).getTime())));
  }
  // A dozen offers limited to their sales subject; ten prices renegotiated after the first offer.
  const withSubject = plans.filter((p) => p.topic === 'sales' && p.salesSubject.length > 0);
  for (const plan of rng.sample(withSubject, 12)) plan.fields.restrictToSalesLines = true;
  for (const plan of rng.sample(withSubject.filter((p) => p.state === 'open' || p.state === 'won'), 10)) {
    const line = rng.pick(plan.salesSubject);
    line.firstPrice = (Math.ceil(Number(line.unitNetPrice) * 1.08)).toFixed(2);
  }
}
