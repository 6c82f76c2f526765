// The gross amount of a sales document in words, as Polish invoices print it:
// "tysiąc dwieście trzydzieści cztery złote 50/100". Whole złote in words, grosze as a fraction.
import { toCardinal as englishCardinal } from 'n2words/en-GB';
import { toCardinal as polishCardinal } from 'n2words/pl-PL';
import { toScaled } from './totals.ts';

/** złoty / złote / złotych: 1 → złoty; 2–4 (not 12–14) → złote; otherwise złotych (also 0, 5, 1001). */
export function zlotyForm(zlote: bigint): 'złoty' | 'złote' | 'złotych' {
  if (zlote === 1n) return 'złoty';
  const lastTwo = zlote % 100n;
  const last = zlote % 10n;
  if (last >= 2n && last <= 4n && (lastTwo < 12n || lastTwo > 14n)) return 'złote';
  return 'złotych';
}

/** "1234.50" → "tysiąc dwieście trzydzieści cztery złote 50/100" (pl) or "one thousand … PLN 50/100" (en). */
export function amountInWords(amount: string | number | { toFixed: (n: number) => string }, locale: 'pl' | 'en'): string {
  const grosze = toScaled(amount, 2);
  const negative = grosze < 0n;
  const abs = negative ? -grosze : grosze;
  const zlote = abs / 100n;
  const fraction = `${String(abs % 100n).padStart(2, '0')}/100`;
  if (locale === 'pl') return `${negative ? 'minus ' : ''}${polishCardinal(zlote)} ${zlotyForm(zlote)} ${fraction}`;
  return `${negative ? 'minus ' : ''}${englishCardinal(zlote)} PLN ${fraction}`;
}
