// The editable fields of a contact, shared by create and update.
import { z } from 'zod';
import { calendarDate, instant, optionalId, requiredText, text } from '../shared/schemas.ts';

export const PRIORITIES = ['high', 'normal', 'low'] as const;
export const OUTCOMES = ['won', 'lost', 'cancelled'] as const;

export const contactFields = {
  companyId: z.coerce.number().int().positive(),
  personId: optionalId,
  ownerId: optionalId,
  kindId: optionalId,
  title: requiredText(300),
  description: text(20_000),
  externalNumber: text(100).nullable().transform((v) => v || null),
  dueAt: instant.nullable(),
  priority: z.enum(PRIORITIES),
  restrictToSalesLines: z.boolean(),
  probability: z.coerce.number().int().min(0).max(100).nullable(),
  expectedCloseAt: calendarDate.nullable(),
  snoozedUntil: instant.nullable(),
};

/** Relations loaded with a contact wherever one is shown. */
export const contactInclude = {
  company: { select: { id: true, name: true, code: true, nip: true, kind: true } },
  person: { select: { id: true, name: true, email: true, phone: true } },
  owner: { select: { id: true, name: true, email: true, slackUserId: true } },
  kind: { select: { id: true, name: true, defaultProbability: true } },
} as const;
