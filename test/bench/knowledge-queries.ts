// The knowledge-base sample: what people type when they look for something they remember from a
// note or a mail, drawn from the item texts actually in the database. Words come from a seeded
// sample of items, so common words ("klient", "oferta") turn up as often as they are written and
// rare ones (serial and order numbers, surnames, places) as the single words of one item; typed
// with or without Polish letters, sometimes only their beginning; one to three words; and with
// the page's filters (company, person, note kind, a date range).
import type pg from 'pg';
import type { SearchKnowledgeInput } from '../../src/domain/analytics/search-knowledge.ts';
import { foldText } from '../../src/domain/shared/fold-text.ts';
import { createRandom } from './random.ts';

export type KnowledgeCase = { category: string; input: SearchKnowledgeInput };

/** Words of at least four characters, punctuation stripped at the ends. */
const words = (text: string) =>
  text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length >= 4);

const DAY = 86_400_000;

/**
 * `count` cases in fixed proportions per category (seeded: the same data gives the same sample).
 * Reads about 2,000 item texts and a few hundred contacts.
 */
export async function sampleKnowledgeCases(pool: pg.Pool, count: number, seed: number): Promise<KnowledgeCase[]> {
  const r = createRandom(seed);
  // Items spread over the table (every n-th id from a seeded offset): a repeatable sample.
  const { rows: [stats] } = await pool.query<{ max: number; newest: Date }>('SELECT max(id)::int AS max, max("occurredAt") AS newest FROM "Item"');
  const step = Math.max(1, Math.floor((stats?.max ?? 1) / 2000));
  const [items, contacts, kinds] = await Promise.all([
    pool.query<{ text: string; companyId: number; personId: number | null; noteKind: string | null }>(
      `SELECT i.text, c."companyId", c."personId", i."noteKind" FROM "Item" i JOIN "Contact" c ON c.id = i."contactId"
       WHERE i.id % $1 = $2 AND i.text <> '' ORDER BY i.id`,
      [step, r.int(0, step - 1)],
    ),
    pool.query<{ companyId: number; personId: number | null }>('SELECT "companyId", "personId" FROM "Contact" WHERE id % 331 = $1 ORDER BY id', [r.int(0, 330)]),
    pool.query<{ kind: string }>('SELECT kind FROM "NoteKind" ORDER BY uses DESC, kind LIMIT 20'),
  ]);
  const texts = items.rows.map((i) => words(i.text)).filter((w) => w.length > 0);
  // How often each (folded) word occurs in the sample: once means rare.
  const frequency = new Map<string, number>();
  for (const list of texts) for (const w of new Set(list.map((x) => foldText(x)))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const rare = texts.flat().filter((w) => frequency.get(foldText(w)) === 1);
  const newest = stats?.newest?.getTime() ?? Date.now();

  /** Typed with or without Polish letters. */
  const typed = (w: string) => (r.chance(0.5) ? foldText(w) : w.toLowerCase());
  const anyWord = () => r.pick(r.pick(texts));
  const rareWord = () => (rare.length ? r.pick(rare) : anyWord());
  /** Words of one item: they occur together. */
  const together = (n: number) => {
    const list = r.pick(texts);
    const start = r.int(0, Math.max(0, list.length - n));
    return list.slice(start, start + n).map(typed).join(' ');
  };
  const scope = () => r.pick(contacts.rows);
  const dateRange = (): Pick<SearchKnowledgeInput, 'from' | 'to'> =>
    r.weighted<() => Pick<SearchKnowledgeInput, 'from' | 'to'>>([
      [() => ({ from: new Date(newest - 30 * DAY) }), 3], // the last month
      [() => ({ from: new Date(newest - 365 * DAY) }), 2], // the last year
      [() => { const to = newest - r.int(30, 700) * DAY; return { from: new Date(to - 30 * DAY), to: new Date(to) }; }, 2], // some month
    ])();

  const generators: [category: string, weight: number, make: () => SearchKnowledgeInput][] = [
    ['one word (as written)', 30, () => ({ q: typed(anyWord()) })],
    ['one rare word', 20, () => ({ q: typed(rareWord()) })],
    ['beginning of a word', 10, () => { const w = anyWord(); return { q: typed(w.slice(0, r.int(4, Math.max(4, w.length - 1)))) }; }],
    ['two words of one item', 20, () => ({ q: together(2) })],
    ['three words of one item', 10, () => ({ q: together(3) })],
    ['two unrelated words', 10, () => ({ q: `${typed(anyWord())} ${typed(anyWord())}` })],
    ['word + company', 15, () => ({ q: typed(anyWord()), companyId: scope().companyId })],
    ['word + person', 5, () => { const s = scope(); return { q: typed(anyWord()), ...(s.personId ? { personId: s.personId } : { companyId: s.companyId }) }; }],
    ['word + note kind', 10, () => ({ q: typed(anyWord()), noteKind: kinds.rows.length ? r.pick(kinds.rows).kind : undefined })],
    ['word + date range', 15, () => ({ q: typed(r.chance(0.3) ? rareWord() : anyWord()), ...dateRange() })],
    ['second page', 5, () => ({ q: typed(anyWord()), offset: 20 })],
  ];
  const totalWeight = generators.reduce((sum, [, w]) => sum + w, 0);
  const cases: KnowledgeCase[] = [];
  for (const [category, weight, make] of generators) {
    const n = Math.round((count * weight) / totalWeight);
    for (let i = 0; i < n; i++) cases.push({ category, input: make() });
  }
  return r.shuffle(cases).slice(0, count);
}
