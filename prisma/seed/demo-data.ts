// Demo data for a first start: "Meblex Sp. z o.o.", an office-furniture seller with five
// employees, forty companies, two hundred contacts in every state and a thousand timeline items.
// Everything goes through the domain functions (numbers, history and search text come out as in
// real use); the same seed builds the same demo, placed around the current date so that
// "overdue", "due today" and "this week" mean something.
import type { Db, Tx } from '../../src/db.ts';
import { updateCompany } from '../../src/domain/companies/update-company.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../../src/domain/shared/settings.ts';
import { conflict } from '../../src/errors.ts';
import { addDays } from './clock.ts';
import { DEMO_ADMIN } from './data/employees.ts';
import { backdate } from './backdate.ts';
import { loadContacts } from './load-contacts.ts';
import { loadMasterData } from './load-master-data.ts';
import { planChanges } from './plan-changes.ts';
import { planContactBases } from './plan-contacts.ts';
import { planContext } from './plan-context.ts';
import { planCompanies, type PlannedCompany } from './plan-master-data.ts';
import { planTimelines } from './plan-timeline.ts';
import type { ContactPlan } from './plan-types.ts';

export const DEFAULT_DEMO_SEED = 2026;

/** Options for loadDemoData. */
export type LoadDemoDataOptions = {
  /** Another seed builds another (equally complete) demo; 2026 by default. */
  seed?: number;
  /** The time zone that decides contact and document numbers and "today". */
  settings?: DomainSettings;
  /** Progress messages (one per stage, with timings). */
  log?: (msg: string) => void;
  /** The clock the demo is placed around (tests pass a fixed one); now by default. */
  now?: Date;
  /**
   * Load into a database that already has data (a CLI's --force). Demo rows that already exist
   * (the catalog, company codes, e-mail addresses) make the load fail, and then nothing is written.
   */
  force?: boolean;
};

export type DemoDataResult = { admin: { email: string; password: string }; counts: Record<string, number> };

/** True when there are no employees, companies or contacts: the only state demo data is loaded into. */
export async function isDatabaseEmpty(db: Db | Tx): Promise<boolean> {
  // One after the other: inside a transaction the queries share one connection.
  return (
    !(await db.employee.findFirst({ select: { id: true } }))
    && !(await db.company.findFirst({ select: { id: true } }))
    && !(await db.contact.findFirst({ select: { id: true } }))
  );
}

/** Plans the demo without touching the database (pure: the seed and the clock decide everything). */
export function planDemoData(seed: number, now: Date, timeZone: string): { companies: PlannedCompany[]; contacts: ContactPlan[]; since: Date } {
  const companies = planCompanies(seed);
  const ctx = planContext(seed, now, timeZone, companies);
  const contacts = planContactBases(ctx);
  planChanges(ctx, contacts);
  planTimelines(ctx, contacts);
  return { companies, contacts, since: addDays(ctx.start, -7) };
}

/**
 * Loads the demo into an empty database in one transaction: all of it or, on any error, nothing
 * (so a failed first start can simply be retried). CONFLICT when the database is not empty.
 */
export async function loadDemoData(db: Db, options: LoadDemoDataOptions = {}): Promise<DemoDataResult> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const log = options.log ?? (() => {});
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  const plan = planDemoData(options.seed ?? DEFAULT_DEMO_SEED, options.now ?? new Date(), settings.timeZone);
  log(`demo data: planned ${plan.companies.length} companies and ${plan.contacts.length} contacts (${elapsed()})`);

  const counts = await db.$transaction(
    async (tx) => {
      if (!options.force && !(await isDatabaseEmpty(tx))) {
        throw conflict('Demo data is loaded only into an empty database (no employees, companies or contacts)');
      }
      const refs = await loadMasterData(tx, plan.companies);
      log(`demo data: team, catalog, companies, people and articles written (${elapsed()})`);
      const times = await loadContacts(tx, refs, plan.contacts, settings);
      log(`demo data: contacts, timelines, documents and changes written (${elapsed()})`);
      for (const company of plan.companies.filter((c) => c.closedDown)) {
        await updateCompany(tx, { employeeId: refs.employees.admin.id, role: 'admin', channel: 'panel' }, { id: refs.companies.get(company.code)!.id, active: false });
      }
      const unmatched = await backdate(tx, times, {
        since: plan.since,
        employees: Object.values(refs.employees).map((e) => e.id),
        companies: [...refs.companies.values()].map((c) => c.id),
        people: [...refs.companies.values()].flatMap((c) => c.people),
        articles: [...refs.articles.values()],
      });
      if (unmatched > 0) log(`demo data: ${unmatched} history entries kept the load time (no planned time matched them)`);
      return countRows(tx);
    },
    // One transaction for everything: a first start that fails half-way must leave the database empty.
    { timeout: 300_000, maxWait: 10_000 },
  );
  log(`demo data: loaded in ${elapsed()}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  return { admin: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }, counts };
}

async function countRows(tx: Tx): Promise<Record<string, number>> {
  return {
    employees: await tx.employee.count(),
    companies: await tx.company.count(),
    people: await tx.person.count(),
    contactKinds: await tx.contactKind.count(),
    paymentForms: await tx.paymentForm.count(),
    articles: await tx.article.count(),
    contacts: await tx.contact.count(),
    openContacts: await tx.contact.count({ where: { status: 'open' } }),
    salesLines: await tx.salesLine.count(),
    items: await tx.item.count(),
    notes: await tx.item.count({ where: { type: 'note', dueAt: null } }),
    tasks: await tx.item.count({ where: { type: 'note', dueAt: { not: null } } }),
    documents: await tx.document.count(),
    historyEntries: await tx.historyEntry.count(),
  };
}
