import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import { addFile } from '../../src/domain/items/add-file.ts';
import { addFileVersion } from '../../src/domain/items/add-file-version.ts';
import { listItems } from '../../src/domain/items/list-items.ts';
import { openFileVersion } from '../../src/domain/items/open-file-version.ts';
import { searchContacts } from '../../src/domain/contacts/search-contacts.ts';
import { useTestDb } from '../helpers/db.ts';
import { makeContact, uid } from '../factories/index.ts';
import { minimalPdf, minimalPng } from '../fixtures/files/sample-files.ts';

const t = useTestDb();
let dataDir = '';
let store: FileStore;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-file-items-'));
  store = createFileStore({ dataDir, maxFileBytes: 1024 * 1024 });
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('file items', () => {
  it('stores a file on the timeline and gives back the identical bytes with the sniffed type', async () => {
    const { contact, actor } = await makeContact(t.db);
    const pdf = minimalPdf();
    const item = await addFile(t.db, store, actor, { contactId: contact.id, file: { stream: pdf, fileName: '../../Faks od klienta.txt' }, text: 'Faks z zamówieniem' });
    expect(item.type).toBe('file');
    expect(item.versions).toHaveLength(1);
    expect(item.versions[0]).toMatchObject({ version: 1, fileName: 'Faks od klienta.txt' });
    expect(item.versions[0]!.storedFile.mimeType).toBe('application/pdf');
    const download = await openFileVersion(t.db, store, item.versions[0]!.id);
    expect(Buffer.compare(await buffer(download.stream), pdf)).toBe(0);
    expect(download).toMatchObject({ fileName: 'Faks od klienta.txt', mimeType: 'application/pdf', size: pdf.length });
    expect((await listContactHistory(t.db, contact.id))[0]).toMatchObject({ action: 'file added', entityId: item.id });
  });

  it('keeps old versions when a new one is uploaded, and finds the item by file name', async () => {
    const { contact, actor } = await makeContact(t.db);
    const tag = uid();
    const first = await addFile(t.db, store, actor, { contactId: contact.id, file: { stream: Buffer.from('Oferta v1'), fileName: `oferta-${tag}.txt` } });
    const second = await addFileVersion(t.db, store, actor, { itemId: first.id, file: { stream: minimalPng(), fileName: `zdjęcie-${tag}.png` } });
    expect(second).toMatchObject({ version: 2, fileName: `zdjęcie-${tag}.png` });
    const [item] = (await listItems(t.db, { contactId: contact.id })).items;
    expect(item!.versions.map((v) => [v.version, v.storedFile.mimeType])).toEqual([[2, 'image/png'], [1, 'text/plain']]);
    const v1 = await openFileVersion(t.db, store, item!.versions[1]!.id);
    expect((await buffer(v1.stream)).toString()).toBe('Oferta v1');
    expect((await searchContacts(t.db, { q: `zdjecie-${tag}` })).contacts.map((c) => c.id)).toEqual([contact.id]);
    expect((await searchContacts(t.db, { q: `oferta-${tag}` })).contacts.map((c) => c.id)).toEqual([contact.id]);
  });

  it('refuses a file over the cap and leaves no item behind', async () => {
    const { contact, actor } = await makeContact(t.db);
    await expect(addFile(t.db, store, actor, { contactId: contact.id, file: { stream: Buffer.alloc(1024 * 1024 + 1, 7), fileName: 'big.bin' } })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(0);
  });

  it('files the same Slack file only once per contact', async () => {
    const { contact, actor } = await makeContact(t.db);
    const slack = { ...actor, channel: 'slack' as const };
    await addFile(t.db, store, slack, { contactId: contact.id, file: { stream: Buffer.from('a'), fileName: 'a.txt' }, sourceRef: 'F0123' });
    await expect(addFile(t.db, store, slack, { contactId: contact.id, file: { stream: Buffer.from('a'), fileName: 'a.txt' }, sourceRef: 'F0123' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(1);
  });
});
