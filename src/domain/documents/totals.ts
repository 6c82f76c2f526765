// Money arithmetic for sales lines and documents, in integer grosze (BigInt, never floats).
//
// The rounding rule (one rule, everywhere):
//   1. line net   = quantity × unit net price, rounded half away from zero to the grosz;
//   2. document VAT per rate = (sum of line nets at that rate) × rate, rounded the same way
//      ("od sumy wartości netto" — the per-rate summary of a Polish invoice);
//   3. gross = net + VAT, per rate and in total; line VAT and gross are shown per line but the
//      document's VAT is the per-rate sum from step 2.
import { vatPercent } from '../articles/vat-rates.ts';

type DecimalLike = string | number | { toFixed: (n: number) => string };

/** "12.345" with scale 3 → 12345n. Throws on more decimals than the scale allows. */
export function toScaled(value: DecimalLike, scale: number): bigint {
  const s = typeof value === 'object' ? value.toFixed(scale) : String(value).trim().replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const [, sign, whole, frac = ''] = m;
  if (frac.replace(/0+$/, '').length > scale) throw new Error(`more than ${scale} decimals: ${s}`);
  const scaled = BigInt(whole! + frac.padEnd(scale, '0'));
  return sign ? -scaled : scaled;
}

/** n / d rounded half away from zero (d > 0). */
export function roundDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return q + (n < 0n ? -1n : 1n);
  return q;
}

export function lineNetGrosze(quantity: DecimalLike, unitNetPrice: DecimalLike): bigint {
  return roundDiv(toScaled(quantity, 3) * toScaled(unitNetPrice, 2), 1000n);
}

export function vatGrosze(netGrosze: bigint, vatRate: string): bigint {
  return roundDiv(netGrosze * BigInt(Math.round(vatPercent(vatRate) * 100)), 10_000n);
}

/** 123456n → "1234.56" (PLN, for Decimal columns and display). */
export function formatGrosze(grosze: bigint): string {
  const sign = grosze < 0n ? '-' : '';
  const abs = grosze < 0n ? -grosze : grosze;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export type PricedLine = { quantity: DecimalLike; unitNetPrice: DecimalLike; vatRate: string };

export function documentTotals(lines: PricedLine[]) {
  const priced = lines.map((line) => {
    const net = lineNetGrosze(line.quantity, line.unitNetPrice);
    const vat = vatGrosze(net, line.vatRate);
    return { net, vat, gross: net + vat };
  });
  const netByRate = new Map<string, bigint>();
  lines.forEach((line, i) => netByRate.set(line.vatRate, (netByRate.get(line.vatRate) ?? 0n) + priced[i]!.net));
  const byRate = [...netByRate].map(([vatRate, net]) => {
    const vat = vatGrosze(net, vatRate);
    return { vatRate, net, vat, gross: net + vat };
  });
  const net = byRate.reduce((s, r) => s + r.net, 0n);
  const vat = byRate.reduce((s, r) => s + r.vat, 0n);
  return { lines: priced, byRate, net, vat, gross: net + vat };
}
