import { describe, expect, it } from 'vitest';
import { protectCell, unprotectCell } from '../../src/domain/csv/csv-format.ts';

describe('spreadsheet formula protection', () => {
  it('protects what a spreadsheet would run, but leaves plain negative numbers as numbers', () => {
    expect(protectCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(protectCell('@cmd')).toBe("'@cmd");
    expect(protectCell('-2+3')).toBe("'-2+3");
    expect(protectCell('+48221234567')).toBe("'+48221234567");
    expect(protectCell('-3')).toBe('-3');
    expect(protectCell('-1250,50')).toBe('-1250,50');
    expect(protectCell('Kowalski')).toBe('Kowalski');
    expect(unprotectCell(protectCell('=1+1'))).toBe('=1+1');
  });
});
