// Phone and fax numbers are stored as E.164 (+48221234567) so an incoming fax can be matched
// by equality. Input comes in whatever shape people type: "(22) 123-45-67", "+48 22 1234567",
// "0048 22 123 45 67". No library: Polish numbers are 9 digits after +48 and that is all we need
// to know; foreign numbers are only checked for E.164 length.

const SEPARATORS = /[\s().\/-]/g;

/** E.164 form of a phone number, or null when the input is not one. */
export function normalizePhone(input: string, defaultCountry = '48'): string | null {
  const compact = input.trim().replace(SEPARATORS, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return null;

  let international: string;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);
  else if (defaultCountry === '48' && /^48\d{9}$/.test(compact)) international = compact; // "48221234567"
  else if (defaultCountry === '48' && /^0\d{9}$/.test(compact)) international = `48${compact.slice(1)}`; // old trunk prefix "(022) …"
  else international = `${defaultCountry}${compact}`;

  if (international.startsWith('48')) return /^48\d{9}$/.test(international) ? `+${international}` : null;
  // E.164: a country code not starting with 0, at most 15 digits in all.
  return /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : null;
}
