// Polish VAT rate codes as printed on invoices. "zw" (exempt) and "np" (not subject to Polish
// VAT) carry no tax but must stay distinct from "0" on documents.
import { validation } from '../../errors.ts';

export const VAT_RATES = ['23', '8', '5', '0', 'zw', 'np'] as const;
export type VatRate = (typeof VAT_RATES)[number];

export const isVatRate = (code: string): code is VatRate => (VAT_RATES as readonly string[]).includes(code);

/** The percentage a rate code taxes at ("23" → 23, "zw" → 0); VALIDATION for an unknown code. */
export function vatPercent(code: string): number {
  if (!isVatRate(code)) throw validation({ vatRate: `unknown VAT rate ${code}` });
  return code === 'zw' || code === 'np' ? 0 : Number(code);
}
