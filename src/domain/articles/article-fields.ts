// Field rules shared by create-article and update-article.
import { z } from 'zod';
import { validation } from '../../errors.ts';
import type { Article } from '../../generated/prisma/client.ts';
import { isUniqueViolation } from '../shared/unique-violation.ts';
import { decimal, requiredText } from '../shared/schemas.ts';
import { VAT_RATES } from './vat-rates.ts';

export const articleFields = {
  code: requiredText(64).regex(/^[A-Za-z0-9_.\/-]+$/, 'only letters, digits, "_", ".", "/" and "-"'),
  name: requiredText(200),
  unit: requiredText(16),
  /** Net list price in PLN; Decimal(12,2) holds up to 9 999 999 999.99. */
  listNetPrice: decimal(2, { min: 0, max: 9_999_999_999.99 }),
  vatRate: z.enum(VAT_RATES, { error: `expected one of ${VAT_RATES.join(', ')}` }),
  active: z.boolean(),
};

/** Plain data for callers: the price as a "12.50" string rather than a Decimal object. */
export const plainArticle = (article: Article) => ({ ...article, listNetPrice: article.listNetPrice.toFixed(2) });

export function articleWriteError(error: unknown, code?: string): unknown {
  if (isUniqueViolation(error, 'code')) return validation({ code: code ? `code ${code} already in use` : 'code already in use' });
  return error;
}
