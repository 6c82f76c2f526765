// Small zod building blocks shared by the use cases.
import { z } from 'zod';

export const id = z.coerce.number().int().positive();
export const optionalId = id.nullable().optional();

/** Trimmed text; '' allowed. */
export const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
export const requiredText = (max: number) => text(max).min(1, 'required');

/** An instant: a Date or an ISO 8601 string (undefined stays undefined, unlike z.coerce.date). */
export const instant = z
  .union([z.date(), z.string().trim().min(1, 'required')])
  .transform((v) => (v instanceof Date ? v : new Date(v)))
  .refine((d) => !Number.isNaN(d.getTime()), 'invalid date');

/** A calendar date (YYYY-MM-DD or Date), stored at UTC midnight as PostgreSQL DATE columns are. */
export const calendarDate = z
  .union([z.date(), z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')])
  .transform((v) => (v instanceof Date ? new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate())) : new Date(`${v}T00:00:00Z`)))
  .refine((d) => !Number.isNaN(d.getTime()), 'invalid date');

/** A decimal as a string with at most `scale` decimals ("12.5", 12.5, "12,5" all accepted). */
export const decimal = (scale: number, options: { min?: number; max?: number } = {}) =>
  z
    .union([z.string(), z.number(), z.object({ toFixed: z.function() }).transform(String)])
    .transform((v) => String(v).trim().replace(',', '.'))
    .refine((v) => new RegExp(`^-?\\d{1,12}(\\.\\d{1,${scale}})?$`).test(v), `expected a number with at most ${scale} decimals`)
    .refine((v) => options.min === undefined || Number(v) >= options.min, `must be at least ${options.min}`)
    .refine((v) => options.max === undefined || Number(v) <= options.max, `must be at most ${options.max}`);

export const version = z.coerce.number().int().positive();
