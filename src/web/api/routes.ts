// The JSON API for integrations, /api/v1, authenticated by per-employee API tokens. Handlers are
// thin: validate with the schemas of schemas.ts (which also make the OpenAPI document), call one
// domain function as the token's employee through the `api` channel, answer JSON.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db.ts';
import { createContact } from '../../domain/contacts/create-contact.ts';
import { findContactId } from '../../domain/contacts/find-contact.ts';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { searchContacts } from '../../domain/contacts/search-contacts.ts';
import { listCompanies } from '../../domain/companies/list-companies.ts';
import type { FileStore } from '../../domain/files/index.ts';
import { addFile } from '../../domain/items/add-file.ts';
import { addNote } from '../../domain/items/add-note.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { parseInput } from '../../domain/shared/validate.ts';
import { AppError, isAppError } from '../../errors.ts';
import { HTTP_STATUS } from '../error-handler.tsx';
import { ApiHttpError, jsonBody, requireApiToken, type ApiEnv } from './bearer.ts';
import { openApiDocument } from './openapi.ts';
import * as s from './schemas.ts';
import { companyJson, contactDetailJson, contactSummaryJson, itemJson } from './serialize.ts';
import { assertUploadLength, receiveFiles } from '../multipart.ts';

type ApiDeps = { db: Db; settings: DomainSettings; fileStore: FileStore; publicUrl: string };

/** Query parameters: repeated ones (priority) as arrays, the rest as their first value. */
function queryOf(c: Context, arrays: string[] = []): Record<string, string | string[]> {
  const all = c.req.queries();
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, arrays.includes(k) ? v : v[0]!]));
}

export function apiRoutes(deps: ApiDeps) {
  const { db, settings, fileStore } = deps;
  const app = new Hono<ApiEnv>();
  const document = openApiDocument(`${deps.publicUrl.replace(/\/$/, '')}/api/v1`);

  /** Digits are an id; anything else is read as a contact number (K/2026/0042, 2026/42, …). */
  const contactIdOf = (ref: string) => (/^\d{1,10}$/.test(ref) ? Number(ref) : findContactId(db, ref, settings));

  // Every error as JSON, whatever the client accepts; unknown ones go on to the app's handler,
  // which logs them with the request id.
  app.onError((error, c) => {
    if (error instanceof ApiHttpError) return c.json({ error: { code: error.code, message: error.message } }, error.status);
    if (error instanceof AppError) return c.json({ error: { code: error.code, message: error.message, fields: error.details.fields } }, HTTP_STATUS[error.code]);
    throw error;
  });

  app.get('/openapi.json', (c) => c.json(document));
  app.use('*', requireApiToken(db));

  app.get('/me', (c) => {
    const { employee, tokenId } = c.get('caller');
    return c.json({ data: { employee, tokenId } });
  });

  app.get('/contacts', async (c) => {
    const query = parseInput(s.listContactsQuery, queryOf(c, ['priority']));
    const page = await searchContacts(db, query);
    return c.json({ data: page.contacts.map(contactSummaryJson), nextCursor: page.nextCursor });
  });

  app.post('/contacts', async (c) => {
    const input = parseInput(s.createContactBody, await jsonBody(c));
    const created = await createContact(db, c.get('caller').actor, input, settings);
    c.header('Location', `/api/v1/contacts/${created.id}`);
    return c.json({ data: contactDetailJson(await getContact(db, created.id)) }, 201);
  });

  app.get('/contacts/:id', async (c) => {
    const contact = await getContact(db, await contactIdOf(c.req.param('id')));
    return c.json({ data: contactDetailJson(contact) });
  });

  app.post('/contacts/:id/notes', async (c) => {
    const contactId = await contactIdOf(c.req.param('id'));
    const input = parseInput(s.addNoteBody, await jsonBody(c));
    const { employee, actor } = c.get('caller');
    const note = await addNote(db, actor, { ...input, contactId });
    // The new item's assignee may be someone else: one small lookup for the name.
    const assignee = note.assigneeId === null ? null : note.assigneeId === employee.id ? employee : await db.employee.findUnique({ where: { id: note.assigneeId }, select: { id: true, name: true } });
    return c.json({ data: itemJson({ ...note, author: employee, assignee: assignee && { id: assignee.id, name: assignee.name }, document: null, versions: [] }) }, 201);
  });

  app.post('/contacts/:id/files', async (c) => {
    const contactId = await contactIdOf(c.req.param('id'));
    const contentType = c.req.header('Content-Type') ?? '';
    if (!contentType.startsWith('multipart/form-data') || !c.req.raw.body) throw new ApiHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data');
    // The app's 1 MB limit is bypassed for this path; declared sizes are checked here, and every
    // file is capped by the store as it streams (a missing Content-Length is not buffered).
    assertUploadLength(c.req.raw.headers, fileStore.maxFileBytes);
    const { employee, actor } = c.get('caller');
    const results = await receiveFiles(c.req.raw.body, contentType, fileStore.maxFileBytes, (stream, fileName) => addFile(db, fileStore, actor, { contactId, file: { stream, fileName } }));
    const items = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value as Awaited<ReturnType<typeof addFile>>] : []));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const unexpected = failures.find((e) => !isAppError(e));
    if (unexpected) throw unexpected;
    if (failures.length) {
      const first = (failures.find((e) => isAppError(e, 'TOO_LARGE')) ?? failures[0]) as AppError;
      const message = failures.map((e) => (e as AppError).message).join('; ');
      return c.json({ error: { code: first.code, message, fields: first.details.fields, storedItemIds: items.map((i) => i.id) } }, HTTP_STATUS[first.code]);
    }
    if (!items.length) throw new AppError('VALIDATION', 'No file in the upload', { fields: { file: 'send at least one file part with a file name' } });
    const data = items.map((item) =>
      itemJson({
        ...item, author: employee, assignee: null, document: null,
        versions: item.versions.map((v) => ({ id: v.id, version: v.version, fileName: v.fileName, createdAt: v.createdAt, storedFile: { sha256: v.storedFile.sha256, size: v.storedFile.size, mimeType: v.storedFile.mimeType } })),
      }),
    );
    return c.json({ data }, 201);
  });

  app.get('/companies', async (c) => {
    const query = parseInput(s.listCompaniesQuery, queryOf(c));
    const companies = await listCompanies(db, { search: query.q, active: query.active === undefined ? undefined : query.active === 'true', kind: query.kind, limit: query.limit });
    return c.json({ data: companies.map(companyJson) });
  });

  // Unknown API paths end here, as JSON, instead of falling through to the panel's middleware
  // (whose CSRF check would refuse a bearer POST with a misleading 403).
  app.all('*', (c) => c.json({ error: { code: 'NOT_FOUND', message: `No API route for ${c.req.method} ${c.req.path}` } }, 404));

  return app;
}
