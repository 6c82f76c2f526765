// Pure helpers of the mail parser: fax numbers in the formats Polish gateways write, loose forward
// dates, client names of inline forwards, and automatic-mail headers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmailForwardParser from 'email-forward-parser';
import { describe, expect, it, onTestFinished } from 'vitest';
import { detectAutomatic } from '../../src/domain/mail/detect-automatic.ts';
import { forwardClient, forwardParser, parseLooseDate } from '../../src/domain/mail/detect-forward.ts';
import { countPdfPages, countTiffPages, findSenderFax, isFaxSender } from '../../src/domain/mail/fax-details.ts';
import { makePdf, makeTiff } from '../fixtures/mail/index.ts';

describe('findSenderFax', () => {
  it.each([
    ['Faks od: +48 22 123 45 67', '', '+48221234567'],
    ['Fax from 221234567', '', '+48221234567'],
    ['Nowy faks od (22) 123-45-67 (3 str.)', '', '+48221234567'],
    ['Faks 0048 61 765 43 21', '', '+48617654321'],
    ['New fax received', 'You have a fax.\nSender: 61 765 43 21\nPages: 2', '+48617654321'],
    ['Faks odebrany 2026-03-05', 'CSID: +44 20 7946 0958', '+442079460958'],
    ['New fax received', 'Pages: 3', null],
  ])('%s | %s', (subject, body, expected) => {
    expect(findSenderFax(subject, body)).toBe(expected);
  });
});

describe('isFaxSender', () => {
  it('matches addresses and domains (and subdomains), case-insensitively', () => {
    const senders = ['faks@bramka.pl', '@fax.operator.pl', 'efax.com'];
    expect(isFaxSender('Faks@Bramka.pl', senders)).toBe(true);
    expect(isFaxSender('inny@bramka.pl', senders)).toBe(false);
    expect(isFaxSender('x@fax.operator.pl', senders)).toBe(true);
    expect(isFaxSender('x@mx.efax.com', senders)).toBe(true);
    expect(isFaxSender('x@notefax.com', senders)).toBe(false);
    expect(isFaxSender(null, senders)).toBe(false);
  });
});

describe('page counting', () => {
  async function temp(bytes: Buffer): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'kontakt-pages-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'f');
    await writeFile(file, bytes);
    return file;
  }
  it('counts PDF pages and TIFF IFDs', async () => {
    expect(await countPdfPages(await temp(makePdf(7)))).toBe(7);
    expect(await countTiffPages(await temp(makeTiff(5)))).toBe(5);
    expect(await countTiffPages(await temp(Buffer.from('not a tiff at all')))).toBeNull();
  });
  it('a TIFF whose IFD chain loops ends (one page per distinct IFD)', async () => {
    const tiff = makeTiff(2);
    const secondIfd = tiff.readUInt32LE(8 + 2 + 8 * 12); // first IFD's next pointer
    tiff.writeUInt32LE(8, secondIfd + 2 + 8 * 12); // second IFD points back to the first
    expect(await countTiffPages(await temp(tiff))).toBe(2);
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['poniedziałek, 2 marca 2026 10:15', '2026-03-02T09:15:00.000Z'],
    ['Mon, 2 Mar 2026 at 10:15', '2026-03-02T09:15:00.000Z'],
    ['Monday, March 2, 2026 10:15 AM', '2026-03-02T09:15:00.000Z'],
    ['02.07.2026 10:15', '2026-07-02T08:15:00.000Z'],
    ['Mon, 2 Mar 2026 10:15:00 +0000', '2026-03-02T10:15:00.000Z'],
  ])('%s', (input, iso) => {
    expect(parseLooseDate(input)?.toISOString()).toBe(iso);
  });
  it('nonsense is null', () => expect(parseLooseDate('wczoraj rano')).toBeNull());
});

describe('forwardClient', () => {
  it('names the client from the separator', () => {
    expect(forwardClient('x\n---------- Forwarded message ---------\nFrom: a')).toBe('Gmail');
    expect(forwardClient('x\n-------- Forwarded Message --------\nSubject: a')).toBe('Thunderbird');
    expect(forwardClient('x\nBegin forwarded message:\n')).toBe('Apple Mail');
    expect(forwardClient('x\nOd: A <a@b.pl>\nWysłane: wtorek\n')).toBe('Outlook');
  });
});

describe('detectAutomatic', () => {
  const base = { contentType: 'text/plain', reportType: null, partTypes: new Set<string>(), fromAddress: 'a@klient.pl' };
  const lines = (...l: string[]) => l.map((line) => ({ key: line.split(':')[0]!.toLowerCase(), line }));
  it('decides by headers and says which', () => {
    expect(detectAutomatic({ ...base, headerLines: lines('Auto-Submitted: auto-generated') })).toEqual({ kind: 'auto-reply', header: 'Auto-Submitted: auto-generated' });
    expect(detectAutomatic({ ...base, headerLines: lines('List-Unsubscribe: <mailto:x@y>') })).toEqual({ kind: 'list', header: 'List-Unsubscribe' });
    expect(detectAutomatic({ ...base, headerLines: lines('Subject: hi'), fromAddress: 'postmaster@x.pl', partTypes: new Set(['message/delivery-status']) })).toEqual({ kind: 'bounce', header: 'From: postmaster@x.pl' });
    expect(detectAutomatic({ ...base, headerLines: lines('Subject: hi'), fromAddress: 'postmaster@x.pl' })).toBeNull();
    expect(detectAutomatic({ ...base, headerLines: lines('Precedence: first-class') })).toBeNull();
  });
});

describe('forwardParser (the library without its Cc parsing)', () => {
  const library = new EmailForwardParser();
  const ours = forwardParser();
  const withoutCc = (r: ReturnType<EmailForwardParser['read']>) => ({ ...r, email: { ...r.email, cc: undefined } });
  const cases: [string, string, string][] = [
    ['Gmail, with Cc', 'Fwd: Zapytanie', ['Proszę dopisać.', '', '---------- Forwarded message ---------', 'From: Anna Nowak <anna.nowak@klient.pl>', 'Date: Mon, 2 Mar 2026 at 10:15', 'Subject: Zapytanie ofertowe X-100', 'To: <jan.kowalski@firma.pl>', 'Cc: Piotr <piotr@klient.pl>, ewa@klient.pl', '', 'Dzień dobry,', 'proszę o ofertę.'].join('\n')],
    ['Outlook PL', 'PD: Zapytanie', ['Do sprawy.', '', '-----Wiadomość oryginalna-----', 'Od: Anna Nowak <anna.nowak@klient.pl>', 'Wysłano: poniedziałek, 2 marca 2026 10:15', 'Do: Jan Kowalski <jan.kowalski@firma.pl>', 'DW: Piotr <piotr@klient.pl>', 'Temat: Zapytanie ofertowe X-100', '', 'Dzień dobry,', 'proszę o ofertę.'].join('\n')],
    ['not forwarded', 'Re: Zapytanie', 'Dziękuję, odezwę się jutro.\n\n> Od: Anna Nowak'],
  ];
  it.each(cases)('reads %s as the library does, but for Cc', (_label, subject, body) => {
    const expected = library.read(body, subject);
    const got = ours.read(body, subject);
    expect(withoutCc(got)).toEqual(withoutCc(expected));
    if (expected.forwarded) {
      expect(got.email.from?.address).toBe('anna.nowak@klient.pl');
      expect([expected.email.cc ?? []].flat().map((m) => m.address)).toContain('piotr@klient.pl'); // what is skipped
      expect(got.email.cc).toEqual([]);
    }
  });
});
