// parseMail over the project's own fixtures (test/fixtures/mail): forwards from the common clients,
// forward-as-attachment, Polish charsets, fax gateways, hostile HTML, automatic mail, limits and
// malformed input. Attachments land in a temp file store; their bytes are checked by SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { blobPath, createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { parseMail } from '../../src/domain/mail/parse-mail.ts';
import { DEFAULT_MAIL_LIMITS, type MailLimits, type MailSettings, type ParsedMail } from '../../src/domain/mail/parsed-mail.ts';
import * as fx from '../fixtures/mail/index.ts';
import { useTestDb } from '../helpers/db.ts';

const MB = 1024 * 1024;
const testDb = useTestDb();

async function tempStore(maxFileBytes = 25 * MB): Promise<FileStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kontakt-mail-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  return createFileStore({ dataDir, maxFileBytes });
}

const settings = (limits: Partial<MailLimits> = {}, faxSenders = [fx.FAX_GATEWAY, 'fax.operator.pl']): MailSettings => ({
  limits: { ...DEFAULT_MAIL_LIMITS, ...limits },
  allowedDomains: ['firma.pl'],
  faxSenders,
});

/** Streams the bytes in small chunks, as IMAP would deliver them. */
const chunked = (bytes: Buffer, size = 4096) => Readable.from((function* () {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
})());

async function parse(raw: Buffer, options: { limits?: Partial<MailLimits>; store?: FileStore } = {}): Promise<{ mail: ParsedMail; store: FileStore }> {
  const store = options.store ?? (await tempStore());
  const mail = await parseMail(testDb.db, store, chunked(raw), settings(options.limits));
  return { mail, store };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function storedBytes(store: FileStore, storedFileId: number): Promise<Buffer> {
  const row = await testDb.db.storedFile.findUniqueOrThrow({ where: { id: storedFileId } });
  return readFile(blobPath(store, row.sha256));
}

describe('parseMail: headers', () => {
  it('reads ids without brackets, addresses lower-cased, plus-addresses and Delivered-To', async () => {
    const { mail } = await parse(fx.gmailForward());
    expect(mail.messageId).toMatch(/^fwd-[a-z0-9]+@firma\.pl$/);
    expect(mail.inReplyTo).toBe('CAorig123@mail.gmail.com');
    expect(mail.references).toEqual(['CAfirst@mail.gmail.com', 'CAorig123@mail.gmail.com']);
    expect(mail.from).toEqual({ address: fx.EMPLOYEE, name: 'Jan Kowalski' });
    expect(mail.to).toEqual([{ address: fx.PLUS_INBOX.toLowerCase(), name: '' }]);
    expect(mail.deliveredTo).toEqual([fx.INBOX, fx.PLUS_INBOX.toLowerCase()]);
    expect(mail.date?.toISOString()).toBe('2026-03-03T08:30:00.000Z');
    expect(mail.subject).toBe('Fwd: Zapytanie ofertowe X-100');
    expect(mail.problems).toEqual([]);
    expect(mail.automatic).toBeNull();
    expect(mail.fax).toBeNull();
  });

  it('takes X-Original-To and Cc plus-addresses as envelope recipients; a bad Date is null', async () => {
    const raw = fx.rawMail(
      ['X-Original-To: Kontakty+K-2026-0007@Firma.pl', 'From: A <A@Klient.PL>', 'To: kontakty@firma.pl', 'Cc: Biuro <biuro+K-2026-0008@firma.pl>, zwykly@firma.pl', 'Subject: x', 'Date: not a date at all', 'MIME-Version: 1.0', 'Content-Type: text/plain'],
      'tekst',
    );
    const { mail } = await parse(raw);
    expect(mail.deliveredTo).toEqual(['kontakty+k-2026-0007@firma.pl', 'biuro+k-2026-0008@firma.pl']);
    expect(mail.from).toEqual({ address: 'a@klient.pl', name: 'A' });
    expect(mail.cc.map((a) => a.address)).toEqual(['biuro+k-2026-0008@firma.pl', 'zwykly@firma.pl']);
    expect(mail.date).toBeNull();
    expect(mail.messageId).toBeNull();
  });
});

describe('parseMail: inline forwards', () => {
  const original = { address: fx.CUSTOMER.address, name: fx.CUSTOMER.name };

  it('Gmail: original sender, date, subject, body; the forwarder’s words', async () => {
    const { mail } = await parse(fx.gmailForward());
    expect(mail.forwarded).toMatchObject({ from: original, subject: 'Zapytanie ofertowe X-100', detectedBy: 'inline forward (Gmail)' });
    expect(mail.forwarded?.to).toEqual([{ address: fx.EMPLOYEE, name: '' }]);
    expect(mail.forwarded?.date?.toISOString()).toBe('2026-03-02T09:15:00.000Z'); // 10:15 in Warsaw
    expect(mail.forwarded?.text).toContain('proszę o ofertę na 20 sztuk');
    expect(mail.forwarderText).toBe('Proszę dopisać do sprawy, klient czeka na ofertę.');
    expect(mail.html).toContain('Forwarded message');
  });

  it('Outlook in Polish, windows-1250 quoted-printable, RFC 2047 subject', async () => {
    const { mail } = await parse(fx.outlookPlForward());
    expect(mail.subject).toBe('PD: Reklamacja dostawy – uszkodzone żółte palety');
    expect(mail.forwarded).toMatchObject({ from: original, subject: 'Reklamacja dostawy – uszkodzone żółte palety', detectedBy: 'inline forward (Outlook)' });
    expect(mail.forwarded?.date?.toISOString()).toBe('2026-03-02T09:15:00.000Z');
    expect(mail.forwarded?.text).toContain('zgłaszamy reklamację: 3 palety są uszkodzone (źle zabezpieczone).');
    expect(mail.forwarderText).toContain('Cześć, to do sprawy z Klientem – proszę o wpis.');
    expect(mail.forwarderText).not.toContain('Od:');
    expect(mail.html).toBeNull();
  });

  it('Outlook in English, HTML only: the text comes from the HTML', async () => {
    const { mail } = await parse(fx.outlookEnForward());
    expect(mail.text).toContain('Please file this under the X-100 case.');
    expect(mail.forwarded).toMatchObject({ from: original, subject: 'Delivery date for order 77' });
    expect(mail.forwarded?.date?.toISOString()).toBe('2026-03-02T09:15:00.000Z');
    expect(mail.forwarded?.text).toContain('when will order 77 be delivered?');
    expect(mail.forwarderText).toContain('Please file this under the X-100 case.');
    expect(mail.html).not.toContain('<style');
  });

  it('Apple Mail, ISO-8859-2 base64', async () => {
    const { mail } = await parse(fx.appleMailForward());
    expect(mail.subject).toBe('Fwd: Termin płatności faktury FV/2026/02/0011');
    expect(mail.forwarded).toMatchObject({ from: original, subject: 'Termin płatności faktury FV/2026/02/0011', detectedBy: 'inline forward (Apple Mail)' });
    expect(mail.forwarded?.text).toContain('Prosimy o przesunięcie terminu płatności o 7 dni.');
    expect(mail.forwarded?.date).toBeInstanceOf(Date);
    expect(mail.forwarderText).toBe('Przesyłam dalej - pilne.');
  });

  it('Thunderbird', async () => {
    const { mail } = await parse(fx.thunderbirdForward());
    expect(mail.forwarded).toMatchObject({ from: original, subject: 'Pytanie o rabat', detectedBy: 'inline forward (Thunderbird)' });
    expect(mail.forwarded?.date?.toISOString()).toBe('2026-03-02T09:15:00.000Z');
    expect(mail.forwarded?.text).toContain('rabat 5%');
    expect(mail.forwarderText).toBe('Do sprawy K/2026/0042.');
    expect(mail.deliveredTo).toContain('biuro+k-2026-0042@firma.pl');
  });

  it('an ordinary message is no forward: forwarderText is the whole text', async () => {
    const raw = await fx.composed({ from: 'Jan <jan.kowalski@firma.pl>', to: fx.INBOX, subject: 'Notatka', text: 'Klient dzwonił, oddzwonić jutro.\n' });
    const { mail } = await parse(raw);
    expect(mail.forwarded).toBeNull();
    expect(mail.forwarderText).toBe(mail.text);
    expect(mail.text).toContain('Klient dzwonił');
  });
});

describe('parseMail: forward as attachment (message/rfc822)', () => {
  it('parses the attached message as the original; keeps the .eml and its attachments', async () => {
    const pdf = fx.makePdf(2);
    const { mail, store } = await parse(fx.rfc822Forward(pdf));
    expect(mail.forwarded).toMatchObject({
      from: { address: fx.CUSTOMER.address, name: 'Anna Żak- Nowak' },
      to: [{ address: fx.EMPLOYEE, name: 'Jan Kowalski' }],
      subject: 'Zamówienie 2026/77',
      detectedBy: 'message/rfc822 attachment',
    });
    expect(mail.forwarded?.date?.toISOString()).toBe('2026-03-02T09:15:00.000Z');
    expect(mail.forwarded?.text).toContain('W załączeniu zamówienie.');
    expect(mail.forwarderText).toBe(mail.text);
    expect(mail.text).toContain('Zamówienie w załączniku, proszę podpiąć.');
    expect(mail.attachments.map((a) => [a.fileName, a.mimeType])).toEqual([
      ['Zamowienie 2026-77.eml', 'message/rfc822'],
      ['zamowienie-77.pdf', 'application/pdf'],
    ]);
    const pdfAttachment = mail.attachments[1]!;
    expect(pdfAttachment.size).toBe(pdf.length);
    expect(sha256(await storedBytes(store, pdfAttachment.storedFileId))).toBe(sha256(pdf));
    expect((await storedBytes(store, mail.attachments[0]!.storedFileId)).toString('latin1')).toContain('Message-ID: <inner-77@klient.pl>');
    expect(mail.problems).toEqual([]);
  });
});

describe('parseMail: Polish charsets', () => {
  it('decodes ISO-8859-2 and windows-1250 bodies, RFC 2047 headers and RFC 2231 file names', async () => {
    const { mail, store } = await parse(fx.polishCharsets());
    expect(mail.subject).toBe('Oferta: zażółć gęślą jaźń');
    expect(mail.from).toEqual({ address: 'grzegorz.b@klient.pl', name: 'Grzegorz Brzęczyszczykiewicz' });
    expect(mail.to).toEqual([{ address: fx.INBOX, name: 'Łucja Śliwińska' }]);
    expect(mail.cc).toEqual([{ address: 'zespol@firma.pl', name: 'Zespół' }]);
    expect(mail.text).toContain(fx.POLISH);
    expect(mail.text).toContain('Treść w ISO-8859-2.');
    expect(mail.html).toBe(`<p>${fx.POLISH}</p><p>Treść w windows-1250.</p>`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ fileName: 'Oferta - żółć.txt', mimeType: 'text/plain', inline: false });
    expect((await storedBytes(store, mail.attachments[0]!.storedFileId)).toString('utf8')).toBe('Oferta: cena 100 zł\n');
  });
});

describe('parseMail: fax gateways', () => {
  it('PDF fax: the sender’s number from the subject, pages from the PDF', async () => {
    const pdf = fx.makePdf(3);
    const { mail, store } = await parse(fx.faxWithPdf(pdf));
    expect(mail.fax).toEqual({ senderFax: '+48221234567', pages: 3 });
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ fileName: 'faks-0001.pdf', mimeType: 'application/pdf', size: pdf.length });
    expect(sha256(await storedBytes(store, mail.attachments[0]!.storedFileId))).toBe(sha256(pdf));
  });

  it('multi-page TIFF fax named .pdf, gateway matched by domain: typed from its bytes, IFDs counted', async () => {
    const tiff = fx.makeTiff(4);
    const { mail, store } = await parse(fx.faxWithTiff(tiff));
    expect(mail.fax).toEqual({ senderFax: '+48617654321', pages: 4 });
    expect(mail.attachments[0]).toMatchObject({ fileName: 'skan.pdf', mimeType: 'image/tiff', size: tiff.length });
    expect(sha256(await storedBytes(store, mail.attachments[0]!.storedFileId))).toBe(sha256(tiff));
  });

  it('mail from anyone else has no fax details', async () => {
    const { mail } = await parse(fx.gmailForward());
    expect(mail.fax).toBeNull();
  });
});

describe('parseMail: hostile HTML', () => {
  it('drops scripts, handlers, javascript: links, remote images; keeps a small cid: image as data:', async () => {
    const { mail, store } = await parse(fx.hostileHtml());
    const html = mail.html ?? '';
    expect(html).toContain('Zamówienie w załączniku.');
    expect(html).not.toMatch(/<script|onerror|onload|onclick|javascript:|<iframe|<form|<style|evil\.test|tracker\.test/i);
    expect(html).toContain(`src="data:image/png;base64,${fx.TINY_PNG.toString('base64')}"`);
    expect(html).toContain('href="https://klient.pl/oferta"');
    expect(mail.text).not.toContain('document.cookie');
    expect(mail.attachments).toEqual([expect.objectContaining({ fileName: 'logo.png', mimeType: 'image/png', inline: true, size: fx.TINY_PNG.length })]);
    expect(sha256(await storedBytes(store, mail.attachments[0]!.storedFileId))).toBe(sha256(fx.TINY_PNG));
  });
});

describe('parseMail: automatic mail', () => {
  it.each([
    ['Auto-Submitted: auto-replied', { kind: 'auto-reply', header: 'Auto-Submitted: auto-replied' }],
    ['X-Autoreply: yes', { kind: 'auto-reply', header: 'X-Autoreply' }],
    ['X-Autorespond: Out of office', { kind: 'auto-reply', header: 'X-Autorespond' }],
    ['Precedence: auto_reply', { kind: 'auto-reply', header: 'Precedence: auto_reply' }],
    ['X-Loop: kontakty@firma.pl', { kind: 'auto-reply', header: 'X-Loop: kontakty@firma.pl' }],
    ['Precedence: junk', { kind: 'list', header: 'Precedence: junk' }],
  ])('%s', async (header, expected) => {
    const { mail } = await parse(fx.autoReply(header));
    expect(mail.automatic).toEqual(expected);
  });

  it('Auto-Submitted: no is a person', async () => {
    const { mail } = await parse(fx.autoReply('Auto-Submitted: no'));
    expect(mail.automatic).toBeNull();
  });

  it('a DSN bounce: kind bounce, the returned message is not taken as a forward', async () => {
    const { mail } = await parse(fx.dsnBounce());
    expect(mail.automatic).toEqual({ kind: 'bounce', header: 'Content-Type: multipart/report; report-type=delivery-status' });
    expect(mail.forwarded).toBeNull();
    expect(mail.text).toContain('could not be delivered');
    expect(mail.problems).toEqual([]);
  });

  it('a bounce from MAILER-DAEMON without multipart/report', async () => {
    const raw = fx.rawMail(['From: MAILER-DAEMON@mx.klient.pl', `To: ${fx.INBOX}`, 'Subject: failure notice'], 'Sorry, I could not deliver.');
    const { mail } = await parse(raw);
    expect(mail.automatic).toEqual({ kind: 'bounce', header: 'From: mailer-daemon@mx.klient.pl' });
  });

  it('list mail', async () => {
    const { mail } = await parse(fx.listMail());
    expect(mail.automatic).toEqual({ kind: 'list', header: 'Precedence: bulk' });
    const raw = fx.rawMail(['From: lista@dostawca.pl', `To: ${fx.INBOX}`, 'List-Id: <lista.dostawca.pl>', 'Subject: x'], 'y');
    expect((await parse(raw)).mail.automatic).toEqual({ kind: 'list', header: 'List-Id' });
  });
});

describe('parseMail: attachments and limits', () => {
  it('keeps winmail.dat as a file', async () => {
    const { mail } = await parse(fx.winmailDat());
    expect(mail.attachments).toEqual([expect.objectContaining({ fileName: 'winmail.dat', inline: false })]);
  });

  it('a message over the size limit resolves with the reason and its real size', async () => {
    const raw = fx.withAttachments(1, randomBytes(300 * 1024));
    const { mail } = await parse(raw, { limits: { maxMessageBytes: 100 * 1024 } });
    expect(mail.problems).toEqual([`message is ${(raw.length / 1024).toFixed(0)} KB, over the 100 KB limit`]);
    expect(mail.subject).toBe('Pliki');
    expect(mail.attachments.every((a) => a.fileName !== 'duzy.bin')).toBe(true); // cut mid-way: not kept
  });

  it('too many attachments: the first ones are kept, the reason is given', async () => {
    const { mail } = await parse(fx.withAttachments(5), { limits: { maxAttachments: 3 } });
    expect(mail.attachments.map((a) => a.fileName)).toEqual(['plik-0.txt', 'plik-1.txt', 'plik-2.txt']);
    expect(mail.problems).toEqual(['message has 5 attachments, over the 3 limit']);
  });

  it('an attachment over the store cap is refused with a problem, streamed (never buffered whole)', async () => {
    const store = await tempStore(64 * 1024);
    const big = randomBytes(2 * MB);
    const { mail } = await parse(fx.withAttachments(1, big), { store });
    expect(mail.problems).toEqual(['attachment "duzy.bin" is larger than the 0.0625 MB limit']);
    expect(mail.attachments.map((a) => a.fileName)).toEqual(['plik-0.txt']);
    expect(mail.text).toContain('Załączniki.');
  });

  it('a large attachment streams to the store with the right bytes', async () => {
    const big = randomBytes(6 * MB);
    const { mail, store } = await parse(fx.withAttachments(0, big));
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ fileName: 'duzy.bin', size: big.length, mimeType: 'application/octet-stream' });
    expect(sha256(await storedBytes(store, mail.attachments[0]!.storedFileId))).toBe(sha256(big));
  });

  it('MIME nesting deeper than maxDepth is stopped with a reason', async () => {
    const { mail } = await parse(fx.deepNesting(30));
    expect(mail.problems).toEqual(['MIME nesting is deeper than 20 levels']);
    const shallow = await parse(fx.deepNesting(10));
    expect(shallow.mail.problems).toEqual([]);
    expect(shallow.mail.text).toContain('Na samym dnie.');
  });

  it('nesting counts through attached messages too', async () => {
    const { mail } = await parse(fx.rfc822Forward(fx.makePdf(1)), { limits: { maxDepth: 3 } });
    expect(mail.problems.some((p) => /MIME nesting is deeper than 3 levels/.test(p))).toBe(true);
  });

  it('text and HTML over their caps are cut, with reasons', async () => {
    const raw = await fx.composed({ from: 'a@klient.pl', to: fx.INBOX, subject: 'long', text: 'a'.repeat(5000), html: `<p>${'b'.repeat(5000)}</p>` });
    const { mail } = await parse(raw, { limits: { maxTextChars: 1000, maxHtmlChars: 2000 } });
    expect(mail.text).toHaveLength(1000);
    expect(mail.html!.length).toBeLessThanOrEqual(2000 + 10);
    expect(mail.problems).toHaveLength(2);
    expect(mail.problems[0]).toBe('text body is 5000 characters, over the 1000 limit');
    expect(mail.problems[1]).toMatch(/^HTML body is 50\d\d characters, over the 2000 limit$/);
  });
});

describe('parseMail: malformed input never throws or hangs', () => {
  const cases: [string, Buffer][] = [
    ['empty input', Buffer.alloc(0)],
    ['no header block', Buffer.from('just some text without headers\r\n')],
    ['binary garbage', randomBytes(20_000)],
    ['truncated inside an attachment', fx.withAttachments(1, randomBytes(50_000)).subarray(0, 30_000)],
    ['boundary never closed', fx.rawMail(['From: a@b.pl', 'Content-Type: multipart/mixed; boundary="x"'], '--x\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x\r\nContent-Type: application/pdf\r\n\r\n')],
    ['NUL bytes and an unknown charset', fx.rawMail(['From: a@b.pl', 'Subject: =?x-unknown?Q?=FF=00?=', 'Content-Type: text/plain; charset=x-unknown-charset'], Buffer.from([0x61, 0, 0xff, 0xfe, 0x62]))],
    ['huge header line', fx.rawMail(['From: a@b.pl', `X-Long: ${'x'.repeat(2 * MB)}`], 'body')],
    ['many parts', fx.rawMail(['From: a@b.pl', 'Content-Type: multipart/mixed; boundary="p"'], `${'--p\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(1500)}--p--\r\n`)],
  ];
  it.each(cases)('%s', async (_, raw) => {
    const { mail } = await parse(raw);
    expect(Array.isArray(mail.problems)).toBe(true);
    expect(typeof mail.text).toBe('string');
  });

  it('reports why mailparser gave up (too many parts)', async () => {
    const { mail } = await parse(cases[7]![1]);
    expect(mail.problems.join()).toMatch(/could not be parsed/);
  });

  it('a stream that fails is an I/O error: parseMail rejects', async () => {
    const store = await tempStore();
    const source = new PassThrough();
    source.write(fx.gmailForward().subarray(0, 500));
    setTimeout(() => source.destroy(new Error('connection reset')), 10);
    await expect(parseMail(testDb.db, store, source, settings())).rejects.toThrow('connection reset');
  });
});
