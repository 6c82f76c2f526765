import { describe, expect, it } from 'vitest';
import { amountInWords, zlotyForm } from '../../src/domain/documents/amount-in-words.ts';

describe('amount in words', () => {
  it('writes Polish invoice amounts with the right form of złoty and grosze as a fraction', () => {
    expect(amountInWords('1234.50', 'pl')).toBe('tysiąc dwieście trzydzieści cztery złote 50/100');
    expect(amountInWords('1.00', 'pl')).toBe('jeden złoty 00/100');
    expect(amountInWords('2.05', 'pl')).toBe('dwa złote 05/100');
    expect(amountInWords('5', 'pl')).toBe('pięć złotych 00/100');
    expect(amountInWords('12.99', 'pl')).toBe('dwanaście złotych 99/100');
    expect(amountInWords('22', 'pl')).toBe('dwadzieścia dwa złote 00/100');
    expect(amountInWords('1001', 'pl')).toBe('tysiąc jeden złotych 00/100');
    expect(amountInWords('0.99', 'pl')).toBe('zero złotych 99/100');
    expect(amountInWords('2000000', 'pl')).toBe('dwa miliony złotych 00/100');
    expect(amountInWords({ toFixed: () => '114.00' }, 'pl')).toBe('sto czternaście złotych 00/100');
  });

  it('chooses złoty / złote / złotych by the Polish rule', () => {
    expect([1n, 2n, 4n, 5n, 11n, 12n, 14n, 21n, 22n, 104n, 112n, 1000n].map(zlotyForm)).toEqual(
      ['złoty', 'złote', 'złote', 'złotych', 'złotych', 'złotych', 'złotych', 'złotych', 'złote', 'złote', 'złotych', 'złotych'],
    );
  });

  it('writes English with PLN', () => {
    expect(amountInWords('1234.50', 'en')).toBe('one thousand two hundred and thirty-four PLN 50/100');
  });

  it('refuses more than two decimals instead of rounding silently', () => {
    expect(() => amountInWords('1.005', 'pl')).toThrow();
  });
});
