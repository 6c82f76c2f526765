// API tokens: created once and stored only as a hash, listed and revoked by their owner, and by
// admins for everyone; the panel page that manages them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticateApiToken } from '../../src/domain/api-tokens/authenticate-api-token.ts';
import { createApiToken } from '../../src/domain/api-tokens/create-api-token.ts';
import { listApiTokens } from '../../src/domain/api-tokens/list-api-tokens.ts';
import { revokeApiToken } from '../../src/domain/api-tokens/revoke-api-token.ts';
import { isAppError } from '../../src/errors.ts';
import { useTestDb } from '../helpers/db.ts';
import { ORIGIN, usePanelApp } from '../helpers/panel.ts';
import { actorFor, makeApiToken, makeEmployee, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (e: unknown) => (isAppError(e) ? e.code : 'unexpected'));
const tokenIn = (html: string) => /kt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/.exec(html)?.[0];

describe('API tokens (domain)', () => {
  it('returns the token once and stores only its hash and visible prefix', async () => {
    const employee = await makeEmployee(t.db);
    const created = await createApiToken(t.db, actorFor(employee), { name: '  ERP import ' });
    expect(created.token).toMatch(/^kt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({ name: 'ERP import', employeeId: employee.id, expiresAt: null });

    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(created.prefix.length + 1));
    const [listed] = await listApiTokens(t.db, actorFor(employee));
    expect(listed).toMatchObject({ id: created.id, prefix: created.prefix, lastUsedAt: null });
    expect(listed).not.toHaveProperty('hash');
    expect(listed).not.toHaveProperty('token');

    const caller = await authenticateApiToken(t.db, created.token);
    expect(caller).toMatchObject({ tokenId: created.id, actor: { employeeId: employee.id, role: 'member', channel: 'api' } });
    // Two tokens are never alike, and a prefix alone or a changed secret is nothing.
    expect((await createApiToken(t.db, actorFor(employee), { name: 'second' })).token).not.toBe(created.token);
    expect(await authenticateApiToken(t.db, created.prefix)).toBeNull();
    expect(await authenticateApiToken(t.db, `${created.token}x`)).toBeNull();
  });

  it('validates the name and the expiry', async () => {
    const actor = actorFor(await makeEmployee(t.db));
    expect(await refusal(createApiToken(t.db, actor, { name: ' ' }))).toBe('VALIDATION');
    expect(await refusal(createApiToken(t.db, actor, { name: 'old', expiresAt: new Date(Date.now() - 1000) }))).toBe('VALIDATION');
    expect(await refusal(createApiToken(t.db, { employeeId: null, role: 'system', channel: 'system' }, { name: 'nobody' }))).toBe('FORBIDDEN');
  });

  it('lets members revoke only their own tokens and admins anyone’s; revoked tokens no longer authenticate', async () => {
    const mine = await makeApiToken(t.db);
    const theirs = await makeApiToken(t.db);
    const admin = await makeEmployee(t.db, { role: 'admin' });

    expect(await refusal(revokeApiToken(t.db, actorFor(mine.employee), { id: theirs.id }))).toBe('FORBIDDEN');
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
    expect(await refusal(revokeApiToken(t.db, actorFor(mine.employee), { id: 999999999 }))).toBe('NOT_FOUND');

    await revokeApiToken(t.db, actorFor(mine.employee), { id: mine.id });
    await revokeApiToken(t.db, actorFor(admin), { id: theirs.id });
    expect(await authenticateApiToken(t.db, mine.token)).toBeNull();
    expect(await authenticateApiToken(t.db, theirs.token)).toBeNull();
    const first = (await t.db.apiToken.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt;
    await revokeApiToken(t.db, actorFor(mine.employee), { id: mine.id });
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt).toEqual(first);
  });

  it('lists the actor’s own tokens; everyone’s only for admins', async () => {
    const a = await makeApiToken(t.db);
    const b = await makeApiToken(t.db);
    const admin = await makeEmployee(t.db, { role: 'admin' });
    expect((await listApiTokens(t.db, actorFor(a.employee))).map((x) => x.id)).toEqual([a.id]);
    expect(await refusal(listApiTokens(t.db, actorFor(a.employee), { everyone: true }))).toBe('FORBIDDEN');
    const all = (await listApiTokens(t.db, actorFor(admin), { everyone: true })).map((x) => x.id);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
    await revokeApiToken(t.db, actorFor(a.employee), { id: a.id });
    expect(await listApiTokens(t.db, actorFor(a.employee))).toEqual([]);
    expect((await listApiTokens(t.db, actorFor(a.employee), { includeRevoked: true })).map((x) => x.id)).toEqual([a.id]);
  });
});

describe('API tokens page', () => {
  it('creates a token and shows it exactly once; the token then works on the API', async () => {
    const browser = await panelApp.browser({ locale: 'en' });
    const name = `ERP ${uid()}`;
    const created = await browser.post('/api-tokens', { name, _csrf: browser.csrf });
    expect(created.status).toBe(200);
    expect(created.headers.get('Cache-Control')).toBe('no-store');
    const html = await created.text();
    const token = tokenIn(html);
    expect(token).toBeDefined();
    expect(html).toContain('shown only once');
    const row = await t.db.apiToken.findFirstOrThrow({ where: { employeeId: browser.employee.id, name } });
    expect(row.hash).toBe(sha256(token!));

    const later = await (await browser.get('/api-tokens')).text();
    expect(later).toContain(name);
    expect(later).toContain(row.prefix);
    expect(tokenIn(later)).toBeUndefined();

    const me = await panelApp.request('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { data: { employee: { id: number } } }).data.employee.id).toBe(browser.employee.id);
  });

  it('refuses a blank name with a message (422) and a form without the CSRF token (403)', async () => {
    const browser = await panelApp.browser({ locale: 'en' });
    const blank = await browser.post('/api-tokens', { name: '  ', _csrf: browser.csrf });
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('required');
    const forged = await panelApp.request('/api-tokens', { method: 'POST', body: new URLSearchParams({ name: 'x' }).toString(), headers: { Cookie: browser.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(forged.status).toBe(403);
    expect(await t.db.apiToken.count({ where: { employeeId: browser.employee.id } })).toBe(0);
    expect((await panelApp.request('/api-tokens')).status).toBe(303);
  });

  it('shows members only their own tokens; they cannot revoke another’s (403) but can revoke their own', async () => {
    const member = await panelApp.browser({ locale: 'en' });
    const own = await makeApiToken(t.db, { employee: member.employee, name: `own ${uid()}` });
    const other = await makeApiToken(t.db, { name: `other ${uid()}` });
    const page = await (await member.get('/api-tokens')).text();
    expect(page).toContain(own.name);
    expect(page).not.toContain(other.name);

    const refused = await member.post(`/api-tokens/${other.id}/revoke`, { _csrf: member.csrf });
    expect(refused.status).toBe(403);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeNull();

    const revoked = await member.post(`/api-tokens/${own.id}/revoke`, { _csrf: member.csrf });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain(`Token “${own.name}” revoked.`);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: own.id } })).revokedAt).toBeInstanceOf(Date);
    expect((await panelApp.request('/api/v1/me', { headers: { Authorization: `Bearer ${own.token}` } })).status).toBe(401);
  });

  it('shows admins everyone’s tokens with their employee, and lets them revoke any', async () => {
    const admin = await panelApp.browser({ locale: 'pl', role: 'admin' });
    const other = await makeApiToken(t.db, { name: `other ${uid()}` });
    const page = await (await admin.get('/api-tokens')).text();
    expect(page).toContain('Tokeny wszystkich');
    expect(page).toContain(other.name);
    expect(page).toContain(other.employee.name);
    const res = await admin.post(`/api-tokens/${other.id}/revoke`, { _csrf: admin.csrf });
    expect(res.status).toBe(200);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiToken(t.db, other.token)).toBeNull();
  });
});
