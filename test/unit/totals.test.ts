import { describe, expect, it } from 'vitest';
import { documentTotals, formatGrosze, lineNetGrosze, roundDiv, toScaled } from '../../src/domain/documents/totals.ts';

describe('money in grosze', () => {
  it('scales decimals exactly', () => {
    expect(toScaled('12.345', 3)).toBe(12345n);
    expect(toScaled('12,5', 2)).toBe(1250n);
    expect(toScaled(7, 2)).toBe(700n);
    expect(() => toScaled('1.234', 2)).toThrow(/more than 2 decimals/);
  });

  it('rounds half away from zero', () => {
    expect(roundDiv(5n, 10n)).toBe(1n);
    expect(roundDiv(4n, 10n)).toBe(0n);
    expect(roundDiv(-5n, 10n)).toBe(-1n);
    expect(roundDiv(15n, 10n)).toBe(2n);
  });

  it('computes a line net from quantity × price, rounded to the grosz', () => {
    // 3 × 0.333 PLN... price has 2 decimals: 1.005 kg × 19.99 = 20.08995 → 20.09
    expect(lineNetGrosze('1.005', '19.99')).toBe(2009n);
    expect(lineNetGrosze('0.5', '0.01')).toBe(1n); // 0.005 → 0.01
  });

  it('computes VAT per rate from the sum of nets, not the sum of line VATs', () => {
    // Three lines of 0.10 PLN at 23 %: line VAT 0.02 each (0.023 rounded) would sum to 0.06,
    // the per-rate rule gives 0.30 × 23 % = 0.069 → 0.07.
    const totals = documentTotals([
      { quantity: '1', unitNetPrice: '0.10', vatRate: '23' },
      { quantity: '1', unitNetPrice: '0.10', vatRate: '23' },
      { quantity: '1', unitNetPrice: '0.10', vatRate: '23' },
      { quantity: '2', unitNetPrice: '50.00', vatRate: '8' },
      { quantity: '1', unitNetPrice: '10.00', vatRate: 'zw' },
    ]);
    expect(totals.lines.map((l) => l.vat)).toEqual([2n, 2n, 2n, 800n, 0n]);
    expect(totals.byRate).toEqual([
      { vatRate: '23', net: 30n, vat: 7n, gross: 37n },
      { vatRate: '8', net: 10000n, vat: 800n, gross: 10800n },
      { vatRate: 'zw', net: 1000n, vat: 0n, gross: 1000n },
    ]);
    expect([totals.net, totals.vat, totals.gross]).toEqual([11030n, 807n, 11837n]);
    expect(formatGrosze(totals.gross)).toBe('118.37');
    expect(formatGrosze(-5n)).toBe('-0.05');
  });
});
