// The JSON API's wire format as zod schemas: requests are validated with them and the OpenAPI
// document (openapi.ts) is generated from the very same objects, so the two cannot drift. The
// domain validates again with its own schemas; these describe JSON (dates as ISO 8601 strings).
import { z } from 'zod';
import { PRIORITIES } from '../../domain/contacts/contact-fields.ts';

const id = z.coerce.number().int().positive();
const dateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 date and time with an offset or Z' });
const calendarDate = z.iso.date().meta({ description: 'YYYY-MM-DD' });
const COMPANY_KINDS = ['client', 'prospect', 'partner', 'competitor', 'supplier'] as const;

// ---- requests ----

export const listContactsQuery = z.object({
  q: z.string().max(200).optional().meta({ description: 'Words that must all occur in the contact or its items (case and diacritics ignored)' }),
  status: z.enum(['open', 'closed']).optional(),
  priority: z.array(z.enum(PRIORITIES)).optional().meta({ description: 'One or more (repeat the parameter)' }),
  ownerId: id.optional(),
  companyId: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
});

export const createContactBody = z.strictObject({
  companyId: id,
  title: z.string().trim().min(1, 'required').max(300),
  personId: id.nullable().optional(),
  ownerId: id.nullable().optional().meta({ description: 'Defaults to the token’s employee' }),
  kindId: id.nullable().optional(),
  description: z.string().max(20_000).optional(),
  externalNumber: z.string().max(100).nullable().optional(),
  dueAt: dateTime.nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  restrictToSalesLines: z.boolean().optional(),
  probability: z.number().int().min(0).max(100).nullable().optional(),
  expectedCloseAt: calendarDate.nullable().optional(),
  snoozedUntil: dateTime.nullable().optional(),
});

export const addNoteBody = z.strictObject({
  text: z.string().min(1, 'write something').max(100_000),
  noteKind: z.string().max(60).nullable().optional().meta({ description: 'phone, meeting, …' }),
  occurredAt: dateTime.optional(),
  dueAt: dateTime.nullable().optional().meta({ description: 'Makes the note a task for the assignee' }),
  assigneeId: id.nullable().optional(),
  sourceRef: z.string().max(500).nullable().optional().meta({ description: 'Your id of the source; the same one is filed on a contact only once (409)' }),
});

export const listCompaniesQuery = z.object({
  q: z.string().max(200).optional().meta({ description: 'Part of the name, code or NIP' }),
  active: z.enum(['true', 'false']).optional(),
  kind: z.enum(COMPANY_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const uploadFilesBody = z.object({
  file: z.string().meta({ format: 'binary', description: 'One or more file parts (at most 20), each up to the file size limit' }),
});

// ---- responses ----

const ref = z.object({ id: z.number().int(), name: z.string() });

export const errorResponse = z.object({
  error: z.object({
    code: z.string().meta({ description: 'VALIDATION, NOT_FOUND, CONFLICT, FORBIDDEN, TOO_LARGE, UNAUTHORIZED, MALFORMED, UNSUPPORTED_MEDIA_TYPE' }),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().meta({ description: 'Per-field messages (VALIDATION)' }),
    storedItemIds: z.array(z.number().int()).optional().meta({ description: 'Uploads: the files that were stored before the failure' }),
  }),
});

export const contactSummary = z.object({
  id: z.number().int(),
  number: z.string().meta({ example: 'K/2026/0042' }),
  title: z.string(),
  status: z.enum(['open', 'closed']),
  priority: z.enum(PRIORITIES),
  dueAt: dateTime.nullable(),
  registeredAt: dateTime,
  outcome: z.string().nullable(),
  version: z.number().int(),
  company: ref,
  personName: z.string().nullable(),
  owner: ref.nullable(),
  kindName: z.string().nullable(),
});

export const item = z.object({
  id: z.number().int(),
  contactId: z.number().int(),
  type: z.enum(['note', 'document', 'file']),
  occurredAt: dateTime,
  text: z.string(),
  noteKind: z.string().nullable(),
  author: ref.nullable(),
  assignee: ref.nullable(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  dueAt: dateTime.nullable(),
  doneAt: dateTime.nullable(),
  createdAt: dateTime,
  document: z.object({ id: z.number().int(), number: z.string(), kindCode: z.string(), grossTotal: z.string(), status: z.string() }).nullable(),
  versions: z.array(z.object({
    id: z.number().int(), version: z.number().int(), fileName: z.string(), createdAt: dateTime,
    size: z.number().int(), mimeType: z.string(), sha256: z.string(),
  })).meta({ description: 'File versions, newest first (files only)' }),
});

export const contactDetail = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  description: z.string(),
  externalNumber: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  outcome: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  registeredAt: dateTime,
  dueAt: dateTime.nullable(),
  closedAt: dateTime.nullable(),
  snoozedUntil: dateTime.nullable(),
  expectedCloseAt: calendarDate.nullable(),
  probability: z.number().int().nullable(),
  effectiveProbability: z.number().int().nullable(),
  restrictToSalesLines: z.boolean(),
  version: z.number().int().meta({ description: 'For optimistic concurrency' }),
  createdAt: dateTime,
  updatedAt: dateTime,
  company: z.object({ id: z.number().int(), name: z.string(), code: z.string(), nip: z.string().nullable(), kind: z.string() }),
  person: z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  owner: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
  kind: ref.nullable(),
  salesLines: z.array(z.object({
    id: z.number().int(),
    article: z.object({ id: z.number().int(), code: z.string(), name: z.string(), unit: z.string(), vatRate: z.string() }),
    quantity: z.string(),
    unitNetPrice: z.string(),
    netValue: z.string(),
    paymentForm: z.object({ id: z.number().int(), name: z.string(), days: z.number().int() }).nullable(),
    note: z.string(),
  })),
  salesNetTotal: z.string().meta({ description: 'PLN, decimal string' }),
  items: z.array(item).meta({ description: 'The newest items of the timeline' }),
  nextItemsCursor: z.string().nullable(),
});

export const company = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  kind: z.enum(COMPANY_KINDS),
  nip: z.string().nullable(),
  emailDomains: z.array(z.string()),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  active: z.boolean(),
});

export const me = z.object({
  employee: z.object({ id: z.number().int(), name: z.string(), role: z.enum(['admin', 'member']) }),
  tokenId: z.number().int(),
});

export const contactPage = z.object({ data: z.array(contactSummary), nextCursor: z.string().nullable() });
export const contactResponse = z.object({ data: contactDetail });
export const itemResponse = z.object({ data: item });
export const itemsResponse = z.object({ data: z.array(item) });
export const companyList = z.object({ data: z.array(company) });
export const meResponse = z.object({ data: me });
