// Generated identifiers that must be valid, not just look valid: NIPs pass the official
// checksum, phone numbers normalise to E.164, e-mail addresses are plain ASCII.
import { foldText } from '../../src/domain/shared/fold-text.ts';
import { MOBILE_PREFIXES } from './data/names.ts';
import type { Random } from './random.ts';

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** The NIP check digit of nine digits, or null when the sum gives 10 (no valid NIP has those nine digits). */
export function nipCheckDigit(nineDigits: string): number | null {
  const check = NIP_WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(nineDigits[i]), 0) % 11;
  return check === 10 ? null : check;
}

/** A valid NIP starting with one of the tax office prefixes, not in `taken` (which it joins). */
export function generateNip(rng: Random, prefixes: string[], taken: Set<string>): string {
  for (;;) {
    const nine = rng.pick(prefixes) + rng.digits(6);
    const check = nipCheckDigit(nine);
    const nip = `${nine}${check}`;
    if (check !== null && !taken.has(nip)) {
      taken.add(nip);
      return nip;
    }
  }
}

/** A landline in the area, written the Polish way: "+48 22 621 45 80". */
export function generateLandline(rng: Random, areaCode: string, taken: Set<string>): string {
  for (;;) {
    const local = String(rng.int(2, 8)) + rng.digits(6);
    const phone = `+48 ${areaCode} ${local.slice(0, 3)} ${local.slice(3, 5)} ${local.slice(5)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/** A mobile number: "+48 601 234 567". */
export function generateMobile(rng: Random, taken: Set<string>): string {
  for (;;) {
    const phone = `+48 ${rng.pick(MOBILE_PREFIXES)} ${rng.digits(3)} ${rng.digits(3)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/** "Żaneta Łuczak" → "zaneta.luczak"; the short form gives "z.luczak". */
export function emailLocalPart(firstName: string, surname: string, short = false): string {
  const first = foldText(firstName).replace(/[^a-z]/g, '');
  const last = foldText(surname).replace(/[^a-z-]/g, '');
  return short ? `${first[0]}.${last}` : `${first}.${last}`;
}
