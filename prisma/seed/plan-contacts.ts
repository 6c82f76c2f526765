// Plans the 200 contacts: which company, when, in which state, with which fields. Fixed counts
// per state, deadline and priority (dealt out, then shuffled) make every case the panel can show
// appear whatever the seed; the seed decides which contact gets which.
import { addDays, addMinutes, daysBetween } from './clock.ts';
import { ARTICLES, SERVICE_ARTICLES, type DemoArticle } from './data/articles.ts';
import { PAYMENT_FORM_WEIGHTS } from './data/catalog.ts';
import { CONTACT_DESCRIPTIONS, CONTACT_TITLES, DEPARTMENTS, EXTERNAL_NUMBER_PATTERNS, FLOORS, type Topic } from './data/contact-texts.ts';
import { OWNER_WEIGHTS } from './data/employees.ts';
import {
  employeeActor, isoDate, officeHours, officeTimeBetween, daysAfter, withRandom, type PlanContext,
} from './plan-context.ts';
import type { PlannedCompany } from './plan-master-data.ts';
import type { ContactPlan, DeadlineBucket, FinalState, Priority, SalesLinePlan } from './plan-types.ts';
import { fillText, polishDate, type TextVars } from './texts.ts';
import type { Random } from './random.ts';

const STATES: Record<Topic, Partial<Record<FinalState, number>>> = {
  sales: { open: 45, won: 25, lost: 22, cancelled: 13 },
  service: { open: 12, closed: 16, cancelled: 2 },
  complaint: { open: 9, closed: 13, cancelled: 3 },
  supplier: { open: 10, closed: 13, cancelled: 2 },
  general: { open: 7, closed: 7, cancelled: 1 },
};
/** Deadlines of the open contacts; the rest are due later than this week. */
const BUCKETS = { overdue: 20, today: 8, week: 18, none: 15 };
const OPEN_PRIORITIES = { high: 18, low: 15 };
const CLOSED_PRIORITIES = { high: 20, low: 22 };

export const KIND_OF_TOPIC: Record<Topic, string | null> = {
  sales: 'Szansa sprzedaży', supplier: 'Sprawa dostawcy', service: 'Sprawa serwisowa', complaint: 'Reklamacja', general: null,
};
const OWNER_POOL: Record<Topic, keyof typeof OWNER_WEIGHTS> = {
  sales: 'sales', service: 'service', complaint: 'service', supplier: 'supplier', general: 'supplier',
};
const PROBABILITIES = [10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90];
const DISCOUNTS = [0, 0, 3, 5, 5, 7, 10, 12, 15];
const LINE_NOTES = ['kolor: dąb sonoma', 'tkanina szara', 'dostawa na 3. piętro, bez windy', 'montaż w cenie', 'kółka do powierzchni twardych'];

/** `counts` of each value and `fill` for the rest, shuffled. */
function deal<K extends string>(rng: Random, total: number, counts: Partial<Record<K, number>>, fill: K): K[] {
  const dealt = Object.entries(counts).flatMap(([value, n]) => Array<K>(n as number).fill(value as K));
  if (dealt.length > total) throw new Error('more dealt than slots');
  return rng.shuffle([...dealt, ...Array<K>(total - dealt.length).fill(fill)]);
}

type Slot = { topic: Topic; state: FinalState; bucket: DeadlineBucket | null; priority: Priority };

function slots(rng: Random): Slot[] {
  const all = Object.entries(STATES).flatMap(([topic, states]) =>
    Object.entries(states).flatMap(([state, n]) => Array.from({ length: n }, () => ({ topic: topic as Topic, state: state as FinalState }))),
  );
  const open = all.filter((s) => s.state === 'open');
  const closed = all.filter((s) => s.state !== 'open');
  const buckets = deal<DeadlineBucket>(rng, open.length, BUCKETS, 'later');
  const openPriorities = deal<Priority>(rng, open.length, OPEN_PRIORITIES, 'normal');
  const closedPriorities = deal<Priority>(rng, closed.length, CLOSED_PRIORITIES, 'normal');
  return [
    ...open.map((s, i) => ({ ...s, bucket: buckets[i]!, priority: openPriorities[i]! })),
    ...closed.map((s, i) => ({ ...s, bucket: null, priority: closedPriorities[i]! })),
  ];
}

/** The contacts with their fields and sales subjects; timelines and later changes are added by the other planners. */
export function planContactBases(ctx: PlanContext): ContactPlan[] {
  const plans: ContactPlan[] = [];
  // Sales first: complaints refer to orders delivered before them.
  for (const slot of slots(withRandom(ctx, 'slots').rng)) plans.push(basePlan(withRandom(ctx, `contact ${plans.length}`), slot, plans));
  return plans;
}

function basePlan(ctx: PlanContext, slot: Slot, earlier: ContactPlan[]): ContactPlan {
  const { rng, now } = ctx;
  const { topic, state, bucket } = slot;
  const related = topic === 'complaint' && rng.chance(0.5) ? pickDelivered(ctx, earlier) : null;
  const company = related ? ctx.companies.get(related.companyCode)! : pickCompany(ctx, topic, state);
  const person = related ? related.person : rng.chance(0.9) ? rng.int(0, company.people.length - 1) : null;
  const registeredAt = related
    ? officeHours(ctx, daysAfter(ctx, related.deliveredAt!, 2, 30), addDays(related.deliveredAt!, 1), addDays(now, -1))
    : registration(ctx, state, bucket);
  const closedAt = state === 'open' ? null : officeHours(ctx, daysAfter(ctx, registeredAt, 2, 70), addMinutes(registeredAt, 60), addMinutes(now, -120));
  const delivery = state === 'won' ? officeHours(ctx, daysAfter(ctx, closedAt!, 5, 20), addDays(closedAt!, 1), addDays(now, 60)) : null;
  const salesSubject = planSalesSubject(rng, topic, state);
  const owner = rng.weighted(OWNER_WEIGHTS[OWNER_POOL[topic]]);
  const sales = topic === 'sales';
  const forecast = sales && rng.chance(state === 'open' ? 0.6 : state === 'won' || state === 'lost' ? 0.3 : 0);

  const article = ARTICLES.find((a) => a.code === (related?.salesSubject[0] ?? salesSubject[0])?.articleCode) ?? rng.pick(ARTICLES);
  const vars = textVars(ctx, company, person, registeredAt, article);
  if (related?.deliveredAt) vars.date = polishDate(related.deliveredAt, ctx.timeZone);
  const year = ctx.cal.year(registeredAt);

  return {
    key: earlier.length,
    topic,
    state,
    bucket,
    kindName: KIND_OF_TOPIC[topic],
    companyCode: company.code,
    person,
    registeredAt,
    closedAt,
    deliveredAt: delivery && delivery <= addMinutes(now, -60) ? delivery : null,
    // One in ten is registered by the manager for the owner.
    creator: employeeActor(ctx, rng.chance(0.1) ? 'manager' : owner),
    fields: {
      title: fillText(rng.pick(CONTACT_TITLES[topic]), vars),
      description: fillText(rng.pick(CONTACT_DESCRIPTIONS[topic]), vars),
      priority: slot.priority,
      dueAt: dueDate(ctx, bucket, registeredAt, closedAt),
      snoozedUntil: null,
      probability: forecast ? rng.pick(PROBABILITIES) : null,
      expectedCloseAt: forecast ? isoDate(ctx, closedAt ?? daysAfter(ctx, now, 7, 120)) : null,
      restrictToSalesLines: false,
      externalNumber: rng.chance(0.2) ? fillText(rng.pick(EXTERNAL_NUMBER_PATTERNS[topic]), { year, n: String(rng.int(12, 980)).padStart(3, '0') }) : null,
      owner,
    },
    salesSubject,
    reassign: null,
    timeline: [],
    lifecycle: [],
    documents: [],
    // Its time and actor are set with the timeline.
    link: related ? { at: registeredAt, actor: { employee: owner, channel: 'panel' }, invoiceOf: related.key, text: undefined } : null,
  };
}

export function textVars(ctx: PlanContext, company: PlannedCompany, person: number | null, at: Date, article: DemoArticle): TextVars {
  const { rng } = ctx;
  const year = ctx.cal.year(at);
  return {
    person: company.people[person ?? rng.int(0, company.people.length - 1)]!.name,
    company: company.name,
    city: company.city,
    article: article.name,
    qty: rng.int(4, 30),
    n: rng.int(3, 25),
    floor: rng.pick(FLOORS),
    department: rng.pick(DEPARTMENTS),
    year,
    nextYear: year + 1,
    date: polishDate(at, ctx.timeZone),
    discount: rng.pick(DISCOUNTS.filter(Boolean)),
  };
}

/** A won sale whose goods arrived at least five days ago, at a company still trading. */
function pickDelivered(ctx: PlanContext, earlier: ContactPlan[]): ContactPlan | null {
  const limit = addDays(ctx.now, -5);
  const delivered = earlier.filter((p) => p.deliveredAt && p.deliveredAt < limit && !ctx.companies.get(p.companyCode)!.closedDown);
  return delivered.length ? ctx.rng.pick(delivered) : null;
}

function pickCompany(ctx: PlanContext, topic: Topic, state: FinalState): PlannedCompany {
  const { rng } = ctx;
  const kinds: PlannedCompany['kind'][] =
    topic === 'sales' ? (state !== 'won' && rng.chance(0.3) ? ['prospect'] : ['client'])
    : topic === 'supplier' ? ['supplier']
    : topic === 'general' ? ['partner']
    : ['client'];
  // A company that closed down only has contacts that ended.
  return rng.pick([...ctx.companies.values()].filter((c) => kinds.includes(c.kind) && (state !== 'open' || !c.closedDown)));
}

function registration(ctx: PlanContext, state: FinalState, bucket: DeadlineBucket | null): Date {
  const { rng, now } = ctx;
  const daysAgo =
    state !== 'open' ? rng.int(21, Math.max(22, daysBetween(ctx.start, now)))
    : bucket === 'overdue' ? rng.int(20, 160)
    : rng.int(1, 100);
  return officeHours(ctx, addDays(now, -daysAgo), ctx.start, addMinutes(now, -30));
}

function dueDate(ctx: PlanContext, bucket: DeadlineBucket | null, registeredAt: Date, closedAt: Date | null): Date | null {
  const { rng, now, cal } = ctx;
  switch (bucket) {
    case null:
      return rng.chance(0.6) ? officeTimeBetween(ctx, addDays(registeredAt, 1), closedAt!) : null;
    case 'overdue': {
      const from = new Date(Math.max(addMinutes(registeredAt, 60).getTime(), addDays(now, -20).getTime()));
      return officeTimeBetween(ctx, from, addMinutes(now, -30));
    }
    case 'today':
      // Later today in the company's time zone (late in the evening if the demo starts late).
      return [cal.at(now, 16), cal.at(now, 17, 30), cal.at(now, 23, 59)].find((t) => t > addMinutes(now, 5)) ?? addMinutes(now, 1);
    case 'week':
      return officeHours(ctx, addDays(now, rng.int(1, 6)), addMinutes(now, 60), addDays(now, 7));
    case 'later':
      return officeHours(ctx, addDays(now, rng.int(8, 60)), addDays(now, 7), addDays(now, 90));
    case 'none':
      return null;
  }
}

function planSalesSubject(rng: Random, topic: Topic, state: FinalState): SalesLinePlan[] {
  const paymentForm = rng.weighted(PAYMENT_FORM_WEIGHTS);
  const line = (article: DemoArticle): SalesLinePlan => ({
    articleCode: article.code,
    quantity: quantityOf(rng, article),
    unitNetPrice: discounted(article.price, rng.pick(DISCOUNTS)),
    firstPrice: null,
    paymentForm: rng.chance(0.9) ? paymentForm : null,
    note: rng.chance(0.15) ? rng.pick(LINE_NOTES) : '',
  });
  if (topic === 'service') {
    const code = rng.pick(SERVICE_ARTICLES);
    return rng.chance(0.35) ? [line(ARTICLES.find((a) => a.code === code)!)] : [];
  }
  if (topic !== 'sales' || !(state === 'won' || rng.chance(state === 'open' ? 0.85 : 0.75))) return [];
  const goods = ARTICLES.filter((a) => !a.code.startsWith('USL-'));
  const articles = rng.sample(goods, rng.int(1, 3));
  // Fitting is quoted with a third of the offers.
  if (rng.chance(0.3)) articles.push(ARTICLES.find((a) => a.code === 'USL-MON-H')!);
  return articles.map(line);
}

function quantityOf(rng: Random, article: DemoArticle): string {
  if (article.unit === 'm²') return rng.chance(0.3) ? `${rng.int(8, 119)}.5` : String(rng.int(8, 120));
  if (article.unit === 'godz.') return String(rng.int(4, 32));
  if (article.unit === 'kpl.' || article.unit === 'usł.' || Number(article.price) >= 5000) return String(rng.int(1, 3));
  if (/^(KRZ|FOT|SCR)-/.test(article.code)) return String(rng.int(4, 40));
  if (/^(BIU|KON)-/.test(article.code)) return String(rng.int(2, 24));
  return String(rng.int(1, 10));
}

/** The list price less a percentage, to the grosz (integer arithmetic: no float rounding surprises). */
export function discounted(price: string, percent: number): string {
  const grosze = Math.round((Math.round(Number(price) * 100) * (100 - percent)) / 100);
  return `${Math.floor(grosze / 100)}.${String(grosze % 100).padStart(2, '0')}`;
}
