import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/domain/shared/fold-text.ts';
import { parseContactNumber } from '../../src/domain/contacts/find-contact.ts';

describe('foldText', () => {
  it('removes case and Polish diacritics, including ł', () => {
    expect(foldText('Żółw')).toBe('zolw');
    expect(foldText('ZAŻÓŁĆ GĘŚLĄ JAŹŃ')).toBe('zazolc gesla jazn');
    expect(foldText('  Łódź,\n ul.  Piotrkowska ')).toBe('lodz, ul. piotrkowska');
  });
  it('joins parts and skips empty ones', () => {
    expect(foldText('K/2026/0042', null, undefined, 'Ćma')).toBe('k/2026/0042 cma');
  });
});

describe('parseContactNumber', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  it.each([
    ['K/2026/0042', 'K/2026/0042'],
    ['k-2026-42', 'K/2026/0042'],
    ['2025/7', 'K/2025/0007'],
    ['42', 'K/2026/0042'],
    [' K 2026 0042 ', 'K/2026/0042'],
  ])('%s → %s', (input, expected) => {
    expect(parseContactNumber(input, undefined, now)).toBe(expected);
  });
  it('rejects what is not a number', () => {
    expect(parseContactNumber('oferta', undefined, now)).toBeNull();
    expect(parseContactNumber('K/20/ab', undefined, now)).toBeNull();
  });
  it('uses the company time zone for "this year"', () => {
    // 23:30 UTC on 31 December is already 1 January in Warsaw.
    expect(parseContactNumber('5', { timeZone: 'Europe/Warsaw' }, new Date('2026-12-31T23:30:00Z'))).toBe('K/2027/0005');
  });
});
