import { describe, expect, it } from 'vitest';
import { isValidNip, normalizeNip } from '../../src/domain/companies/nip.ts';

// An independent checksum, written out plainly, to build valid NIPs for the tests.
function checkDigit(nine: string): number {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * weights[i]!;
  return sum % 11;
}

describe('normalizeNip', () => {
  it.each([
    ['PL 123-456-32-18', '1234563218'],
    ['pl1234563218', '1234563218'],
    ['123 456 32 18', '1234563218'],
    ['123-45-63-218', '1234563218'],
    ['  5260250274 ', '5260250274'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeNip(input)).toBe(expected);
  });

  it.each(['123456321', '12345632189', '12345A3218', 'DE1234563218', '', 'PL'])('refuses %j', (input) => {
    expect(normalizeNip(input)).toBeNull();
  });
});

describe('isValidNip', () => {
  it('accepts known public NIPs whose checksum holds', () => {
    // 5260250274: Ministry of Finance; 1234563218: the standard textbook example.
    for (const nip of ['5260250274', '1234563218']) {
      expect(checkDigit(nip.slice(0, 9))).toBe(Number(nip[9]));
      expect(isValidNip(nip)).toBe(true);
    }
  });

  it('agrees with an independent checksum on generated numbers', () => {
    let valid = 0;
    for (let n = 100_000_000; n < 100_000_000 + 200; n++) {
      const nine = String(n * 7919).slice(0, 9);
      const check = checkDigit(nine);
      for (let last = 0; last <= 9; last++) {
        const nip = `${nine}${last}`;
        const expected = check !== 10 && check === last;
        expect(isValidNip(nip)).toBe(expected);
        if (expected) valid++;
      }
    }
    expect(valid).toBeGreaterThan(150);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidNip('5260250275')).toBe(false);
    expect(isValidNip('1234563219')).toBe(false);
  });

  it('refuses nine digits whose checksum is 10 whatever the last digit', () => {
    const nine = firstWithCheckTen();
    for (let last = 0; last <= 9; last++) expect(isValidNip(`${nine}${last}`)).toBe(false);
  });

  it('refuses all zeros, wrong lengths and letters', () => {
    expect(isValidNip('0000000000')).toBe(false);
    expect(isValidNip('526025027')).toBe(false);
    expect(isValidNip('52602502744')).toBe(false);
    expect(isValidNip('52602502A4')).toBe(false);
    expect(isValidNip('526-025-02-74')).toBe(false); // callers normalise first
  });
});

function firstWithCheckTen(): string {
  for (let n = 100_000_000; ; n++) if (checkDigit(String(n)) === 10) return String(n);
}
