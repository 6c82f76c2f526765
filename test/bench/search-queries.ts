// The search sample: what people type into the search box, drawn from the data actually in the
// database (company names, surnames), the words notes are made of, contact numbers, spellings
// without diacritics, several words at once, and the list filters (status, owner).
import type pg from 'pg';
import type { SearchContactsInput } from '../../src/domain/contacts/search-contacts.ts';
import { CITIES, OBJECTS, TOPICS } from './polish-words.ts';
import { createRandom, type Random } from './random.ts';

export type SearchCase = { category: string; input: SearchContactsInput };

/** Diacritic-free spellings, as typed on a keyboard without Polish layout. */
const FOLDED_TERMS = [
  'zolw', 'lodz', 'swiatek', 'zuraw', 'zurawi', 'lozysk', 'swidnica', 'zyrardow', 'gdansk', 'poznan', 'slimak',
  'wisniewska', 'krakow', 'bobr', 'labedz', 'gesicki', 'zolwpol', 'swietlik', 'zrodlo', 'wozniak', 'dabrowska', 'gasior',
] as const;

const LEGAL_OR_PREFIX = /^(sp\.|z|o\.o\.|s\.a\.|s\.c\.|j\.|k\.|phu|fhu|i|przedsiębiorstwo)$/i;

/** Words of at least four letters, without punctuation. */
const words = (s: string) => s.split(/[\s„”(),.:–-]+/).filter((w) => w.length >= 4 && !LEGAL_OR_PREFIX.test(w));

type Sources = { companies: string[]; people: string[]; ownerIds: number[]; numbers: string[] };

async function loadSources(pool: pg.Pool, r: Random): Promise<Sources> {
  const [companies, people, owners, numbers] = await Promise.all([
    pool.query<{ name: string }>('SELECT name FROM "Company" ORDER BY id'),
    pool.query<{ name: string }>('SELECT name FROM "Person" ORDER BY id'),
    pool.query<{ id: number }>('SELECT id FROM "Employee" WHERE active ORDER BY id'),
    // A few hundred real numbers, spread over the years (the seed makes the pick repeatable).
    pool.query<{ number: string }>('SELECT number FROM "Contact" WHERE id % 331 = $1 ORDER BY id', [r.int(0, 330)]),
  ]);
  return {
    companies: companies.rows.map((c) => c.name),
    people: people.rows.map((p) => p.name),
    ownerIds: owners.rows.map((e) => e.id),
    numbers: numbers.rows.map((c) => c.number),
  };
}

/** `count` search cases in fixed proportions per category (seeded: the same data gives the same sample). */
export async function sampleSearchCases(pool: pg.Pool, count: number, seed: number): Promise<SearchCase[]> {
  const r = createRandom(seed);
  const s = await loadSources(pool, r);
  const companyWord = (): string => {
    for (;;) {
      const candidates = words(r.pick(s.companies)); // "PHU Żak" has none
      if (candidates.length > 0) return r.pick(candidates);
    }
  };
  const surname = () => r.pick(s.people).split(' ').at(-1)!;
  const noteWord = () => r.pick(words(r.chance(0.5) ? r.pickSkewed(TOPICS) : r.pick(TOPICS)));
  const objectWord = () => r.pick(words(r.pickSkewed(OBJECTS)));
  /** What people type of a name: often the first few letters only. */
  const typed = (w: string) => (r.chance(0.4) && w.length > 5 ? w.slice(0, r.int(4, w.length - 1)) : w);
  const anyTerm = () => r.weighted([[companyWord, 3], [surname, 2], [noteWord, 2], [() => r.pick(FOLDED_TERMS), 1]] as const)();

  const generators: [category: string, weight: number, make: () => SearchContactsInput][] = [
    ['company name fragment', 35, () => ({ q: typed(companyWord()) })],
    ['person surname', 25, () => ({ q: surname() })],
    ['word from notes', 25, () => ({ q: r.chance(0.7) ? noteWord() : objectWord() })],
    ['contact number', 20, () => {
      const number = r.pick(s.numbers); // K/2025/12345
      const [, year, seq] = number.split('/');
      return { q: r.weighted([[`${year}/${seq!.slice(0, 2)}`, 10], [number, 6], [seq!, 4]] as const) };
    }],
    ['without diacritics', 20, () => ({ q: r.pick(FOLDED_TERMS) })],
    ['two words', 35, () => ({
      q: r.weighted([
        [`${companyWord()} ${objectWord()}`, 3], [`${surname()} ${r.pick(CITIES).split(' ')[0]}`, 2],
        [`${noteWord()} ${r.pick(CITIES).split(' ')[0]}`, 2], [`serwis ${r.pick(FOLDED_TERMS)}`, 1],
      ] as const),
    })],
    ['three words', 10, () => ({ q: `${surname()} ${objectWord()} ${r.pick(CITIES).split(' ')[0]}` })],
    ['term + status/owner filter', 30, () =>
      r.weighted([
        [{ q: anyTerm(), status: 'open' }, 3],
        [{ q: anyTerm(), ownerId: r.pick(s.ownerIds) }, 3],
        [{ q: anyTerm(), status: 'open', ownerId: r.pick(s.ownerIds) }, 2],
        [{ status: 'open', ownerId: r.pick(s.ownerIds) }, 2],
      ] as const satisfies readonly (readonly [SearchContactsInput, number])[])],
  ];
  const totalWeight = generators.reduce((sum, [, w]) => sum + w, 0);
  const cases: SearchCase[] = [];
  for (const [category, weight, make] of generators) {
    const n = Math.round((count * weight) / totalWeight);
    for (let i = 0; i < n; i++) cases.push({ category, input: make() });
  }
  return r.shuffle(cases).slice(0, count);
}

export const describeCase = (c: SearchCase) =>
  [c.input.q !== undefined ? JSON.stringify(c.input.q) : null, c.input.status && `status=${c.input.status}`, c.input.ownerId && `owner=${c.input.ownerId}`]
    .filter(Boolean)
    .join(' ');
