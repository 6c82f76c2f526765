// The complete contact page through the panel: every field edited inline (with history, 422 and
// 409), status, the sales subject grid, file versions, the sanitized e-mail preview, linked
// documents, the amount in words and the Word document.
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { issueDocument } from '../../src/domain/documents/issue-document.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';
import { useTestDb } from '../helpers/db.ts';
import { ORIGIN, usePanelApp, type PanelBrowser } from '../helpers/panel.ts';
import { actorFor, makeArticle, makeCompany, makeContact, makeEmployee, makeKind, makePaymentForm, makePerson, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);
const HX = { 'HX-Request': 'true' };

async function versionOf(id: number) {
  return String((await t.db.contact.findUniqueOrThrow({ where: { id } })).version);
}

/** Posts one inline field edit with the contact's current version. */
async function editField(b: PanelBrowser, id: number, field: string, value: string, version?: string) {
  return b.post(`/contacts/${id}/fields`, { field, value, version: version ?? (await versionOf(id)) }, HX);
}

function upload(b: PanelBrowser, path: string, files: { name: string; bytes: Buffer; field?: string }[]) {
  const body = new FormData();
  for (const f of files) body.append(f.field ?? 'files', new Blob([new Uint8Array(f.bytes)]), f.name);
  return b.postMultipart(path, body, HX);
}

/** The entries of a zip archive (a .docx), enough to read word/document.xml: stored or deflated. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('inline fields of the contact page', () => {
  it('saves every new field through the domain, answers the field again, and records each change in the history', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const person = await makePerson(t.db, contact.companyId);
    const owner = await makeEmployee(t.db, { name: `Owner ${uid()}` });
    const kind = await makeKind(t.db, { defaultProbability: 35 });
    const edits: [string, string, (c: Awaited<ReturnType<typeof t.db.contact.findUniqueOrThrow>>) => unknown, unknown][] = [
      ['personId', String(person.id), (c) => c.personId, person.id],
      ['kindId', String(kind.id), (c) => c.kindId, kind.id],
      ['description', 'Klient pyta o rabat\nna 50 sztuk', (c) => c.description, 'Klient pyta o rabat\nna 50 sztuk'],
      ['probability', '70', (c) => c.probability, 70],
      ['probability', '', (c) => c.probability, null],
      ['expectedCloseAt', '2030-06-30', (c) => c.expectedCloseAt?.toISOString(), '2030-06-30T00:00:00.000Z'],
      ['restrictToSalesLines', 'true', (c) => c.restrictToSalesLines, true],
      ['ownerId', String(owner.id), (c) => c.ownerId, owner.id],
    ];
    for (const [field, value, read, expected] of edits) {
      const res = await editField(b, contact.id, field, value);
      expect(res.status, field).toBe(200);
      const html = await res.text();
      expect(html).toContain(`id="field-${field}"`);
      expect(html).toContain('Zapisano');
      expect(html).toContain('id="contact-version"');
      expect(read(await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })), field).toEqual(expected);
    }
    // The "only these articles" switch: unchecked sends only the hidden "false".
    expect((await b.post(`/contacts/${contact.id}/fields`, { field: 'restrictToSalesLines', value: 'false', version: await versionOf(contact.id) }, HX)).status).toBe(200);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).restrictToSalesLines).toBe(false);

    const history = await t.db.historyEntry.findMany({ where: { contactId: contact.id, actorId: b.employee.id, channel: 'panel' }, orderBy: { id: 'asc' } });
    const changed = history.flatMap((h) => (h.changes as { field: string }[]).map((c) => `${h.action}:${c.field}`));
    expect(changed).toEqual([
      'updated:personId', 'updated:kindId', 'updated:description', 'updated:probability', 'updated:probability',
      'updated:expectedCloseAt', 'updated:restrictToSalesLines', 'reassigned:ownerId', 'updated:restrictToSalesLines',
    ]);

    // The history reads as text: translated field names, names instead of ids, dates formatted.
    const page = await (await b.get(`/contacts/${contact.id}`)).text();
    const historySection = page.slice(page.indexOf('id="history"'));
    expect(historySection).toContain('Odpowiedzialny');
    expect(historySection).toContain(owner.name);
    expect(historySection).toContain(person.name);
    expect(historySection).toContain('Przewidywane zamknięcie');
    expect(historySection).toContain('30.06.2030');
    expect(historySection).toContain('przekazano');
    expect(historySection).not.toContain('"ownerId"');
    // Newest first.
    expect(historySection.indexOf('przekazano')).toBeLessThan(historySection.indexOf('utworzono'));
    // The page shows the kind's default as the probability placeholder.
    expect(page).toContain('domyślnie dla rodzaju: 35%');
  });

  it('changes the company, drops a person who does not work there and offers the new company\'s people', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const person = await makePerson(t.db, contact.companyId);
    await editField(b, contact.id, 'personId', String(person.id));
    const other = await makeCompany(t.db);
    const colleague = await makePerson(t.db, other.id);
    const res = await editField(b, contact.id, 'companyId', String(other.id));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="field-personId" hx-swap-oob="true"');
    expect(html).toContain(colleague.name);
    const saved = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect([saved.companyId, saved.personId]).toEqual([other.id, null]);
    const entry = await t.db.historyEntry.findFirstOrThrow({ where: { contactId: contact.id, action: 'updated' }, orderBy: { id: 'desc' } });
    expect((entry.changes as { field: string }[]).map((c) => c.field).sort()).toEqual(['companyId', 'personId']);
    // The company search answers options.
    const search = await b.get(`/contacts/${contact.id}/company-options?q=${encodeURIComponent(other.code)}`, HX);
    expect(await search.text()).toContain(`value="${other.id}"`);
  });

  it('shows validation messages next to the field with 422 and saves nothing', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const stranger = await makePerson(t.db, (await makeCompany(t.db)).id);
    const inactive = await makeEmployee(t.db, { active: false });
    const cases: [string, string, RegExp][] = [
      ['probability', '150', /100/],
      ['expectedCloseAt', '30.06.2030', /YYYY-MM-DD/],
      ['personId', String(stranger.id), /does not work at/],
      ['ownerId', String(inactive.id), /inactive/],
      ['title', '', /required/],
      ['companyId', '', /./],
    ];
    for (const [field, value, message] of cases) {
      const res = await editField(b, contact.id, field, value);
      expect(res.status, field).toBe(422);
      const html = await res.text();
      expect(html).toContain(`id="field-${field}"`);
      expect(html, field).toMatch(message);
      expect(html).toContain('class="error"');
    }
    expect(await versionOf(contact.id)).toBe(String(contact.version));
    // An edit without the version the page was rendered with is refused too.
    expect((await b.post(`/contacts/${contact.id}/fields`, { field: 'title', value: 'x' }, HX)).status).toBe(422);
  });

  it('answers a stale edit with 409 and the current value by name', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const first = await makeEmployee(t.db, { name: `Anna ${uid()}` });
    const second = await makeEmployee(t.db, { name: `Piotr ${uid()}` });
    const version = await versionOf(contact.id);
    expect((await editField(b, contact.id, 'ownerId', String(first.id), version)).status).toBe(200);
    const stale = await editField(b, contact.id, 'ownerId', String(second.id), version);
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain(`Obecna wartość: ${first.name}`);
    expect(html).toMatch(/id="contact-version"[^>]*value="2"|value="2"[^>]*id="contact-version"/);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).ownerId).toBe(first.id);

    const staleProbability = await editField(b, contact.id, 'probability', '10', version);
    expect(staleProbability.status).toBe(409);
    expect(await staleProbability.text()).toContain('Obecna wartość: —');
  });

  it('closes with an outcome and reopens through the domain, refusing a stale close', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const version = await versionOf(contact.id);
    const closed = await b.post(`/contacts/${contact.id}/status`, { action: 'close', outcome: 'won', version }, HX);
    expect(closed.status).toBe(200);
    expect(await closed.text()).toContain('wygrany');
    let row = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect([row.status, row.outcome]).toEqual(['closed', 'won']);
    expect((await b.post(`/contacts/${contact.id}/status`, { action: 'close', outcome: 'lost', version }, HX)).status).toBe(409);
    const reopened = await b.post(`/contacts/${contact.id}/status`, { action: 'reopen', version: await versionOf(contact.id) }, HX);
    expect(reopened.status).toBe(200);
    row = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect([row.status, row.outcome]).toEqual(['open', null]);
    const actions = await t.db.historyEntry.findMany({ where: { contactId: contact.id, actorId: b.employee.id }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['closed', 'reopened']);
  });
});

describe('sales subject grid', () => {
  it('adds, edits and removes lines in place with new totals and history, and shows validation errors', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const chair = await makeArticle(t.db, { listNetPrice: '250.00' });
    const desk = await makeArticle(t.db, { listNetPrice: '999.99' });
    const pf = await makePaymentForm(t.db, 30);

    const added = await b.post(`/contacts/${contact.id}/sales-lines`, { articleId: String(chair.id), quantity: '4', unitNetPrice: '', paymentFormId: '' }, HX);
    expect(added.status).toBe(200);
    let html = await added.text();
    expect(html).toContain('id="sales-grid"');
    expect(html).toMatch(/id="sales-net-total">1000,00\s*zł/);
    expect((await b.post(`/contacts/${contact.id}/sales-lines`, { articleId: String(desk.id), quantity: '1,5', unitNetPrice: '800', paymentFormId: String(pf.id) }, HX)).status).toBe(200);
    const [chairLine, deskLine] = await t.db.salesLine.findMany({ where: { contactId: contact.id }, orderBy: { id: 'asc' } });
    expect([String(chairLine!.unitNetPrice), String(deskLine!.quantity), deskLine!.paymentFormId]).toEqual(['250', '1.5', pf.id]);

    const edited = await b.post(`/sales-lines/${chairLine!.id}`, { quantity: '2', unitNetPrice: '225.50', paymentFormId: String(pf.id) }, HX);
    expect(edited.status).toBe(200);
    html = await edited.text();
    expect(html).toMatch(/id="sales-net-total">1651,00\s*zł/); // 2 × 225.50 + 1.5 × 800

    const invalid = await b.post(`/sales-lines/${chairLine!.id}`, { quantity: '0', unitNetPrice: '-1', paymentFormId: '' }, HX);
    expect(invalid.status).toBe(422);
    html = await invalid.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('must be at least');
    expect(String((await t.db.salesLine.findUniqueOrThrow({ where: { id: chairLine!.id } })).quantity)).toBe('2');
    expect((await b.post(`/contacts/${contact.id}/sales-lines`, { articleId: '', quantity: '1' }, HX)).status).toBe(422);

    const removed = await b.post(`/sales-lines/${deskLine!.id}/delete`, {}, HX);
    expect(removed.status).toBe(200);
    expect(await removed.text()).toMatch(/id="sales-net-total">451,00\s*zł/);
    expect(await t.db.salesLine.count({ where: { contactId: contact.id } })).toBe(1);

    const actions = await t.db.historyEntry.findMany({ where: { contactId: contact.id, entity: 'sales_line' }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['sales line added', 'sales line added', 'sales line updated', 'sales line removed']);
  });
});

describe('files on the timeline', () => {
  it('uploads a new version of a file item, lists both, and the old version still downloads identical bytes', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const v1 = Buffer.from('Oferta, wersja pierwsza\n');
    const v2 = Buffer.from('Oferta, wersja druga – po negocjacjach\n');
    expect((await upload(b, `/contacts/${contact.id}/files`, [{ name: 'oferta.txt', bytes: v1 }])).status).toBe(200);
    const item = await t.db.item.findFirstOrThrow({ where: { contactId: contact.id, type: 'file' } });
    const res = await upload(b, `/contacts/${contact.id}/files?item=${item.id}`, [{ name: 'oferta v2.txt', bytes: v2, field: 'file' }]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('oferta v2.txt');
    expect(html).toContain('oferta.txt');
    expect(html).toContain('(v2,');
    const versions = await t.db.fileVersion.findMany({ where: { itemId: item.id }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => [v.version, v.fileName])).toEqual([[1, 'oferta.txt'], [2, 'oferta v2.txt']]);
    const old = await b.get(`/files/${versions[0]!.id}`);
    expect(Buffer.compare(Buffer.from(await old.arrayBuffer()), v1)).toBe(0);
    const current = await b.get(`/files/${versions[1]!.id}`);
    expect(Buffer.compare(Buffer.from(await current.arrayBuffer()), v2)).toBe(0);
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'file version added' } })).toBe(1);

    // Another contact's item cannot get versions through this contact.
    const { contact: other } = await makeContact(t.db);
    expect((await upload(b, `/contacts/${other.id}/files?item=${item.id}`, [{ name: 'x.txt', bytes: Buffer.from('x'), field: 'file' }])).status).toBe(404);
    expect(await t.db.fileVersion.count({ where: { itemId: item.id } })).toBe(2);
  });

  it('previews a hostile .eml sanitized, in a sandboxed frame served with the sandbox CSP', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const eml = [
      'From: Jan Kowalski <jan@klient.example>',
      'To: Biuro <biuro@firma.example>',
      'Subject: =?UTF-8?Q?Zam=C3=B3wienie_fotele?=',
      'Date: Tue, 10 Mar 2026 09:30:00 +0100',
      'Message-ID: <hostile@klient.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="MIX"',
      '',
      '--MIX',
      'Content-Type: multipart/related; boundary="REL"',
      '',
      '--REL',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><head><style>body{background:url(https://track.example/css.gif)}</style><script>alert("head")</script></head>',
      '<body onload="alert(1)"><p style="color:red">Prosz\u0119 o ofert\u0119 na 12 foteli.</p>',
      '<img src="https://track.example/pixel.gif?u=1"><img src="x" onerror="alert(2)"><img src="cid:logo@klient" alt="logo">',
      '<a href="javascript:alert(3)">kliknij</a> <a href="https://klient.example/katalog">katalog</a>',
      '<iframe src="https://evil.example/"></iframe><svg onload="alert(4)"></svg></body></html>',
      '--REL',
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      'Content-ID: <logo@klient>',
      'Content-Disposition: inline; filename="logo.png"',
      '',
      png,
      '--REL--',
      '--MIX',
      'Content-Type: application/pdf; name="specyfikacja.pdf"',
      'Content-Disposition: attachment; filename="specyfikacja.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 not really').toString('base64'),
      '--MIX--',
      '',
    ].join('\r\n');
    expect((await upload(b, `/contacts/${contact.id}/files`, [{ name: 'zamowienie.eml', bytes: Buffer.from(eml) }])).status).toBe(200);
    const version = await t.db.fileVersion.findFirstOrThrow({ where: { item: { contactId: contact.id } }, include: { storedFile: true } });
    expect(version.storedFile.mimeType).toBe('message/rfc822');
    expect(await (await b.get(`/contacts/${contact.id}`)).text()).toContain(`href="/emails/${version.id}"`);

    const page = await b.get(`/emails/${version.id}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('Jan Kowalski');
    expect(pageHtml).toContain('biuro@firma.example');
    expect(pageHtml).toContain('Zamówienie fotele');
    expect(pageHtml).toContain('10.03.2026');
    expect(pageHtml).toContain('specyfikacja.pdf');
    expect(pageHtml).toContain(`<iframe class="email-body" sandbox="" referrerpolicy="no-referrer" src="/files/${version.id}/email"`);
    expect(pageHtml).not.toMatch(/alert|onerror|track\.example/);

    const frame = await b.get(`/files/${version.id}/email`);
    expect(frame.status).toBe(200);
    const csp = frame.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(csp).not.toContain('script-src');
    expect(frame.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await frame.text();
    expect(body).toContain('Proszę o ofertę na 12 foteli.');
    expect(body).toContain('<a href="https://klient.example/katalog" rel="noopener noreferrer" target="_blank">katalog</a>');
    expect(body).toContain('src="data:image/png;base64,');
    expect(body).not.toMatch(/<script|alert|onerror|onload|track\.example|evil\.example|javascript:|<iframe|<svg|style="/i);

    // A file that is not an e-mail has no e-mail view.
    await upload(b, `/contacts/${contact.id}/files`, [{ name: 'n.txt', bytes: Buffer.from('note') }]);
    const txt = await t.db.fileVersion.findFirstOrThrow({ where: { item: { contactId: contact.id }, fileName: 'n.txt' } });
    expect((await b.get(`/emails/${txt.id}`)).status).toBe(422);
  });

  it('previews a plain-text e-mail as text', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const eml = 'From: a@klient.example\r\nTo: b@firma.example\r\nSubject: Tekst\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n<b>nie HTML</b> zwykły tekst\r\n';
    await upload(b, `/contacts/${contact.id}/files`, [{ name: 'tekst.eml', bytes: Buffer.from(eml) }]);
    const version = await t.db.fileVersion.findFirstOrThrow({ where: { item: { contactId: contact.id } } });
    const html = await (await b.get(`/emails/${version.id}`)).text();
    expect(html).toContain('&lt;b&gt;nie HTML&lt;/b&gt; zwykły tekst');
    expect(html).not.toContain('<iframe');
  });
});

describe('documents on the timeline', () => {
  it('links one of the company\'s documents chosen by kind, and refuses another company\'s document', async () => {
    const b = await panelApp.browser();
    const { contact, actor } = await makeContact(t.db);
    const article = await makeArticle(t.db);
    const own = await issueDocument(t.db, actor, { kindCode: 'invoice', companyId: contact.companyId, lines: [{ articleId: article.id, quantity: '1' }] });
    const foreign = await issueDocument(t.db, actor, { kindCode: 'invoice', companyId: (await makeCompany(t.db)).id, lines: [{ articleId: article.id, quantity: '1' }] });

    const options = await (await b.get(`/contacts/${contact.id}/document-options?kindCode=invoice`, HX)).text();
    expect(options).toContain(own.number);
    expect(options).not.toContain(foreign.number);
    expect(await (await b.get(`/contacts/${contact.id}/document-options?kindCode=customer_order`, HX)).text()).toContain('nie ma dokumentów');

    const linked = await b.post(`/contacts/${contact.id}/document-links`, { documentId: String(own.id) }, HX);
    expect(linked.status).toBe(200);
    expect(await linked.text()).toContain(`href="/documents/${own.id}"`);
    expect(await t.db.item.count({ where: { contactId: contact.id, documentId: own.id } })).toBe(1);
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'document linked' } })).toBe(1);

    const refused = await b.post(`/contacts/${contact.id}/document-links`, { documentId: String(foreign.id) }, HX);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('belongs to another company');
    expect(await t.db.item.count({ where: { contactId: contact.id, documentId: foreign.id } })).toBe(0);
    expect((await b.post(`/contacts/${contact.id}/document-links`, { documentId: String(own.id) }, HX)).status).toBe(409);
  });

  it('prints the gross amount in words (default on, ?words=0 hides it)', async () => {
    const b = await panelApp.browser();
    const { contact, actor } = await makeContact(t.db);
    const article = await makeArticle(t.db, { listNetPrice: '1003.25', vatRate: '23' });
    await addSalesLine(t.db, actor, { contactId: contact.id, articleId: article.id, quantity: '1' });
    const document = await issueDocument(t.db, actor, { kindCode: 'invoice', companyId: contact.companyId, contactId: contact.id, lines: [{ articleId: article.id, quantity: '1' }] });
    expect(String(document.grossTotal)).toBe('1234');
    const html = await (await b.get(`/documents/${document.id}`)).text();
    expect(html).toContain('Słownie: tysiąc dwieście trzydzieści cztery złote 00/100');
    expect(await (await b.get(`/documents/${document.id}?words=0`)).text()).not.toContain('Słownie');
    const en = await panelApp.browser({ locale: 'en' });
    expect(await (await en.get(`/documents/${document.id}`)).text()).toContain('In words: one thousand two hundred and thirty-four PLN 00/100');
  });
});

describe('new Word document', () => {
  it('creates a .docx with the contact\'s header as a file item on the timeline', async () => {
    const b = await panelApp.browser();
    const company = await makeCompany(t.db, { name: `Meble Żółw ${uid()}` });
    await t.db.company.update({ where: { id: company.id }, data: { street: 'ul. Długa 5', postalCode: '00-950', city: 'Warszawa' } });
    const { contact } = await makeContact(t.db, { companyId: company.id, title: 'Oferta na fotele' });
    const res = await b.post(`/contacts/${contact.id}/word-documents`, {}, HX);
    expect(res.status).toBe(200);
    const fileName = `${contact.number.replaceAll('/', '-')} Oferta na fotele.docx`;
    expect(await res.text()).toContain(fileName);
    const version = await t.db.fileVersion.findFirstOrThrow({ where: { item: { contactId: contact.id } }, include: { storedFile: true } });
    expect(version.fileName).toBe(fileName);
    expect(version.storedFile.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'file added', actorId: b.employee.id } })).toBe(1);

    const download = await b.get(`/files/${version.id}`);
    const docx = unzip(Buffer.from(await download.arrayBuffer()));
    expect(docx.has('[Content_Types].xml')).toBe(true);
    const xml = docx.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(contact.number);
    expect(xml).toContain(company.name);
    expect(xml).toContain(company.nip!);
    expect(xml).toContain('ul. Długa 5, 00-950 Warszawa');
    expect(xml).toContain('Oferta na fotele');
  });
});

describe('safety of the contact page', () => {
  it('refuses every new state change without the CSRF token', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const article = await makeArticle(t.db);
    const line = await addSalesLine(t.db, actorFor(b.employee), { contactId: contact.id, articleId: article.id, quantity: '1' });
    const noToken = (path: string, fields: Record<string, string>) =>
      panelApp.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: b.cookie, Origin: ORIGIN } });
    const version = String(contact.version);
    for (const [path, fields] of [
      [`/contacts/${contact.id}/fields`, { field: 'probability', value: '90', version }],
      [`/contacts/${contact.id}/status`, { action: 'close', version }],
      [`/contacts/${contact.id}/sales-lines`, { articleId: String(article.id), quantity: '1' }],
      [`/sales-lines/${line.id}`, { quantity: '9' }],
      [`/sales-lines/${line.id}/delete`, {}],
      [`/contacts/${contact.id}/word-documents`, {}],
      [`/contacts/${contact.id}/document-links`, { documentId: '1' }],
    ] as const) {
      expect((await noToken(path, fields)).status, path).toBe(403);
    }
    // The plain-form fallback with the _csrf field works.
    expect((await noToken(`/contacts/${contact.id}/fields`, { field: 'probability', value: '90', version, _csrf: b.csrf })).status).toBe(303);
    const row = await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect([row.probability, row.status]).toEqual([90, 'open']);
    expect(String((await t.db.salesLine.findUniqueOrThrow({ where: { id: line.id } })).quantity)).toBe('1');
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(0);
  });

  it('renders every new control of the page without inline scripts or styles', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db);
    const html = await (await b.get(`/contacts/${contact.id}`)).text();
    for (const id of ['field-companyId', 'field-personId', 'field-ownerId', 'field-kindId', 'field-description', 'field-probability', 'field-expectedCloseAt', 'field-restrictToSalesLines', 'field-status', 'sales-grid']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain(`/contacts/${contact.id}/word-documents`);
    expect(html).toContain(`/contacts/${contact.id}/document-options`);
    expect(html).not.toMatch(/ style="| on[a-z]+="|<script>/);
  });
});

describe('the history on the contact page', () => {
  it('shows the latest 20 changes and loads older ones on demand, without gaps or repeats', async () => {
    const b = await panelApp.browser();
    const { contact } = await makeContact(t.db, { actor: actorFor(b.employee) });
    for (let i = 1; i <= 74; i++) await addNote(t.db, actorFor(b.employee), { contactId: contact.id, text: `Notatka numer ${i}` });
    // 75 entries: "created" and 74 notes, newest first.
    const noteNumbers = (html: string) => [...html.matchAll(/Notatka numer (\d+)/g)].map((m) => Number(m[1]));
    const page = await (await b.get(`/contacts/${contact.id}`)).text();
    const history = page.slice(page.indexOf('id="history"'));
    expect(noteNumbers(history)).toEqual(Array.from({ length: 20 }, (_, i) => 74 - i));
    expect(history).toContain(`/contacts/${contact.id}/history?offset=20`);

    const second = await (await b.get(`/contacts/${contact.id}/history?offset=20`, { 'HX-Request': 'true' })).text();
    expect(noteNumbers(second)).toEqual(Array.from({ length: 50 }, (_, i) => 54 - i));
    expect(second).toContain(`/contacts/${contact.id}/history?offset=70`);
    const last = await (await b.get(`/contacts/${contact.id}/history?offset=70`, { 'HX-Request': 'true' })).text();
    expect(noteNumbers(last)).toEqual([4, 3, 2, 1]);
    expect(last).not.toContain('offset=120');
    // Without htmx it is a page of its own.
    const plain = await b.get(`/contacts/${contact.id}/history?offset=70`);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain('<html');
  });
});
