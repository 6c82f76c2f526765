// Generates the benchmark data set: 20 employees, 8 contact kinds, 2,000 companies, 5,000 people,
// 100,000 contacts over 2024–2026 and 1,000,000 items, plus a few sales lines.
//
// Rows are built in JS so that searchText is computed by the app's own foldText /
// contactSearchText (no SQL re-implementation of the folding to drift from it), and written with
// batched INSERT … SELECT unnest(…). For speed the load runs with foreign-key triggers off
// (session_replication_role = replica; the rows are consistent by construction and checked
// afterwards), without synchronous commit, and with the secondary indexes of the big tables
// dropped and rebuilt at the end from their own definitions.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { contactSearchText } from '../../src/domain/contacts/refresh-search-text.ts';
import { calendarParts } from '../../src/domain/numbering/next-number.ts';
import { foldText } from '../../src/domain/shared/fold-text.ts';
import { withClient } from './bench-env.ts';
import { BulkWriter, ColumnBatch } from './bulk-insert.ts';
import {
  CITIES, COMPANY_NOUNS, CONTACT_KINDS, FEMALE_FIRST_NAMES, INDUSTRIES, LEGAL_FORMS, MALE_FIRST_NAMES, NOTE_KINDS,
  NOTE_SENTENCES, OBJECTS, POSITIONS, SURNAMES, TITLE_STARTS, TOPICS, WEEKDAYS, feminineSurname,
} from './polish-words.ts';
import { createRandom, type Random } from './random.ts';
import { REFRESH_ALL_ITEM_WORDS_SQL } from '../../src/domain/items/item-words.ts';
import { REFRESH_ALL_WORD_HASHES_SQL } from '../../src/domain/contacts/search-words.ts';
import { REFRESH_NOTE_KINDS_SQL } from '../../src/domain/items/note-kinds.ts';

export const DATA_SHAPE = {
  employees: 20,
  companies: 2_000,
  people: 5_000,
  contacts: 100_000,
  items: 1_000_000,
  /** 2024-01-01 00:00 in Europe/Warsaw; contacts are registered from then until generation time. */
  from: '2023-12-31T23:00:00.000Z',
  seed: 20_261_127,
} as const;

const TIME_ZONE = 'Europe/Warsaw';
const BATCH_ROWS = 10_000;
const DAY = 86_400_000;

export type GenerationResult = {
  generatedAt: string;
  counts: Record<string, number>;
  /** NumberSequence rows as generated (scope → lastValue). */
  sequences: Record<string, number>;
  maxContactId: number;
  /** Generation steps in order, and the whole generation (after migrating), in milliseconds. */
  steps: { step: string; ms: number }[];
  totalMs: number;
};

type Employee = { id: number; name: string; active: boolean };
type Company = { id: number; name: string; code: string; nip: string | null; domain: string | null };
type Person = { id: number; companyId: number; name: string };
type World = { r: Random; employees: Employee[]; companies: Company[]; people: Person[]; peopleByCompany: Map<number, Person[]>; kindIds: number[] };

/** Timestamps go to timestamp(3) columns as UTC wall-clock text, whatever the client's time zone. */
const ts = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 23));
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function generateData(databaseUrl: string, log: (message: string) => void): Promise<GenerationResult> {
  const r = createRandom(DATA_SHAPE.seed);
  const superuser = await withClient(databaseUrl, (c) => c.query<{ super: boolean }>('SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user'))
    .then((r) => r.rows[0]?.super ?? false);
  // Session settings as startup options. Without superuser rights FK triggers stay on (slower, same result).
  const settings = ['synchronous_commit=off', 'maintenance_work_mem=1GB', ...(superuser ? ['session_replication_role=replica'] : [])];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: settings.map((s) => `-c ${s}`).join(' ') });
  const steps: { step: string; ms: number }[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    steps.push({ step: name, ms: performance.now() - start });
    log(`  ${name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    return result;
  };
  const total = performance.now();
  const now = Date.now();

  try {
    const indexes = await step('drop secondary indexes', () => dropSecondaryIndexes(pool, ['Contact', 'Item', 'SalesLine', 'SearchWord']));
    const world = await step('employees, kinds, companies, people, articles', () => insertReferenceData(pool, r));
    const contacts = await step(`contacts (${DATA_SHAPE.contacts.toLocaleString('en')}) and sales lines`, () => insertContacts(pool, world, now));
    await step(`items (${DATA_SHAPE.items.toLocaleString('en')})`, () => insertItems(pool, world, contacts, now));
    await step('contact item words', () => pool.query(REFRESH_ALL_ITEM_WORDS_SQL));
    await step('contact word hashes, search words', async () => {
      for (const sql of REFRESH_ALL_WORD_HASHES_SQL) await pool.query(sql);
    });
    await step('note kinds', () => pool.query(REFRESH_NOTE_KINDS_SQL));
    await step('sequences', () => finishSequences(pool, contacts.sequences));
    await step('rebuild indexes', () => rebuildIndexes(pool, indexes));
    await step('vacuum analyze', () => pool.query('VACUUM (ANALYZE)'));
    await step('verify', () => verify(pool));
    return {
      generatedAt: new Date(now).toISOString(),
      counts: { ...(await countRows(pool)) },
      sequences: contacts.sequences,
      maxContactId: DATA_SHAPE.contacts,
      steps,
      totalMs: performance.now() - total,
    };
  } finally {
    await pool.end();
  }
}

export async function countRows(db: pg.Pool | pg.Client): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM "Employee") AS employees, (SELECT count(*) FROM "Company") AS companies,
           (SELECT count(*) FROM "Person") AS people, (SELECT count(*) FROM "Contact") AS contacts,
           (SELECT count(*) FROM "Item") AS items, (SELECT count(*) FROM "SalesLine") AS "salesLines"`);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

// ---------------------------------------------------------------------------------------------
// Indexes

type IndexDef = { name: string; table: string; def: string; bytes: number };

async function dropSecondaryIndexes(pool: pg.Pool, tables: string[]): Promise<IndexDef[]> {
  // Not primary keys and not backing a constraint: those stay (ids are loaded in order, cheap to keep).
  const { rows } = await pool.query<IndexDef>(
    `SELECT i.indexrelid::regclass::text AS name, t.relname AS "table", pg_get_indexdef(i.indexrelid) AS def, 0 AS bytes
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const index of rows) await pool.query(`DROP INDEX ${index.name}`);
  return rows;
}

/** Rebuilds on two connections: the big trigram index of Item alone, everything else beside it. */
async function rebuildIndexes(pool: pg.Pool, indexes: IndexDef[]): Promise<void> {
  const isBig = (i: IndexDef) => i.table === 'Item' && /gin/i.test(i.def);
  const lane = async (list: IndexDef[]) => {
    for (const index of list) await pool.query(index.def);
  };
  await Promise.all([lane(indexes.filter(isBig)), lane(indexes.filter((i) => !isBig(i)))]);
}

// ---------------------------------------------------------------------------------------------
// Employees, contact kinds, companies, people, articles, payment forms

function personName(r: Random): string {
  return r.chance(0.5)
    ? `${r.pick(MALE_FIRST_NAMES)} ${r.pick(SURNAMES)}`
    : `${r.pick(FEMALE_FIRST_NAMES)} ${feminineSurname(r.pick(SURNAMES))}`;
}

/** A valid NIP: nine digits and their checksum (remainder 10 is never valid, so those are skipped). */
function nip(r: Random, taken: Set<string>): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? r.int(1, 9) : r.int(0, 9)));
    const check = digits.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11;
    const value = digits.join('') + check;
    if (check !== 10 && !taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

/** A company name and the word it is known by (for its code and domain). */
function companyName(r: Random): { name: string; word: string } {
  const legal = r.pick(LEGAL_FORMS);
  const withLegal = (s: string) => (legal ? `${s} ${legal}` : s);
  const noun = r.pick(COMPANY_NOUNS);
  const surname = r.pick(SURNAMES);
  const industry = r.pick(INDUSTRIES);
  switch (r.int(0, 7)) {
    case 0: return { name: withLegal(noun), word: noun };
    case 1: return { name: withLegal(`${noun}-${industry}`), word: noun };
    case 2: return { name: `PHU ${surname}`, word: surname };
    case 3: return { name: `FHU ${surname} ${r.pick(MALE_FIRST_NAMES)}`, word: surname };
    case 4: return { name: `${surname} i ${r.pick(SURNAMES)} s.c.`, word: surname };
    case 5: return { name: withLegal(`${industry} ${surname}`), word: surname };
    case 6: return { name: withLegal(`Przedsiębiorstwo ${industry} „${noun}”`), word: noun };
    default: return { name: withLegal(`${noun}-Pol ${r.pick(CITIES)}`), word: noun };
  }
}

async function insertReferenceData(pool: pg.Pool, r: Random): Promise<World> {
  const created = ts(Date.parse(DATA_SHAPE.from) - 30 * DAY);

  const employees: Employee[] = [];
  const employeeBatch = new ColumnBatch('Employee', [['id', 'int'], ['name', 'text'], ['email', 'citext'], ['role', '"Role"'], ['active', 'boolean'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']]);
  for (let id = 1; id <= DATA_SHAPE.employees; id++) {
    const name = personName(r);
    const active = id !== DATA_SHAPE.employees; // one former employee, still owning old contacts
    employees.push({ id, name, active });
    employeeBatch.push(id, name, `${foldText(name).replace(' ', '.')}.${id}@kontakt.example`, id <= 2 ? 'admin' : 'member', active, created, created);
  }

  const kindBatch = new ColumnBatch('ContactKind', [['id', 'int'], ['name', 'text'], ['defaultProbability', 'int']]);
  CONTACT_KINDS.forEach(([name, probability], i) => kindBatch.push(i + 1, name, probability));

  const companies: Company[] = [];
  const nips = new Set<string>();
  const companyBatch = new ColumnBatch('Company', [
    ['id', 'int'], ['name', 'text'], ['code', 'citext'], ['kind', '"CompanyKind"'], ['nip', 'text'], ['emailDomains', 'text', 'text[]'],
    ['phone', 'text'], ['street', 'text'], ['postalCode', 'text'], ['city', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)'],
  ]);
  for (let id = 1; id <= DATA_SHAPE.companies; id++) {
    const { name, word } = companyName(r);
    const slug = foldText(word).replace(/[^a-z0-9]/g, '');
    const code = `${slug.slice(0, 8).toUpperCase()}-${String(id).padStart(4, '0')}`;
    const domain = r.chance(0.7) ? `${slug}${id}.pl` : null;
    const company = { id, name, code, nip: r.chance(0.9) ? nip(r, nips) : null, domain };
    companies.push(company);
    const kind = r.weighted([['client', 70], ['prospect', 20], ['partner', 5], ['supplier', 4], ['competitor', 1]] as const);
    const city = r.pick(CITIES);
    companyBatch.push(id, name, code, kind, company.nip, domain ? `{${domain}}` : '{}', `+48 ${r.int(12, 91)} ${r.int(100, 999)} ${r.int(10, 99)} ${r.int(10, 99)}`,
      `ul. ${r.pick(SURNAMES)}ego ${r.int(1, 180)}`, `${r.int(10, 99)}-${r.int(100, 999)}`, city, created, created);
  }

  // Big clients have more people (and, below, more contacts): a skewed pick over a shuffled order.
  const byWeight = r.shuffle([...companies]);
  const people: Person[] = [];
  const peopleByCompany = new Map<number, Person[]>();
  const personBatch = new ColumnBatch('Person', [['id', 'int'], ['companyId', 'int'], ['name', 'text'], ['position', 'text'], ['email', 'citext'], ['phone', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']]);
  for (let id = 1; id <= DATA_SHAPE.people; id++) {
    const company = r.pickSkewed(byWeight, 1.8);
    const person = { id, companyId: company.id, name: personName(r) };
    people.push(person);
    const colleagues = peopleByCompany.get(company.id);
    if (colleagues) colleagues.push(person);
    else peopleByCompany.set(company.id, [person]);
    const email = r.chance(0.6) ? `${foldText(person.name).replace(' ', '.')}.${id}@${company.domain ?? 'poczta.example'}` : null;
    personBatch.push(id, company.id, person.name, r.chance(0.6) ? r.pick(POSITIONS) : null, email, r.chance(0.5) ? `+48 ${r.int(500, 899)} ${r.int(100, 999)} ${r.int(100, 999)}` : null, created, created);
  }

  const articleBatch = new ColumnBatch('Article', [['id', 'int'], ['code', 'citext'], ['name', 'text'], ['listNetPrice', 'numeric'], ['vatRate', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']]);
  for (let id = 1; id <= 200; id++) {
    const name = `${r.pick(['Moduł', 'Zestaw', 'Usługa serwisowa', 'Element', 'Komplet', 'Przegląd'])} ${r.pick(OBJECTS)}`;
    articleBatch.push(id, `ART-${String(id).padStart(4, '0')}`, name, (r.int(500, 2_500_000) / 100).toFixed(2), r.chance(0.9) ? '23' : '8', created, created);
  }
  const paymentBatch = new ColumnBatch('PaymentForm', [['id', 'int'], ['name', 'text'], ['days', 'int']]);
  [['Gotówka', 0], ['Przelew 7 dni', 7], ['Przelew 14 dni', 14], ['Przelew 30 dni', 30]].forEach(([name, days], i) => paymentBatch.push(i + 1, name, days));

  const writer = new BulkWriter(pool, 1);
  for (const batch of [employeeBatch, kindBatch, companyBatch, personBatch, articleBatch, paymentBatch]) await writer.flush(batch);
  await writer.close();
  return { r, employees, companies: byWeight, people, peopleByCompany, kindIds: CONTACT_KINDS.map((_, i) => i + 1) };
}

// ---------------------------------------------------------------------------------------------
// Text

/** One to three sentences of a note, or a description. */
function noteText(r: Random, world: World, companyId: number, sentences: number = r.weighted([[1, 45], [2, 40], [3, 15]] as const)): string {
  const colleagues = world.peopleByCompany.get(companyId);
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    out.push(
      r.pickSkewed(NOTE_SENTENCES, 1.3).replace(/\{(\w+)\}/g, (_, slot: string) => {
        switch (slot) {
          case 'person': return (colleagues && r.chance(0.8) ? r.pick(colleagues) : r.pick(world.people)).name;
          case 'object': return r.pickSkewed(OBJECTS);
          case 'topic': case 'topic2': return r.pickSkewed(TOPICS);
          case 'city': return r.pick(CITIES);
          case 'day': return r.pick(WEEKDAYS);
          case 'n': return String(r.int(2, 40));
          case 'code': return `${r.pick(['ZM', 'SN', 'WZ', 'PO'])}-${r.int(10_000, 99_999)}`;
          default: throw new Error(`unknown slot ${slot}`);
        }
      }),
    );
  }
  return out.join(' ');
}

function contactTitle(r: Random): string {
  const base = `${r.pickSkewed(TITLE_STARTS, 1.3)} ${r.pickSkewed(OBJECTS)}`;
  return r.weighted([
    [base, 55],
    [`${base} – ${r.pick(CITIES)}`, 25],
    [`${base} (${r.int(2, 60)} szt.)`, 10],
    [`${base}, etap ${r.pick(['I', 'II', 'III'])}`, 10],
  ] as const);
}

// ---------------------------------------------------------------------------------------------
// Contacts

type Contacts = {
  /** Per contact (index = id - 1): registration and end of activity (ms), owner, company. */
  registeredAt: Float64Array;
  activeUntil: Float64Array;
  ownerId: Int32Array;
  companyId: Int32Array;
  sequences: Record<string, number>;
};

async function insertContacts(pool: pg.Pool, world: World, now: number): Promise<Contacts> {
  const { r } = world;
  const n = DATA_SHAPE.contacts;
  const from = Date.parse(DATA_SHAPE.from);
  const until = now - 3_600_000;
  // Business grows: later months register more contacts (density rises toward now).
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = Math.round(from + (until - from) * r.next() ** 0.75);
  times.sort();

  const out: Contacts = { registeredAt: times, activeUntil: new Float64Array(n), ownerId: new Int32Array(n), companyId: new Int32Array(n), sequences: {} };
  const perYear = new Map<number, number>();
  const batch = new ColumnBatch('Contact', [
    ['id', 'int'], ['number', 'text'], ['registeredAt', 'timestamp(3)'], ['companyId', 'int'], ['externalNumber', 'text'], ['personId', 'int'],
    ['ownerId', 'int'], ['createdById', 'int'], ['dueAt', 'timestamp(3)'], ['priority', '"Priority"'], ['status', '"ContactStatus"'],
    ['closedAt', 'timestamp(3)'], ['outcome', '"ContactOutcome"'], ['kindId', 'int'], ['title', 'text'], ['description', 'text'],
    ['probability', 'int'], ['expectedCloseAt', 'date'], ['searchText', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)'],
  ]);
  const salesLines = new ColumnBatch('SalesLine', [
    ['id', 'int'], ['contactId', 'int'], ['articleId', 'int'], ['quantity', 'numeric'], ['unitNetPrice', 'numeric'], ['paymentFormId', 'int'],
    ['position', 'int'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)'],
  ]);
  let salesLineId = 0;
  const writer = new BulkWriter(pool);

  for (let i = 0; i < n; i++) {
    const id = i + 1;
    const registeredAt = times[i]!;
    const { year } = calendarParts(new Date(registeredAt), TIME_ZONE);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    // Same spelling as parseContactNumber (find-contact.ts): at least four digits, never truncated.
    const number = `K/${year}/${String(seq).padStart(4, '0')}`;

    const company = r.pickSkewed(world.companies, 2.2);
    const colleagues = world.peopleByCompany.get(company.id);
    const person = colleagues && r.chance(0.75) ? r.pick(colleagues) : null;
    const owner = r.chance(0.96) ? r.pickSkewed(world.employees, 1.3) : null;
    const createdBy = owner && r.chance(0.8) ? owner : r.pick(world.employees);
    const title = contactTitle(r);
    const description = r.chance(0.5) ? '' : noteText(r, world, company.id, r.int(1, 2));
    const externalNumber = r.weighted([[null, 75], [`ZAM/${year}/${r.int(1, 9999)}`, 15], [`PO-${r.int(100_000, 999_999)}`, 10]] as const);

    const age = until - registeredAt;
    const closed = r.chance(age > 180 * DAY ? 0.88 : age > 60 * DAY ? 0.55 : 0.2);
    const closedAt = closed ? registeredAt + r.int(1, Math.max(1, Math.min(age, 120 * DAY) / 60_000)) * 60_000 : null;
    const outcome = closed ? r.weighted([['won', 40], ['lost', 40], ['cancelled', 20]] as const) : null;
    const dueAt = r.chance(0.7) ? registeredAt + r.int(2, 60) * DAY + r.int(0, 8) * 3_600_000 : null;
    const priority = r.weighted([['high', 20], ['normal', 65], ['low', 15]] as const);
    const searchText = contactSearchText({ number, title, externalNumber, description, company, person });

    out.activeUntil[i] = closedAt ?? Math.min(until, registeredAt + 200 * DAY);
    out.ownerId[i] = owner?.id ?? 0;
    out.companyId[i] = company.id;
    batch.push(
      id, number, ts(registeredAt), company.id, externalNumber, person?.id, owner?.id, createdBy.id, ts(dueAt), priority, closed ? 'closed' : 'open',
      ts(closedAt), outcome, r.chance(0.9) ? r.weighted(world.kindIds.map((k, j) => [k, CONTACT_KINDS.length - j] as const)) : null, title, description,
      r.chance(0.25) ? r.int(1, 9) * 10 : null, r.chance(0.2) ? isoDate(registeredAt + r.int(30, 120) * DAY) : null, searchText, ts(registeredAt), ts(closedAt ?? registeredAt),
    );
    if (r.chance(0.3)) {
      for (let position = 0, lines = r.int(1, 3); position < lines; position++) {
        salesLines.push(++salesLineId, id, r.int(1, 200), String(r.int(1, 50)), (r.int(1_000, 500_000) / 100).toFixed(2), r.int(1, 4), position, ts(registeredAt), ts(registeredAt));
      }
    }
    if (batch.size >= BATCH_ROWS) await writer.flush(batch);
  }
  await writer.flush(batch);
  await writer.flush(salesLines);
  await writer.close();
  for (const [year, count] of perYear) out.sequences[`contact:${year}`] = count;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Items

/** Items per contact: mostly a handful, a few long-running cases with hundreds; exactly DATA_SHAPE.items in all. */
function itemCounts(r: Random, contacts: number, total: number): Int32Array {
  const counts = new Int32Array(contacts);
  let sum = 0;
  for (let i = 0; i < contacts; i++) {
    counts[i] = r.weighted([[0, 3], [r.int(1, 5), 30], [r.int(6, 12), 45], [r.int(13, 25), 20], [r.int(40, 120), 1.7], [r.int(200, 400), 0.3]] as const);
    sum += counts[i]!;
  }
  const scale = total / sum;
  sum = 0;
  for (let i = 0; i < contacts; i++) {
    counts[i] = Math.round(counts[i]! * scale);
    sum += counts[i]!;
  }
  while (sum !== total) {
    const i = r.int(0, contacts - 1);
    const step = sum < total ? 1 : -1;
    if (counts[i]! + step < 0) continue;
    counts[i] = counts[i]! + step;
    sum += step;
  }
  return counts;
}

async function insertItems(pool: pg.Pool, world: World, contacts: Contacts, now: number): Promise<void> {
  const { r, employees } = world;
  const counts = itemCounts(r, DATA_SHAPE.contacts, DATA_SHAPE.items);
  const batch = new ColumnBatch('Item', [
    ['id', 'int'], ['contactId', 'int'], ['type', '"ItemType"'], ['occurredAt', 'timestamp(3)'], ['text', 'text'], ['noteKind', 'text'],
    ['authorId', 'int'], ['assigneeId', 'int'], ['source', '"Channel"'], ['dueAt', 'timestamp(3)'], ['doneAt', 'timestamp(3)'],
    ['searchText', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)'],
  ]);
  const writer = new BulkWriter(pool);
  let id = 0;
  for (let c = 0; c < DATA_SHAPE.contacts; c++) {
    const from = contacts.registeredAt[c]!;
    const span = Math.max(60_000, contacts.activeUntil[c]! - from);
    const ownerId = contacts.ownerId[c]! || null;
    for (let k = 0; k < counts[c]!; k++) {
      const occurredAt = Math.round(from + span * r.next());
      const authorId = ownerId && r.chance(0.7) ? ownerId : r.pick(employees).id;
      const noteKind = r.weighted(NOTE_KINDS);
      const text = noteText(r, world, contacts.companyId[c]!);
      const task = r.chance(0.12);
      const dueAt = task ? occurredAt + r.int(1, 14) * DAY : null;
      const doneAt = dueAt !== null && dueAt < now && r.chance(0.85) ? Math.max(occurredAt, dueAt - r.int(0, 48) * 3_600_000) : null;
      batch.push(
        ++id, c + 1, 'note', ts(occurredAt), text, noteKind, authorId, task ? authorId : null,
        r.weighted([['panel', 50], ['email', 25], ['slack', 20], ['api', 5]] as const), ts(dueAt), ts(doneAt),
        foldText(noteKind, text), ts(occurredAt), ts(doneAt ?? occurredAt),
      );
      if (batch.size >= BATCH_ROWS) await writer.flush(batch);
    }
  }
  await writer.flush(batch);
  await writer.close();
}

// ---------------------------------------------------------------------------------------------
// Finishing

async function finishSequences(pool: pg.Pool, sequences: Record<string, number>): Promise<void> {
  const scopes = Object.keys(sequences);
  await pool.query(
    `INSERT INTO "NumberSequence" (scope, "lastValue") SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT (scope) DO UPDATE SET "lastValue" = excluded."lastValue"`,
    [scopes, scopes.map((s) => sequences[s])],
  );
  // Ids were given explicitly: move each serial past them so the app's inserts do not collide.
  for (const table of ['Employee', 'ContactKind', 'Company', 'Person', 'Article', 'PaymentForm', 'Contact', 'Item', 'SalesLine']) {
    await pool.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST(1, (SELECT max(id) FROM "${table}")))`);
  }
}

/** FK triggers were off during the load: prove the references hold, and that searchText is what the app computes. */
async function verify(pool: pg.Pool): Promise<void> {
  const { rows: [orphans] } = await pool.query<{ n: string }>(`
    SELECT (SELECT count(*) FROM "Item" i WHERE NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c.id = i."contactId"))
         + (SELECT count(*) FROM "Contact" c WHERE NOT EXISTS (SELECT 1 FROM "Company" co WHERE co.id = c."companyId"))
         + (SELECT count(*) FROM "Contact" c WHERE c."personId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Person" p WHERE p.id = c."personId" AND p."companyId" = c."companyId"))
         AS n`);
  if (Number(orphans!.n) !== 0) throw new Error(`generated data has ${orphans!.n} broken references`);
  await verifySearchText(pool, 'id % 97 = 0');
  // The word index: each contact's hashes are those of its words, and SearchWord has them all.
  const { rows: [words] } = await pool.query<{ wrong: string; missing: string }>(`
    SELECT count(*) FILTER (WHERE c."wordHashes" <> ARRAY(
             SELECT DISTINCT ('x' || left(md5(w), 8))::bit(32)::int
             FROM regexp_split_to_table(c."searchText" || ' ' || c."itemWords", ' ') AS w WHERE w <> '' ORDER BY 1)) AS wrong,
           (SELECT count(*) FROM "Contact" c2, regexp_split_to_table(c2."searchText" || ' ' || c2."itemWords", ' ') AS w
            WHERE c2.id % 97 = 0 AND w <> '' AND NOT EXISTS (SELECT 1 FROM "SearchWord" s WHERE s.word = w)) AS missing
    FROM "Contact" c WHERE c.id % 97 = 0`);
  if (Number(words!.wrong) || Number(words!.missing)) throw new Error(`word index: ${words!.wrong} contacts with other wordHashes, ${words!.missing} words missing from SearchWord`);
}

/** Recomputes Contact.searchText and Item.searchText with the app's functions for a sample and compares. */
export async function verifySearchText(db: pg.Pool, contactSample: string): Promise<number> {
  const { rows: contacts } = await db.query(`
    SELECT c.number, c.title, c."externalNumber", c.description, c."searchText",
           co.name AS "companyName", co.code::text AS "companyCode", co.nip AS "companyNip", p.name AS "personName"
    FROM "Contact" c JOIN "Company" co ON co.id = c."companyId" LEFT JOIN "Person" p ON p.id = c."personId"
    WHERE c.${contactSample}`);
  for (const c of contacts) {
    const expected = contactSearchText({ ...c, company: { name: c.companyName, code: c.companyCode, nip: c.companyNip }, person: c.personName ? { name: c.personName } : null });
    if (expected !== c.searchText) throw new Error(`Contact ${c.number}: searchText ${JSON.stringify(c.searchText)} differs from the app's ${JSON.stringify(expected)}`);
  }
  const { rows: items } = await db.query(`SELECT i.id, i."noteKind", i.text, i."searchText" FROM "Item" i JOIN "Contact" c ON c.id = i."contactId" WHERE c.${contactSample} AND i.type = 'note'`);
  for (const i of items) {
    const expected = foldText(i.noteKind, i.text);
    if (expected !== i.searchText) throw new Error(`Item ${i.id}: searchText ${JSON.stringify(i.searchText)} differs from the app's ${JSON.stringify(expected)}`);
  }
  return contacts.length + items.length;
}
