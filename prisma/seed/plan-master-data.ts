// Plans (without touching the database) the companies with their generated NIPs and phone
// numbers, and the people who work at them.
import { CITIES } from './data/cities.ts';
import { COMPANIES, type DemoCompany } from './data/companies.ts';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, POSITIONS, SURNAMES, feminineSurname } from './data/names.ts';
import { emailLocalPart, generateLandline, generateMobile, generateNip } from './identifiers.ts';
import { forkRandom, type Random } from './random.ts';

export type PlannedPerson = { name: string; position: string; email: string; phone: string };
export type PlannedCompany = DemoCompany & { nip: string; phone: string; fax: string | null; people: PlannedPerson[] };

/** People per company before the extras: a competitor is known through one person, a client through two. */
const BASE_PEOPLE: Record<DemoCompany['kind'], number> = { client: 2, prospect: 1, partner: 2, supplier: 2, competitor: 1 };
/** Extra people spread over clients and prospects (82 people in all). */
const EXTRA_PEOPLE = 12;
const MAX_PEOPLE = 4;

export function planCompanies(seed: number): PlannedCompany[] {
  const rng = forkRandom(seed, 'companies');
  const nips = new Set<string>();
  const phones = new Set<string>();
  const companies = COMPANIES.map((company) => {
    const city = CITIES[company.city]!;
    return {
      ...company,
      nip: generateNip(rng, city.nipPrefixes, nips),
      phone: generateLandline(rng, city.areaCode, phones),
      fax: company.hasFax ? generateLandline(rng, city.areaCode, phones) : null,
      people: [] as PlannedPerson[],
    };
  });

  const headcount = companies.map((c) => BASE_PEOPLE[c.kind]);
  const growable = companies.flatMap((c, i) => (c.kind === 'client' || c.kind === 'prospect' ? [i] : []));
  for (let added = 0; added < EXTRA_PEOPLE; ) {
    const i = rng.pick(growable);
    if (headcount[i]! < MAX_PEOPLE) {
      headcount[i]!++;
      added++;
    }
  }

  const people = forkRandom(seed, 'people');
  const emails = new Set<string>();
  const names = new Set<string>();
  companies.forEach((company, i) => {
    for (let n = 0; n < headcount[i]!; n++) company.people.push(planPerson(people, company, n, { emails, names, phones }));
  });
  return companies;
}

function planPerson(
  rng: Random,
  company: PlannedCompany,
  index: number,
  taken: { emails: Set<string>; names: Set<string>; phones: Set<string> },
): PlannedPerson {
  let first: string;
  let surname: string;
  do {
    const female = rng.chance(0.55);
    first = rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    surname = female ? feminineSurname(rng.pick(SURNAMES)) : rng.pick(SURNAMES);
  } while (taken.names.has(`${first} ${surname}`));
  taken.names.add(`${first} ${surname}`);

  const domain = company.domains[0]!;
  // Some companies' people use "a.nowak@", most "anna.nowak@"; fall back to the other form on a clash.
  const forms = [emailLocalPart(first, surname), emailLocalPart(first, surname, true)];
  if (rng.chance(0.25)) forms.reverse();
  const email = forms.map((local) => `${local}@${domain}`).find((e) => !taken.emails.has(e)) ?? `${forms[0]}${index + 1}@${domain}`;
  taken.emails.add(email);

  return {
    name: `${first} ${surname}`,
    position: rng.pick(positionsFor(company.kind, index)),
    email,
    // Most people give a mobile; some only the switchboard's direct line.
    phone: rng.chance(0.8) ? generateMobile(rng, taken.phones) : generateLandline(rng, CITIES[company.city]!.areaCode, taken.phones),
  };
}

/** The first person is whoever buys; the second decides; the rest are specialists. */
function positionsFor(kind: DemoCompany['kind'], index: number): string[] {
  if (kind === 'supplier' || kind === 'competitor') return POSITIONS.supplier;
  if (index === 0) return POSITIONS.purchasing;
  if (index === 1) return POSITIONS.decision;
  return POSITIONS.other;
}
