// Polish tax id (NIP): ten digits, the last a checksum of the first nine. Written in many ways
// ("PL 123-456-32-18", "123 456 32 18"); stored as the bare ten digits.

const WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** The ten digits of a NIP written with spaces, dashes, dots and an optional "PL" prefix; null if it is not ten digits. */
export function normalizeNip(input: string): string | null {
  const digits = input.trim().replace(/^PL/i, '').replace(/[\s.-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** Official checksum: Σ digit·weight mod 11 equals the tenth digit (a remainder of 10 is never valid). */
export function isValidNip(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^0+$/.test(digits)) return false;
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(digits[9]);
}
