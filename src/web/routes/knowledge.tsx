// The knowledge base: GET /knowledge searches the items of all contacts; the filter lives in the
// URL, and htmx swaps only the results as the employee types.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { CANDIDATES, KNOWLEDGE_ITEM_TYPES, searchKnowledge, type KnowledgeItemType, type SearchKnowledgeInput } from '../../domain/analytics/search-knowledge.ts';
import { getCompany } from '../../domain/companies/get-company.ts';
import { suggestNoteKinds } from '../../domain/items/suggest-note-kinds.ts';
import { getPerson } from '../../domain/people/get-person.ts';
import { listPeople } from '../../domain/people/list-people.ts';
import { KNOWLEDGE_FILTER_KEYS, KnowledgePage, KnowledgeResults, PersonSelect, type KnowledgeFilter } from '../../../views/pages/knowledge.tsx';
import { parseLocalDateTime } from '../local-time.ts';
import { panel } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const positiveId = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined);
/** The day after a YYYY-MM-DD date, as YYYY-MM-DD. */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const localMidnight = (day: string | undefined, timeZone: string) =>
  day && DATE.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? parseLocalDateTime(`${day}T00:00`, timeZone) : null;

/** The filter part of a query (unknown keys dropped, values cut to size). */
export function knowledgeFilter(query: Record<string, string>): KnowledgeFilter {
  return Object.fromEntries(KNOWLEDGE_FILTER_KEYS.flatMap((k) => (query[k] ? [[k, query[k].slice(0, k === 'q' ? 200 : 100)]] : [])));
}

/**
 * The URL's filter as searchKnowledge input. Dates are whole days in the employee's time zone
 * ("to 2026-06-30" includes that day). Values that make no sense are ignored, not errors, so an
 * old bookmark still opens.
 */
export function knowledgeSearchInput(filter: KnowledgeFilter, timeZone: string, offset: string | undefined): SearchKnowledgeInput & { offset: number } {
  const from = localMidnight(filter.from, timeZone);
  const toEnd = filter.to && DATE.test(filter.to) ? localMidnight(nextDay(filter.to), timeZone) : null;
  const type = (KNOWLEDGE_ITEM_TYPES as readonly string[]).includes(filter.type ?? '') ? (filter.type as KnowledgeItemType) : undefined;
  const skip = offset && /^\d{1,4}$/.test(offset) ? Math.min(Number(offset), CANDIDATES) : 0;
  return {
    q: filter.q ?? '',
    companyId: positiveId(filter.company),
    personId: positiveId(filter.person),
    type,
    noteKind: filter.kind || undefined,
    from: from ?? undefined,
    to: toEnd ? new Date(toEnd.getTime() - 1) : undefined,
    offset: skip,
  };
}

/**
 * The person filter's choices: the chosen company's people, or without a company only the person
 * the URL names. A person who is not among them is dropped from the filter (a company changed
 * after a person was picked) rather than finding nothing.
 */
async function personChoices(db: Db, filter: KnowledgeFilter): Promise<{ id: number; name: string }[]> {
  const companyId = positiveId(filter.company);
  const personId = positiveId(filter.person);
  const people = companyId
    ? await listPeople(db, { companyId, limit: 500 })
    : personId ? await getPerson(db, personId).then((x) => [x], () => []) : [];
  if (filter.person && !people.some((x) => String(x.id) === filter.person)) delete filter.person;
  return people.map((x) => ({ id: x.id, name: x.name }));
}

export function knowledgeRoutes(deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  app.use('/knowledge', requireSignIn);

  app.get('/knowledge', async (c) => {
    const p = panel(c);
    const filter = knowledgeFilter(c.req.query());
    const people = await personChoices(deps.db, filter);
    const input = knowledgeSearchInput(filter, p.t.timeZone, c.req.query('offset'));
    const result = await searchKnowledge(deps.db, input);
    // htmx swaps the results (search as you type) and, out of band, the person list.
    if (c.req.header('HX-Request') && !c.req.header('HX-Boosted')) {
      return c.html(
        <>
          <KnowledgeResults t={p.t} filter={filter} result={result} offset={input.offset} />
          <PersonSelect t={p.t} filter={filter} people={people} oob />
        </>,
      );
    }
    // The company select holds only the chosen company; typing in its search box loads others.
    const companyId = positiveId(filter.company);
    const [companies, kinds] = await Promise.all([
      companyId ? getCompany(deps.db, companyId).then((co) => [co], () => []) : [],
      suggestNoteKinds(deps.db, { limit: 50 }),
    ]);
    const noteKinds = kinds.map((k) => k.kind);
    if (filter.kind && !noteKinds.includes(filter.kind)) noteKinds.unshift(filter.kind);
    return c.html(<KnowledgePage {...p.layout} filter={filter} choices={{ companies, people, noteKinds }} result={result} offset={input.offset} />);
  });

  return app;
}
