// The JSON API /api/v1: bearer authentication, contacts, notes, files, companies, errors and the
// OpenAPI document (checked against the routes that really answer).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFileStore, blobPath } from '../../src/domain/files/index.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { listItems } from '../../src/domain/items/list-items.ts';
import { apiRoutes } from '../../src/web/api/routes.ts';
import { API_OPERATIONS } from '../../src/web/api/openapi.ts';
import * as s from '../../src/web/api/schemas.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/shared/settings.ts';
import { useTestDb } from '../helpers/db.ts';
import { ORIGIN, usePanelApp } from '../helpers/panel.ts';
import { makeApiToken, makeCompany, makeContact, makeEmployee, uid } from '../factories/index.ts';

const MAX_FILE_BYTES = 64 * 1024;
const t = useTestDb();
const panelApp = usePanelApp(t, { maxFileBytes: MAX_FILE_BYTES });

const bearer = (token: string, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, ...extra });
const get = (path: string, token: string) => panelApp.request(path, { headers: bearer(token) });
const postJson = (path: string, token: string, body: unknown) =>
  panelApp.request(path, { method: 'POST', body: JSON.stringify(body), headers: bearer(token, { 'Content-Type': 'application/json' }) });
function upload(path: string, token: string, files: { name: string; bytes: Buffer }[]) {
  const body = new FormData();
  for (const f of files) body.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
  return panelApp.request(path, { method: 'POST', body, headers: bearer(token) });
}

/** The error of an error answer, checked against the documented shape. */
const errorOf = async (res: Response) => s.errorResponse.parse(await res.json()).error;
/** The OpenAPI document is walked as plain JSON. */
const documentOf = async (res: Response) => (await res.json()) as any;

/** A member with a token. */
const caller = async () => makeApiToken(t.db);

describe('authentication', () => {
  it('refuses requests without a token or with an unknown one: 401 JSON with WWW-Authenticate: Bearer', async () => {
    const none = await panelApp.request('/api/v1/contacts');
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toMatch(/^Bearer\b/);
    expect((await errorOf(none)).code).toBe('UNAUTHORIZED');

    const { token } = await caller();
    const wrong = await get('/api/v1/contacts', `${token.slice(0, -2)}xx`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('WWW-Authenticate')).toContain('error="invalid_token"');
    expect((await get('/api/v1/contacts', 'not-a-token')).status).toBe(401);
    expect((await panelApp.request('/api/v1/contacts', { headers: { Authorization: `Basic ${token}` } })).status).toBe(401);
  });

  it('acts as the token’s employee and records last use at most once a minute', async () => {
    const { token, employee, id } = await caller();
    const res = await get('/api/v1/me', token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { employee: { id: employee.id, name: employee.name, role: 'member' }, tokenId: id } });
    const first = (await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await get('/api/v1/me', token);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
  });

  it('refuses revoked and expired tokens and tokens of inactive employees', async () => {
    const revoked = await caller();
    expect((await get('/api/v1/me', revoked.token)).status).toBe(200);
    await t.db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect((await get('/api/v1/me', revoked.token)).status).toBe(401);

    const expiring = await makeApiToken(t.db, { expiresAt: new Date(Date.now() + 60_000) });
    expect((await get('/api/v1/me', expiring.token)).status).toBe(200);
    await t.db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await get('/api/v1/me', expiring.token)).status).toBe(401);

    const leaver = await caller();
    await t.db.employee.update({ where: { id: leaver.employee.id }, data: { active: false } });
    expect((await get('/api/v1/me', leaver.token)).status).toBe(401);
  });

  it('is not authenticated by a session cookie, and needs no CSRF token with a bearer token', async () => {
    const browser = await panelApp.browser();
    const company = await makeCompany(t.db);
    expect((await browser.get('/api/v1/contacts')).status).toBe(401);
    const viaCookie = await browser.send('/api/v1/contacts', { method: 'POST', body: JSON.stringify({ companyId: company.id, title: 'x' }), headers: { 'Content-Type': 'application/json' } });
    expect(viaCookie.status).toBe(401);
    expect(await t.db.contact.count({ where: { companyId: company.id } })).toBe(0);

    // A cross-site Origin and no CSRF token do not matter to a bearer request.
    const { token } = await caller();
    const res = await panelApp.request('/api/v1/contacts', {
      method: 'POST', body: JSON.stringify({ companyId: company.id, title: 'Via bearer' }),
      headers: bearer(token, { 'Content-Type': 'application/json', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }),
    });
    expect(res.status).toBe(201);
  });
});

describe('contacts', () => {
  it('lists and searches with filters and keyset pages', async () => {
    const { token } = await caller();
    const company = await makeCompany(t.db);
    const word = `zolw${uid()}`;
    const created = [];
    for (const [i, priority] of (['high', 'normal', 'low'] as const).entries()) {
      created.push((await makeContact(t.db, { companyId: company.id, title: `Żółw${word.slice(4)} ${i}`, priority })).contact);
    }
    await makeContact(t.db, { title: 'unrelated' });

    const first = await get(`/api/v1/contacts?q=${word}&limit=2`, token);
    expect(first.status).toBe(200);
    const page1 = s.contactPage.parse(await first.json());
    expect(page1.data).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = s.contactPage.parse(await (await get(`/api/v1/contacts?q=${word}&limit=2&cursor=${page1.nextCursor}`, token)).json());
    expect(page2.data).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect([...page1.data, ...page2.data].map((c) => c.id).sort()).toEqual(created.map((c) => c.id).sort());
    expect(page1.data[0]!.company).toEqual({ id: company.id, name: company.name });

    const filtered = s.contactPage.parse(await (await get(`/api/v1/contacts?companyId=${company.id}&priority=high&priority=low&status=open`, token)).json());
    expect(filtered.data.map((c) => c.priority).sort()).toEqual(['high', 'low']);
  });

  it('refuses bad query parameters with per-field messages (422)', async () => {
    const { token } = await caller();
    const res = await get('/api/v1/contacts?limit=0&status=maybe', token);
    expect(res.status).toBe(422);
    const body = { error: await errorOf(res) };
    expect(body.error.code).toBe('VALIDATION');
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(['limit', 'status']);
    expect((await get('/api/v1/contacts?cursor=garbage', token)).status).toBe(422);
  });

  it('returns a contact with its items, by id or by its URL-encoded number', async () => {
    const { token } = await caller();
    const { contact, actor } = await makeContact(t.db);
    await addNote(t.db, actor, { contactId: contact.id, text: 'Called the client about the offer', noteKind: 'phone' });

    const res = await get(`/api/v1/contacts/${contact.id}`, token);
    expect(res.status).toBe(200);
    const { data } = s.contactResponse.parse(await res.json());
    expect(data).toMatchObject({ id: contact.id, number: contact.number, title: contact.title, status: 'open' });
    expect(data.items).toHaveLength(1);
    expect(data.items[0]).toMatchObject({ type: 'note', text: 'Called the client about the offer', noteKind: 'phone', source: 'panel' });

    const byNumber = await get(`/api/v1/contacts/${encodeURIComponent(contact.number)}`, token);
    expect(byNumber.status).toBe(200);
    expect(s.contactResponse.parse(await byNumber.json()).data.id).toBe(contact.id);

    const missing = await get('/api/v1/contacts/999999999', token);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('NOT_FOUND');
    expect((await get(`/api/v1/contacts/${encodeURIComponent('K/1999/9999')}`, token)).status).toBe(404);
    expect((await get('/api/v1/contacts/nonsense', token)).status).toBe(404);
    const unknownRoute = await postJson('/api/v1/contacts/1/unknown', token, {});
    expect(unknownRoute.status).toBe(404);
    expect((await errorOf(unknownRoute)).code).toBe('NOT_FOUND');
  });

  it('creates a contact as the token’s employee through the api channel', async () => {
    const { token, employee } = await caller();
    const company = await makeCompany(t.db);
    const res = await postJson('/api/v1/contacts', token, { companyId: company.id, title: 'Offer for 40 chairs', priority: 'high', dueAt: '2026-12-01T10:00:00Z', expectedCloseAt: '2026-12-20' });
    expect(res.status).toBe(201);
    const { data } = s.contactResponse.parse(await res.json());
    expect(data.number).toMatch(/^K\/\d{4}\/\d{4,}$/);
    expect(data).toMatchObject({ title: 'Offer for 40 chairs', priority: 'high', dueAt: '2026-12-01T10:00:00.000Z', expectedCloseAt: '2026-12-20', owner: { id: employee.id } });
    expect(res.headers.get('Location')).toBe(`/api/v1/contacts/${data.id}`);
    const row = await t.db.contact.findUniqueOrThrow({ where: { id: data.id } });
    expect(row).toMatchObject({ createdById: employee.id, ownerId: employee.id, companyId: company.id });
    const history = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: data.id, action: 'created' } });
    expect(history).toMatchObject({ channel: 'api', actorId: employee.id });
  });

  it('refuses invalid contacts with per-field messages (422), malformed JSON (400) and other media types (415)', async () => {
    const { token } = await caller();
    const invalid = await postJson('/api/v1/contacts', token, { companyId: 'abc', title: '', priority: 'urgent', colour: 'red' });
    expect(invalid.status).toBe(422);
    const body = { error: await errorOf(invalid) };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields).toMatchObject({ companyId: expect.any(String), title: 'required', priority: expect.any(String) });
    expect(body.error.fields?._).toMatch(/colour/);

    const unknownCompany = await postJson('/api/v1/contacts', token, { companyId: 999999999, title: 'x' });
    expect(unknownCompany.status).toBe(422);

    const malformed = await panelApp.request('/api/v1/contacts', { method: 'POST', body: '{"title": "x",', headers: bearer(token, { 'Content-Type': 'application/json' }) });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('MALFORMED');

    const form = await panelApp.request('/api/v1/contacts', { method: 'POST', body: 'title=x', headers: bearer(token, { 'Content-Type': 'application/x-www-form-urlencoded' }) });
    expect(form.status).toBe(415);
  });

  it('caps JSON bodies at 1 MB (413)', async () => {
    const { token } = await caller();
    const company = await makeCompany(t.db);
    const res = await postJson('/api/v1/contacts', token, { companyId: company.id, title: 'big', description: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(await t.db.contact.count({ where: { companyId: company.id } })).toBe(0);
  });
});

describe('notes', () => {
  it('adds a note that appears on the timeline with a history entry', async () => {
    const { token, employee } = await caller();
    const { contact } = await makeContact(t.db);
    const res = await postJson(`/api/v1/contacts/${contact.id}/notes`, token, { text: 'Synced from the ERP', noteKind: 'Import', sourceRef: `erp-${uid()}` });
    expect(res.status).toBe(201);
    const { data } = s.itemResponse.parse(await res.json());
    expect(data).toMatchObject({ contactId: contact.id, type: 'note', text: 'Synced from the ERP', noteKind: 'import', source: 'api', author: { id: employee.id, name: employee.name }, assignee: null });

    const { items } = await listItems(t.db, { contactId: contact.id });
    expect(items.map((i) => [i.id, i.text, i.source, i.authorId])).toEqual([[data.id, 'Synced from the ERP', 'api', employee.id]]);
    const history = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: contact.id, entity: 'item', entityId: data.id } });
    expect(history).toMatchObject({ action: 'note added', channel: 'api', actorId: employee.id });
  });

  it('adds a task for another employee, by contact number; refuses a repeated source (409) and bad input (422, 404)', async () => {
    const { token } = await caller();
    const assignee = await makeEmployee(t.db);
    const { contact } = await makeContact(t.db);
    const sourceRef = `erp-${uid()}`;
    const res = await postJson(`/api/v1/contacts/${encodeURIComponent(contact.number)}/notes`, token, { text: 'Call back', dueAt: '2026-12-03T09:00:00+01:00', assigneeId: assignee.id, sourceRef });
    expect(res.status).toBe(201);
    expect(s.itemResponse.parse(await res.json()).data).toMatchObject({ dueAt: '2026-12-03T08:00:00.000Z', assignee: { id: assignee.id, name: assignee.name } });

    const again = await postJson(`/api/v1/contacts/${contact.id}/notes`, token, { text: 'Call back', sourceRef });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('CONFLICT');
    const empty = await postJson(`/api/v1/contacts/${contact.id}/notes`, token, { text: '' });
    expect(empty.status).toBe(422);
    expect((await errorOf(empty)).fields?.text).toBe('write something');
    expect((await postJson('/api/v1/contacts/999999999/notes', token, { text: 'x' })).status).toBe(404);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(1);
  });
});

describe('files', () => {
  it('streams an upload into the file store: the stored bytes are identical', async () => {
    const { token, employee } = await caller();
    const { contact } = await makeContact(t.db);
    const bytes = Buffer.from(`Zamówienie ${uid()}: 12 × fotel\n`.repeat(500));
    const res = await upload(`/api/v1/contacts/${encodeURIComponent(contact.number)}/files`, token, [{ name: 'zamówienie.txt', bytes }]);
    expect(res.status).toBe(201);
    const { data } = s.itemsResponse.parse(await res.json());
    expect(data).toHaveLength(1);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(data[0]).toMatchObject({ contactId: contact.id, type: 'file', source: 'api', author: { id: employee.id } });
    expect(data[0]!.versions).toEqual([expect.objectContaining({ version: 1, fileName: 'zamówienie.txt', size: bytes.length, sha256, mimeType: 'text/plain' })]);

    const store = createFileStore({ dataDir: panelApp.dataDir, maxFileBytes: MAX_FILE_BYTES });
    expect((await readFile(blobPath(store, sha256))).equals(bytes)).toBe(true);
    const history = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: contact.id, entity: 'item', entityId: data[0]!.id } });
    expect(history).toMatchObject({ action: 'file added', channel: 'api' });
  });

  it('refuses a file over the size limit (413) and a body without files (422)', async () => {
    const { token } = await caller();
    const { contact } = await makeContact(t.db);
    const res = await upload(`/api/v1/contacts/${contact.id}/files`, token, [{ name: 'big.bin', bytes: Buffer.alloc(MAX_FILE_BYTES + 1, 7) }]);
    expect(res.status).toBe(413);
    expect((await errorOf(res))).toMatchObject({ code: 'TOO_LARGE', storedItemIds: [] });
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(0);

    const empty = new FormData();
    empty.append('note', 'no file here');
    const none = await panelApp.request(`/api/v1/contacts/${contact.id}/files`, { method: 'POST', body: empty, headers: bearer(token) });
    expect(none.status).toBe(422);
    const json = await panelApp.request(`/api/v1/contacts/${contact.id}/files`, { method: 'POST', body: '{}', headers: bearer(token, { 'Content-Type': 'application/json' }) });
    expect(json.status).toBe(415);
    expect((await upload('/api/v1/contacts/999999999/files', token, [{ name: 'a.txt', bytes: Buffer.from('a') }])).status).toBe(404);
  });
});

describe('companies', () => {
  it('lists companies, searched by name (diacritics ignored) and filtered by kind', async () => {
    const { token } = await caller();
    const tag = uid();
    const zolw = await makeCompany(t.db, { name: `Żółw ${tag} Sp. z o.o.` });
    await makeCompany(t.db, { name: `Other ${uid()}` });
    const res = await get(`/api/v1/companies?q=zolw%20${tag}`, token);
    expect(res.status).toBe(200);
    const { data } = s.companyList.parse(await res.json());
    expect(data.map((c) => c.id)).toEqual([zolw.id]);
    expect(data[0]).toMatchObject({ name: zolw.name, code: zolw.code, nip: zolw.nip, kind: 'client', active: true });
    expect((s.companyList.parse(await (await get(`/api/v1/companies?q=${tag}&kind=supplier`, token)).json())).data).toEqual([]);
    expect((await get('/api/v1/companies?limit=100000', token)).status).toBe(422);
  });
});

describe('OpenAPI document', () => {
  const OPERATION_KEYS = new Set(['operationId', 'summary', 'security', 'parameters', 'requestBody', 'responses']);

  it('is a structurally valid OpenAPI 3.1 document, served without a token', async () => {
    const res = await panelApp.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await documentOf(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: `${ORIGIN}/api/v1` }]);
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerToken: [] }]);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      expect(path).toMatch(/^\//);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        for (const key of Object.keys(op)) expect(OPERATION_KEYS, `${method} ${path}: ${key}`).toContain(key);
        expect(operationIds.has(op.operationId as string), 'operationId unique').toBe(false);
        operationIds.add(op.operationId as string);
        const responses = op.responses as Record<string, { description?: string; content?: Record<string, { schema: unknown }> }>;
        expect(Object.keys(responses).some((code) => /^2\d\d$/.test(code)), `${method} ${path} has a success response`).toBe(true);
        for (const [code, response] of Object.entries(responses)) {
          expect(code).toMatch(/^[1-5]\d\d$/);
          expect(response.description, `${method} ${path} ${code}`).toEqual(expect.any(String));
          for (const media of Object.values(response.content ?? {})) expect(media.schema).toEqual(expect.objectContaining({ type: expect.any(String) }));
        }
        const parameters = (op.parameters ?? []) as { name: string; in: string; required?: boolean; schema: unknown }[];
        for (const p of parameters) {
          expect(['query', 'path', 'header', 'cookie']).toContain(p.in);
          expect(p.schema).toBeTypeOf('object');
          if (p.in === 'path') expect(p.required).toBe(true);
        }
        // Every {name} in the path is declared as a path parameter, and only those.
        expect(parameters.filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(templated.sort());
        if (op.security === undefined) expect(responses['401'], `${method} ${path} documents 401`).toBeDefined();
      }
    }
    // Nothing in the document uses features that are not JSON Schema 2020-12 / OpenAPI 3.1.
    expect(JSON.stringify(doc)).not.toMatch(/"\$schema"|"nullable"/);
  });

  it('describes exactly the routes the API has, and each documented operation answers with a documented status', async () => {
    const documented = API_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`).sort();
    const api = apiRoutes({ db: t.db, settings: DEFAULT_SETTINGS, fileStore: createFileStore({ dataDir: panelApp.dataDir, maxFileBytes: MAX_FILE_BYTES }), publicUrl: ORIGIN });
    const routed = api.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`).sort();
    expect(routed).toEqual(documented);

    const { token } = await caller();
    const { contact } = await makeContact(t.db);
    const doc = await documentOf(await panelApp.request('/api/v1/openapi.json'));
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        const url = `/api/v1${path.replace('{id}', String(contact.id))}`;
        const init: RequestInit = { method: method.toUpperCase(), headers: bearer(token) };
        if (method === 'post' && path.endsWith('/files')) init.body = (() => { const f = new FormData(); f.append('file', new Blob(['hello']), 'hello.txt'); return f; })();
        else if (method === 'post') Object.assign(init, { body: '{}', headers: bearer(token, { 'Content-Type': 'application/json' }) });
        const res = await panelApp.request(url, init);
        expect(res.status, `${method} ${url}`).not.toBe(404);
        expect(Object.keys(op.responses), `${method} ${url} answered ${res.status}`).toContain(String(res.status));
      }
    }
  });

  it('is generated from the same schemas the handlers validate with', async () => {
    const doc = await documentOf(await panelApp.request('/api/v1/openapi.json'));
    const create = doc.paths['/contacts'].post.requestBody.content['application/json'].schema;
    const { $schema: _, ...expected } = z.toJSONSchema(s.createContactBody, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    expect(create).toEqual(expected);
    expect(create.required.sort()).toEqual(['companyId', 'title']);
    const limit = doc.paths['/contacts'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } });
    const priority = doc.paths['/contacts'].get.parameters.find((p: { name: string }) => p.name === 'priority');
    expect(priority).toMatchObject({ style: 'form', explode: true, schema: { type: 'array', items: { enum: ['high', 'normal', 'low'] } } });
  });
});

