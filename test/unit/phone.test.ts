import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/domain/companies/phone.ts';

describe('normalizePhone', () => {
  it.each([
    ['22 123 45 67', '+48221234567'],
    ['(22) 123-45-67', '+48221234567'],
    ['+48 22 1234567', '+48221234567'],
    ['+48 (22) 123 45 67', '+48221234567'],
    ['0048 22 123 45 67', '+48221234567'],
    ['48221234567', '+48221234567'],
    ['(022) 123-45-67', '+48221234567'],
    ['601-234-567', '+48601234567'],
    ['22.123.45.67', '+48221234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it('keeps foreign numbers in E.164', () => {
    expect(normalizePhone('+49 30 1234567')).toBe('+49301234567');
    expect(normalizePhone('0044 20 7946 0958')).toBe('+442079460958');
  });

  it('uses the default country for national numbers', () => {
    expect(normalizePhone('30 1234567', '49')).toBe('+49301234567');
  });

  it.each(['', '   ', 'abc', '22 123 45', '22 123 45 678', '+48 22 123 45 6789', 'tel. 22 123 45 67', '+0 123 456 789', '+12', '22 123 45 67 w. 12'])(
    'refuses %j',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );
});
