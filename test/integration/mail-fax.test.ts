// Faxes end to end from raw MIME (the real parser): a fax gateway's message with a multi-page TIFF
// is filed on the company with that fax number with the TIFF as received AND a PDF rendition with
// as many pages; a TIFF that cannot be converted is still filed, without a PDF, with the reason.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath, createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { DEFAULT_MAIL_SETTINGS, type IngestSettings } from '../../src/domain/mail/mail-settings.ts';
import { processMail } from '../../src/domain/mail/process-mail.ts';
import { receiveMail } from '../../src/domain/mail/receive-mail.ts';
import { buildTiff, g4Fax } from '../fixtures/mail/fax-tiff.ts';
import { CRLF, faxWithTiff, INBOX, makeTiff, rawMail } from '../fixtures/mail/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { makeCompany, makeContact, makeEmployee, uid } from '../factories/index.ts';

const t = useTestDb();
let dataDir = '';
let store: FileStore;
const settings: IngestSettings = { ...DEFAULT_MAIL_SETTINGS, faxSenders: ['bramka.test', 'fax.operator.pl'] };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-mail-fax-'));
  store = createFileStore({ dataDir, maxFileBytes: 16 * 1024 * 1024 });
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A gateway's message: the sender's number in the subject, the fax as a TIFF attachment. */
function gatewayFax(number: string, tiff: Buffer, fileName = 'faks-0001.tif', from = 'Bramka faksowa <faks@bramka.test>', subject = `Faks od: ${number}`): Buffer {
  return rawMail(
    [`From: ${from}`, `To: ${INBOX}`, `Subject: ${subject}`, 'Date: Thu, 05 Mar 2026 07:00:00 +0100', `Message-ID: <fax-${uid()}@bramka.test>`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="fax"'],
    [
      '--fax', 'Content-Type: text/plain; charset=utf-8', '', 'Odebrano faks.',
      '--fax', `Content-Type: image/tiff; name="${fileName}"`, `Content-Disposition: attachment; filename="${fileName}"`, 'Content-Transfer-Encoding: base64', '',
      tiff.toString('base64').replace(/.{76}/g, `$&${CRLF}`), '--fax--', '',
    ].join(CRLF),
  );
}

/** A company with the fax number (E.164) and one open contact. */
async function faxCustomer(e164: string) {
  const company = await makeCompany(t.db);
  await t.db.company.update({ where: { id: company.id }, data: { fax: e164 } });
  const { contact } = await makeContact(t.db, { companyId: company.id });
  return { company, contact };
}

async function deliver(raw: Buffer) {
  const mail = await receiveMail(t.db, store, { mailbox: 'fax/INBOX', raw });
  const outcome = await processMail(t.db, store, mail.id, settings);
  const row = await t.db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } });
  return { outcome, row };
}

const itemsOf = (contactId: number) =>
  t.db.item.findMany({ where: { contactId }, include: { versions: { include: { storedFile: true } } }, orderBy: { id: 'asc' } });

describe('a TIFF fax gets a PDF rendition, the TIFF kept as received', () => {
  it('a 3-page G4 TIFF from a fax gateway → the TIFF item and a 3-page PDF item on the company\'s contact', async () => {
    const { contact } = await faxCustomer('+48221112233');
    const tiff = g4Fax(3);
    const { outcome, row } = await deliver(gatewayFax('(22) 111-22-33', tiff));
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    expect(row.reason).toContain('fax from +48221112233');

    const items = await itemsOf(contact.id);
    expect(items.map((i) => [i.type, i.versions[0]?.fileName ?? null])).toEqual([
      ['note', null],
      ['file', 'faks-0001.tif'],
      ['file', 'faks-0001.pdf'],
      ['file', 'Faks od 22 111-22-33.eml'],
    ]);
    const [note, tiffItem, pdfItem] = items;
    expect(note!).toMatchObject({ noteKind: 'fax', source: 'email' });
    expect(note!.text).toMatch(/^Fax from \+48221112233, 3 pages/);
    expect(note!.text).not.toContain('No PDF view');

    // The TIFF as received: the very bytes the gateway sent.
    const tiffFile = tiffItem!.versions[0]!.storedFile;
    expect(tiffFile.mimeType).toBe('image/tiff');
    expect((await readFile(blobPath(store, tiffFile.sha256))).equals(tiff)).toBe(true);
    expect(tiffItem!.text).toBe('The fax as received (TIFF); PDF view: faks-0001.pdf');

    // The rendition: a PDF with one page per TIFF page, described as such.
    const pdfFile = pdfItem!.versions[0]!.storedFile;
    expect(pdfFile.mimeType).toBe('application/pdf');
    const pdf = await PDFDocument.load(await readFile(blobPath(store, pdfFile.sha256)));
    expect(pdf.getPageCount()).toBe(3);
    expect(pdfItem!).toMatchObject({ source: 'email', sourceRef: `${row.dedupeKey}#1.pdf`, text: 'PDF view of the fax faks-0001.tif (3 pages), converted from the TIFF as received' });

    // Processing again files nothing twice.
    await processMail(t.db, store, row.id, settings);
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(4);
  });

  it('the project fixture: a TIFF misnamed skan.pdf from a gateway matched by domain → "skan (PDF).pdf" with 4 pages', async () => {
    const { contact } = await faxCustomer('+48617654321');
    const { outcome } = await deliver(faxWithTiff(makeTiff(4)));
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    const items = await itemsOf(contact.id);
    expect(items.map((i) => i.versions[0]?.fileName ?? null)).toEqual([null, 'skan.pdf', 'skan (PDF).pdf', 'New fax received.eml']);
    expect(items[1]!.versions[0]!.storedFile.mimeType).toBe('image/tiff');
    const pdf = await PDFDocument.load(await readFile(blobPath(store, items[2]!.versions[0]!.storedFile.sha256)));
    expect(pdf.getPageCount()).toBe(4);
  });

  it('a corrupt TIFF: filed with the TIFF kept, no PDF, the reason in the note and on the TIFF item', async () => {
    const { contact } = await faxCustomer('+48223334455');
    const tiny = { width: 8, height: 8, compression: 1 as const, data: Buffer.alloc(8) };
    const looping = buildTiff([tiny, tiny]);
    looping.writeUInt32LE(8, 8 + 2 + looping.readUInt16LE(8) * 12); // page 1's "next page" is page 1
    const { outcome } = await deliver(gatewayFax('22 333 44 55', looping, 'uszkodzony.tif'));
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    const items = await itemsOf(contact.id);
    expect(items.map((i) => i.versions[0]?.fileName ?? null)).toEqual([null, 'uszkodzony.tif', 'Faks od 22 333 44 55.eml']);
    expect(items[1]!.versions[0]!.storedFile.mimeType).toBe('image/tiff');
    expect((await readFile(blobPath(store, items[1]!.versions[0]!.storedFile.sha256))).equals(looping)).toBe(true);
    expect(items[0]!.text).toContain('No PDF view of uszkodzony.tif: corrupt TIFF: the page directories loop.');
    expect(items[1]!.text).toBe('The fax as received (TIFF); no PDF view: corrupt TIFF: the page directories loop');
  });

  it('a .tif too damaged to be recognised (stored as octet-stream) is tried as well, and the reason recorded', async () => {
    const { contact } = await faxCustomer('+48224445566');
    const cut = g4Fax(2).subarray(0, 60); // the first page directory is cut short
    const { outcome } = await deliver(gatewayFax('22 444 55 66', cut, 'urwany.tif'));
    expect(outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    const items = await itemsOf(contact.id);
    expect(items.map((i) => [i.versions[0]?.fileName ?? null, i.versions[0]?.storedFile.mimeType ?? null])).toEqual([
      [null, null], ['urwany.tif', 'application/octet-stream'], ['Faks od 22 444 55 66.eml', 'message/rfc822'],
    ]);
    expect(items[1]!.text).toBe('The fax as received (TIFF); no PDF view: corrupt TIFF: page 1 is cut short');
  });

  it('a TIFF over the page limit: no PDF, the reason recorded; an e-mail (not a fax) with a TIFF gets no rendition', async () => {
    const { contact } = await faxCustomer('+48225556677');
    const tiny = { width: 8, height: 8, compression: 1 as const, data: Buffer.alloc(8) };
    const { outcome } = await deliver(gatewayFax('22 555 66 77', buildTiff(Array.from({ length: 101 }, () => tiny))));
    expect(outcome.status).toBe('filed');
    const items = await itemsOf(contact.id);
    expect(items).toHaveLength(3);
    expect(items[1]!.text).toBe('The fax as received (TIFF); no PDF view: more than 100 pages');

    // A TIFF forwarded by an employee is an e-mail, not a fax: filed as it came, no rendition.
    const employee = await makeEmployee(t.db);
    const mailed = await deliver(gatewayFax('', g4Fax(1), 'skan.tif', `${employee.name} <${employee.email}>`, `[${contact.number}] skan`));
    expect(mailed.outcome).toMatchObject({ status: 'filed', contactId: contact.id });
    const filed = await t.db.item.findMany({ where: { contactId: contact.id, sourceRef: { startsWith: mailed.row.dedupeKey } }, include: { versions: true }, orderBy: { id: 'asc' } });
    expect(filed.map((i) => [i.noteKind, i.versions[0]?.fileName ?? null, i.text.includes('PDF view')])).toEqual([
      ['e-mail', null, false],
      [null, 'skan.tif', false],
      [null, `${contact.number.replace(/\//g, ' ')} skan.eml`, false],
    ]);
  });
});
