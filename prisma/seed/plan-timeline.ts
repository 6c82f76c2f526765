// Each contact's timeline: its sales subject, notes in the words of the people involved, tasks
// (some done, some overdue), documents issued from won deals, and invoices linked to complaints.
import { addDays, addMinutes, earliest, latest } from './clock.ts';
import { ARTICLES } from './data/articles.ts';
import { NOTE_KIND_WEIGHTS, NOTE_TEXTS, TASK_TEXTS } from './data/timeline-texts.ts';
import {
  employeeActor, endOf, isoDate, minutesAfter, officeHours, officeTimeBetween, ownerActor, ownerAt, panelActor, withRandom, type PlanContext,
} from './plan-context.ts';
import { textVars } from './plan-contacts.ts';
import type { ActorRef, ContactPlan, DocumentKindCode, DocumentPlan } from './plan-types.ts';
import { fillText } from './texts.ts';

const NOTES_PER_CONTACT = { sales: [3, 7], service: [2, 5], complaint: [3, 6], supplier: [2, 5], general: [2, 4] } as const;
/** Topped up with extra notes until the demo has at least this many items. */
const MIN_ITEMS = 1050;

export function planTimelines(ctx: PlanContext, plans: ContactPlan[]): void {
  for (const plan of plans) planTimeline(withRandom(ctx, `timeline ${plan.key}`), plan);
  planDrafts(withRandom(ctx, 'drafts'), plans);
  topUp(withRandom(ctx, 'top-up'), plans);
  for (const plan of plans) plan.timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function planTimeline(ctx: PlanContext, plan: ContactPlan) {
  const { rng } = ctx;
  const start = plan.registeredAt;
  const end = endOf(ctx, plan);

  // The e-mail that created the contact comes first.
  if (plan.creator.employee === null) {
    addNote(ctx, plan, addMinutes(start, 1), 'e-mail', `Wiadomość od klienta: ${plan.fields.description || plan.fields.title}`, { employee: null, channel: 'email' });
  }

  let lineAt = officeHours(ctx, addDays(start, rng.int(0, 5)), minutesAfter(ctx, start, 5, 30), addMinutes(end, -10));
  plan.salesSubject.forEach((line, ref) => {
    lineAt = minutesAfter(ctx, lineAt, 1, 4);
    plan.timeline.push({ type: 'line', at: lineAt, actor: panelActor(plan, lineAt), ref });
    if (line.firstPrice !== null) {
      if (end.getTime() - lineAt.getTime() < 2 * 86_400_000) line.firstPrice = null;
      else {
        const at = officeTimeBetween(ctx, addDays(lineAt, 1), addMinutes(end, -60));
        plan.timeline.push({ type: 'reprice', at, actor: panelActor(plan, at), ref });
      }
    }
  });

  const [min, max] = NOTES_PER_CONTACT[plan.topic];
  const first = earliest(minutesAfter(ctx, start, 2, 90), addMinutes(end, -1));
  for (let i = rng.int(min, max); i > 0; i--) addNote(ctx, plan, i === 1 ? first : officeTimeBetween(ctx, first, end));
  for (const step of plan.lifecycle) {
    if (step.type === 'reopen') addNote(ctx, plan, addMinutes(step.at, 5), 'notatka', REOPEN_NOTES[plan.topic === 'sales' ? 'sales' : 'other'], step.actor);
  }
  if (plan.reassign && plan.creator.employee !== null) {
    addNote(ctx, plan, addMinutes(plan.reassign.at, 10), 'notatka', 'Sprawa przejęta od poprzedniego opiekuna (urlop / zmiana rejonu).', employeeActor(ctx, plan.reassign.owner));
  }

  planTasks(ctx, plan, start, end);
  planDocuments(ctx, plan);
  if (plan.link) {
    const at = earliest(minutesAfter(ctx, start, 10, 180), addMinutes(end, -1));
    plan.link = { ...plan.link, at, actor: panelActor(plan, at), text: rng.chance(0.4) ? 'Faktura za dostawę, której dotyczy reklamacja' : undefined };
  }
}

const REOPEN_NOTES = {
  sales: 'Klient wrócił do rozmów – nowy budżet na kolejny kwartał. Sprawa wznowiona.',
  other: 'Problem wrócił – klient prosi o ponowną interwencję. Sprawa wznowiona.',
};

/** A note of the contact's topic; its author and channel follow its kind (e-mails come through the mail channel, faxes through the fax gateway). */
function addNote(ctx: PlanContext, plan: ContactPlan, at: Date, kind?: string, text?: string, actor?: ActorRef) {
  const { rng } = ctx;
  const noteKind = kind ?? rng.weighted(NOTE_KIND_WEIGHTS[plan.topic]);
  const company = ctx.companies.get(plan.companyCode)!;
  const article = ARTICLES.find((a) => a.code === plan.salesSubject[0]?.articleCode) ?? rng.pick(ARTICLES);
  const by: ActorRef =
    actor ?? (noteKind === 'fax' ? { employee: null, channel: 'email' }
    : noteKind === 'e-mail' ? { employee: ownerActor(ctx, plan, at).employee, channel: 'email' }
    : ownerActor(ctx, plan, at));
  plan.timeline.push({
    type: 'note',
    at,
    actor: by,
    ref: plan.timeline.length,
    noteKind,
    text: text ?? fillText(rng.pick(NOTE_TEXTS[plan.topic][noteKind]!), textVars(ctx, company, plan.person, at, article)),
    // Mail and Slack notes remember their message, as the real channels do.
    sourceRef:
      by.channel === 'email' ? `<${rng.digits(12)}.${plan.key}@${company.domains[0]}>`
      : by.channel === 'slack' ? `${Math.floor(at.getTime() / 1000)}.${rng.digits(6)}`
      : null,
    task: null,
  });
}

function addTask(ctx: PlanContext, plan: ContactPlan, at: Date, dueAt: Date, done: Date | null) {
  const assignee = ownerAt(plan, at) ?? 'manager';
  // Now and then the manager plans something for the owner.
  const actor = employeeActor(ctx, ctx.rng.chance(0.2) ? 'manager' : assignee);
  const company = ctx.companies.get(plan.companyCode)!;
  const ref = plan.timeline.length;
  const text = fillText(ctx.rng.pick(TASK_TEXTS[plan.topic]), textVars(ctx, company, plan.person, at, ctx.rng.pick(ARTICLES)));
  plan.timeline.push({ type: 'note', at, actor, ref, noteKind: 'zadanie', text, sourceRef: null, task: { dueAt, assignee } });
  if (done) plan.timeline.push({ type: 'done', at: done, actor, ref });
}

function planTasks(ctx: PlanContext, plan: ContactPlan, start: Date, end: Date) {
  const { rng, now } = ctx;
  if (plan.state === 'open') {
    // The next step: due with the contact, or on its own (a quarter of those already late).
    const own = plan.fields.dueAt === null || rng.chance(0.2);
    const late = own && rng.chance(0.25) && now.getTime() - start.getTime() > 3 * 3_600_000;
    const due = !own ? plan.fields.dueAt! : late ? officeTimeBetween(ctx, addMinutes(start, 120), addMinutes(now, -60)) : officeHours(ctx, addDays(now, rng.int(1, 14)), addMinutes(now, 60), addDays(now, 20));
    addTask(ctx, plan, officeTimeBetween(ctx, addMinutes(start, 5), earliest(end, addMinutes(due, -60))), due, null);
  }
  if (rng.chance(plan.state === 'open' ? 0.4 : 0.45)) {
    const at = officeTimeBetween(ctx, addMinutes(start, 5), latest(addMinutes(start, 10), addDays(end, -1)));
    const due = officeHours(ctx, addDays(at, rng.int(1, 7)), addMinutes(at, 60), end);
    addTask(ctx, plan, at, due, officeTimeBetween(ctx, addMinutes(at, 30), latest(addMinutes(at, 30), earliest(addDays(due, 1), end))));
  }
}

function planDocuments(ctx: PlanContext, plan: ContactPlan) {
  const { rng } = ctx;
  const issue = (kindCode: DocumentKindCode, at: Date, notes = '', status: DocumentPlan['status'] = 'issued') =>
    plan.documents.push({ at, issueDate: isoDate(ctx, at), kindCode, status, actor: panelActor(plan, at), notes });
  const latestAllowed = addMinutes(ctx.now, -5);
  if (plan.state === 'won') {
    const ordered = earliest(minutesAfter(ctx, plan.closedAt!, 10, 60), latestAllowed);
    // Not yet delivered: only the customer's order so far.
    if (!plan.deliveredAt || rng.chance(0.7)) {
      issue('customer_order', ordered, plan.fields.externalNumber ? `Zamówienie klienta nr ${plan.fields.externalNumber}` : '');
    }
    if (plan.deliveredAt) {
      if (rng.chance(0.7)) issue('goods_issue', plan.deliveredAt, rng.chance(0.5) ? 'Dostawa z montażem.' : '');
      issue('invoice', earliest(minutesAfter(ctx, plan.deliveredAt, 30, 120), latestAllowed));
    }
  }
  if (plan.topic === 'service' && plan.closedAt && plan.salesSubject.length > 0) {
    issue('invoice', earliest(minutesAfter(ctx, plan.closedAt, 10, 60), latestAllowed), 'Usługa serwisowa zgodnie z protokołem.');
  }
}

/** Two orders drafted for deals about to close. */
function planDrafts(ctx: PlanContext, plans: ContactPlan[]) {
  const likely = plans.filter((p) => p.state === 'open' && p.salesSubject.length > 0 && (p.fields.probability ?? 0) >= 50);
  for (const plan of ctx.rng.sample(likely, 2)) {
    const lastLine = plan.timeline.filter((e) => e.type === 'line').at(-1)!.at;
    const at = officeTimeBetween(ctx, latest(addMinutes(lastLine, 60), addDays(ctx.now, -5)), addMinutes(ctx.now, -10));
    plan.documents.push({ at, issueDate: isoDate(ctx, at), kindCode: 'customer_order', status: 'draft', actor: panelActor(plan, at), notes: 'Projekt zamówienia do akceptacji klienta.' });
  }
}

function itemCount(plans: ContactPlan[]): number {
  return plans.reduce((n, p) => n + p.timeline.filter((e) => e.type === 'note').length + p.documents.length + (p.link ? 1 : 0), 0);
}

function topUp(ctx: PlanContext, plans: ContactPlan[]) {
  for (let missing = MIN_ITEMS - itemCount(plans); missing > 0; missing--) {
    const plan = ctx.rng.pick(plans);
    addNote(ctx, plan, officeTimeBetween(ctx, addMinutes(plan.registeredAt, 5), endOf(ctx, plan)));
  }
}
