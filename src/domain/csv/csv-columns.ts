// The columns of each CSV file: a key, the English and Polish headers written on export, and the
// other names accepted on import. Values of enumerations are written in the file's language and
// read in either.
import { headerKey } from './csv-format.ts';

export const CSV_ENTITIES = ['companies', 'people', 'contacts'] as const;
export type CsvEntity = (typeof CSV_ENTITIES)[number];
export type CsvLanguage = 'pl' | 'en';

export type CsvColumn = { key: string; en: string; pl: string; aliases?: string[]; required?: boolean };

export const CSV_COLUMNS: Record<CsvEntity, CsvColumn[]> = {
  companies: [
    { key: 'code', en: 'code', pl: 'kod', aliases: ['skrót', 'symbol'], required: true },
    { key: 'name', en: 'name', pl: 'nazwa', aliases: ['company name', 'nazwa firmy'], required: true },
    { key: 'nip', en: 'nip', pl: 'nip', aliases: ['tax id', 'vat id'] },
    { key: 'kind', en: 'kind', pl: 'rodzaj', aliases: ['typ', 'type'] },
    { key: 'emailDomains', en: 'email domains', pl: 'domeny e-mail', aliases: ['domains', 'domeny'] },
    { key: 'phone', en: 'phone', pl: 'telefon' },
    { key: 'fax', en: 'fax', pl: 'faks' },
    { key: 'street', en: 'street', pl: 'ulica', aliases: ['adres', 'address'] },
    { key: 'postalCode', en: 'postal code', pl: 'kod pocztowy', aliases: ['zip', 'postcode'] },
    { key: 'city', en: 'city', pl: 'miejscowość', aliases: ['miasto', 'town'] },
    { key: 'country', en: 'country', pl: 'kraj' },
    { key: 'notes', en: 'notes', pl: 'uwagi', aliases: ['notatki'] },
    { key: 'active', en: 'active', pl: 'aktywny' },
  ],
  people: [
    { key: 'companyCode', en: 'company code', pl: 'kod kontrahenta', aliases: ['company', 'kontrahent', 'firma'] },
    { key: 'companyNip', en: 'company nip', pl: 'nip kontrahenta', aliases: ['nip'] },
    { key: 'name', en: 'name', pl: 'imię i nazwisko', aliases: ['nazwa', 'full name', 'osoba', 'person'], required: true },
    { key: 'position', en: 'position', pl: 'stanowisko', aliases: ['job title'] },
    { key: 'email', en: 'email', pl: 'e-mail', aliases: ['mail'] },
    { key: 'phone', en: 'phone', pl: 'telefon' },
    { key: 'active', en: 'active', pl: 'aktywny' },
  ],
  contacts: [
    { key: 'number', en: 'number', pl: 'numer' },
    { key: 'registeredAt', en: 'registered', pl: 'data rejestracji', aliases: ['registered at', 'zarejestrowano'] },
    { key: 'title', en: 'title', pl: 'tytuł', required: true },
    { key: 'companyCode', en: 'company code', pl: 'kod kontrahenta', aliases: ['company', 'kontrahent', 'firma'] },
    { key: 'companyNip', en: 'company nip', pl: 'nip kontrahenta', aliases: ['nip'] },
    { key: 'person', en: 'person', pl: 'osoba' },
    { key: 'owner', en: 'owner e-mail', pl: 'odpowiedzialny (e-mail)', aliases: ['owner', 'odpowiedzialny', 'owner email'] },
    { key: 'kind', en: 'kind', pl: 'rodzaj' },
    { key: 'priority', en: 'priority', pl: 'priorytet' },
    { key: 'status', en: 'status', pl: 'status' },
    { key: 'outcome', en: 'outcome', pl: 'wynik' },
    { key: 'dueAt', en: 'deadline', pl: 'termin', aliases: ['due', 'due at'] },
    { key: 'externalNumber', en: 'external number', pl: 'numer obcy' },
    { key: 'description', en: 'description', pl: 'opis' },
  ],
};

/** Column key for each accepted header (folded). */
export function headerLookup(entity: CsvEntity): Map<string, string> {
  const map = new Map<string, string>();
  for (const column of CSV_COLUMNS[entity]) {
    for (const name of [column.key, column.en, column.pl, ...(column.aliases ?? [])]) {
      if (!map.has(headerKey(name))) map.set(headerKey(name), column.key);
    }
  }
  return map;
}

/** Enumeration values in both languages (export writes the file's language). */
export const ENUM_VALUES: Record<string, Record<string, { en: string; pl: string }>> = {
  priority: { high: { en: 'high', pl: 'wysoki' }, normal: { en: 'normal', pl: 'normalny' }, low: { en: 'low', pl: 'niski' } },
  status: { open: { en: 'open', pl: 'otwarty' }, closed: { en: 'closed', pl: 'zamknięty' } },
  outcome: { won: { en: 'won', pl: 'wygrany' }, lost: { en: 'lost', pl: 'przegrany' }, cancelled: { en: 'cancelled', pl: 'anulowany' } },
  companyKind: {
    client: { en: 'client', pl: 'klient' }, prospect: { en: 'prospect', pl: 'potencjalny' }, partner: { en: 'partner', pl: 'partner' },
    competitor: { en: 'competitor', pl: 'konkurent' }, supplier: { en: 'supplier', pl: 'dostawca' },
  },
  boolean: { true: { en: 'yes', pl: 'tak' }, false: { en: 'no', pl: 'nie' } },
};

export const enumLabel = (kind: string, value: string | null | undefined, language: CsvLanguage) =>
  value === null || value === undefined ? '' : (ENUM_VALUES[kind]?.[value]?.[language] ?? value);

/** The stored value of a cell in either language ('' → undefined, unknown → null). */
export function enumValue(kind: string, cell: string): string | null | undefined {
  const folded = headerKey(cell);
  if (!folded) return undefined;
  const extra: Record<string, string> = kind === 'boolean' ? { '1': 'true', '0': 'false', true: 'true', false: 'false', t: 'true', n: 'false', y: 'true' } : {};
  if (extra[folded]) return extra[folded];
  for (const [value, labels] of Object.entries(ENUM_VALUES[kind] ?? {})) {
    if ([value, labels.en, labels.pl].some((l) => headerKey(l) === folded)) return value;
  }
  return null;
}
