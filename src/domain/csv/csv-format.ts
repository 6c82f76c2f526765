// CSV as Polish offices exchange it: UTF-8 with a BOM or windows-1250 (what Excel writes on a
// Polish Windows), `;` (Polish Excel's default) or `,` between fields, CRLF line ends.
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { foldText } from '../shared/fold-text.ts';

export const CSV_ENCODINGS = ['utf-8', 'windows-1250'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const CSV_SEPARATORS = [';', ','] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

const BOM = '\ufeff';

/**
 * Spreadsheets run cells that start with = + - @ as formulas; a leading apostrophe keeps them
 * text. Phone numbers (+48…) get one too; the import takes it off again, so a round trip is exact.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain negative number ("-3", "-1,5") is a number to a spreadsheet, not a formula: left as it
 * is. ("+48…" stays protected: a phone number must not lose its plus.) */
const SIGNED_NUMBER = /^-\d+(?:[.,]\d+)?$/;
export const protectCell = (value: string) => (FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value);
export const unprotectCell = (value: string) => (value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value);

/** Records (the header first) as CSV bytes in the chosen encoding; `withBom` for the first chunk of a UTF-8 file. */
export function encodeCsv(records: string[][], options: { encoding: CsvEncoding; separator: CsvSeparator; withBom: boolean }): Buffer {
  const text = stringify(records.map((r) => r.map(protectCell)), { delimiter: options.separator, record_delimiter: 'windows' });
  if (options.encoding === 'windows-1250') return iconv.encode(text, 'win1250');
  return Buffer.from((options.withBom ? BOM : '') + text, 'utf8');
}

/**
 * The text of an uploaded file. A UTF-8 BOM, or bytes that decode as UTF-8 without error, mean
 * UTF-8; anything else is read as windows-1250 (unless the caller chose the encoding).
 */
export function decodeCsv(bytes: Buffer, encoding: CsvEncoding | 'auto' = 'auto'): { text: string; encoding: CsvEncoding } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'windows-1250' && !hasBom) return { text: iconv.decode(bytes, 'win1250'), encoding };
  if (hasBom) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf-8') return { text: bytes.toString('utf8'), encoding };
    return { text: iconv.decode(bytes, 'win1250'), encoding: 'windows-1250' };
  }
}

/** `;` or `,`: whichever occurs more often outside quotes in the header line (`;` on a tie). */
export function detectSeparator(text: string): CsvSeparator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/** A header as a lookup key: "Kod pocztowy", "kod_pocztowy" and "KodPocztowy" all become "kodpocztowy". */
export const headerKey = (header: string) => foldText(header).replace(/[^a-z0-9]/g, '');
