// parseMail over the real-world corpus in ../shared/corpora (read in place, never copied; see its
// README): every MIME message must parse without a crash or a hang, and the forwarded bodies of
// crisp-email-forward-parser, wrapped in MIME as an employee would forward them, must give the
// original sender at the rate measured when this suite was written.
import EmailForwardParser from 'email-forward-parser';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, type FileStore } from '../../src/domain/files/index.ts';
import { forwardParser } from '../../src/domain/mail/detect-forward.ts';
import { guardRegExp } from '../../src/domain/mail/literal-guard.ts';
import { parseMail } from '../../src/domain/mail/parse-mail.ts';
import { DEFAULT_MAIL_LIMITS, type MailSettings, type ParsedMail } from '../../src/domain/mail/parsed-mail.ts';
import { wrapForwardedBody } from '../fixtures/mail/index.ts';
import { useTestDb } from '../helpers/db.ts';

const CORPORA = path.resolve(import.meta.dirname, '../../../shared/corpora');
const PRESENT = existsSync(path.join(CORPORA, 'INVENTORY.tsv'));
/** A message taking longer than this counts as a hang. */
const PER_MESSAGE_TIMEOUT_MS = 10_000;
/** Measured: 91 of the 91 forwarded bodies give john.doe@acme.com (100 %). Margin: two bodies (89/91). */
const MIN_FORWARD_RATE = 0.97;

const settings: MailSettings = { limits: DEFAULT_MAIL_LIMITS, allowedDomains: [], faxSenders: [] };

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result after ${PER_MESSAGE_TIMEOUT_MS} ms (hang)`)), PER_MESSAGE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

if (!PRESENT) {
  describe('mail corpus', () => {
    it('is absent: the corpus suite did not run', () => {
      console.warn(`[mail-corpus] ${CORPORA} is absent (a user's clone?): the real-world corpus suite did not run.`);
      expect(PRESENT).toBe(false);
    });
  });
} else {
  const testDb = useTestDb();
  let store: FileStore;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kontakt-corpus-'));
    store = createFileStore({ dataDir, maxFileBytes: 25 * 1024 * 1024 });
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function parseFile(file: string): Promise<ParsedMail> {
    const bytes = await readFile(file);
    return withTimeout(parseMail(testDb.db, store, Readable.from([bytes]), settings), file);
  }

  describe('mail corpus: every MIME message parses', () => {
    it('no crash, no hang, a ParsedMail for each', async () => {
      const inventory = (await readFile(path.join(CORPORA, 'INVENTORY.tsv'), 'utf8')).split('\n').slice(1).filter(Boolean);
      const messages = inventory.map((line) => line.split('\t')).filter((cols) => cols[3] === 'mime-message').map((cols) => cols[1]!);
      expect(messages.length).toBeGreaterThan(300);
      const failures: string[] = [];
      let withProblems = 0;
      let forwards = 0;
      let automatic = 0;
      let attachments = 0;
      const started = Date.now();
      for (const relative of messages) {
        try {
          const mail = await parseFile(path.join(CORPORA, relative));
          expect(typeof mail.text).toBe('string');
          expect(Array.isArray(mail.attachments)).toBe(true);
          if (mail.problems.length > 0) withProblems++;
          if (mail.forwarded) forwards++;
          if (mail.automatic) automatic++;
          attachments += mail.attachments.length;
        } catch (error) {
          failures.push(`${relative}: ${(error as Error).message}`);
        }
      }
      console.info(
        `[mail-corpus] ${messages.length} messages in ${Date.now() - started} ms: ${failures.length} failures, ` +
          `${withProblems} with problems (kept, rejected with a reason), ${forwards} forwards, ${automatic} automatic, ${attachments} attachments stored`,
      );
      expect(failures).toEqual([]);
    }, 120_000);
  });

  describe('mail corpus: forwardParser against email-forward-parser itself', () => {
    /** The library's forwarded bodies with their subjects, and talon's real replies (near misses). */
    async function bodies(): Promise<{ label: string; body: string; subjects: (string | null)[] }[]> {
      const folder = path.join(CORPORA, 'crisp-email-forward-parser');
      const { cases } = JSON.parse(await readFile(path.join(folder, 'expected.json'), 'utf8')) as { cases: { body_file: string; subject_file: string | null }[] };
      const found = [];
      for (const entry of cases) {
        const body = await readFile(path.join(folder, entry.body_file), 'utf8');
        const subject = entry.subject_file ? (await readFile(path.join(folder, entry.subject_file), 'utf8')).trim() : null;
        found.push({ label: entry.body_file, body, subjects: subject ? [subject, null] : [null, 'Fwd: Integer consequat non purus'] });
      }
      const talon = path.join(CORPORA, 'mailgun-talon');
      for (const name of await readdir(talon)) {
        if (name === 'LICENSE') continue;
        found.push({ label: `mailgun-talon/${name}`, body: await readFile(path.join(talon, name), 'latin1'), subjects: [null, 'Fwd: Re: Integer consequat', 'Re: Integer consequat'] });
      }
      return found;
    }

    it('reads every forwarded body and reply exactly as the library does, but for Cc', async () => {
      const library = new EmailForwardParser();
      const ours = forwardParser();
      const withoutCc = (r: ReturnType<EmailForwardParser['read']>) => ({ ...r, email: { ...r.email, cc: undefined } });
      const all = await bodies();
      let forwarded = 0;
      for (const { label, body, subjects } of all) {
        for (const s of subjects) {
          const expected = library.read(body, s);
          expect(withoutCc(ours.read(body, s)), `${label} / ${s}`).toEqual(withoutCc(expected));
          if (expected.forwarded) forwarded++;
        }
      }
      expect(all.length).toBeGreaterThan(100);
      expect(forwarded).toBeGreaterThan(180); // most bodies are forwards under both of their subjects
    });

    it('every guarded expression of the library matches, splits and replaces exactly as the expression itself', async () => {
      const library = new EmailForwardParser() as unknown as { parser: { regexes: Record<string, RegExp | RegExp[]> } };
      const expressions = Object.values(library.parser.regexes).flat();
      const texts = (await bodies()).map((b) => b.body);
      let guarded = 0;
      for (const regex of expressions) {
        const guard = guardRegExp(regex);
        if (guard === regex) continue;
        guarded++;
        for (const text of texts) {
          expect(text.match(guard), String(regex)).toEqual(text.match(regex));
          expect(text.split(guard), String(regex)).toEqual(text.split(regex));
          expect(text.replace(guard, ''), String(regex)).toBe(text.replace(regex, ''));
        }
      }
      // Nearly all of them carry a fixed piece of text; the few that do not are used as they are.
      expect(guarded).toBeGreaterThan(expressions.length * 0.8);
    });
  });

  describe('mail corpus: forwarded bodies (crisp-email-forward-parser)', () => {
    it(`finds the original sender john.doe@acme.com in at least ${MIN_FORWARD_RATE * 100} % of the forwards`, async () => {
      const folder = path.join(CORPORA, 'crisp-email-forward-parser');
      const { cases } = JSON.parse(await readFile(path.join(folder, 'expected.json'), 'utf8')) as {
        cases: { body_file: string; subject_file: string | null; expect: { forwarded: boolean } }[];
      };
      let positives = 0;
      let found = 0;
      let falsePositives = 0;
      let negatives = 0;
      const missed: string[] = [];
      for (const entry of cases) {
        const body = await readFile(path.join(folder, entry.body_file), 'utf8');
        // The Outlook variants carry the subject in the mail's Subject header (subject_file); the
        // negative cases are replies, so they travel with a reply's subject.
        const subject = entry.subject_file
          ? (await readFile(path.join(folder, entry.subject_file), 'utf8')).trim()
          : entry.expect.forwarded ? 'Fwd: Integer consequat non purus' : 'Re: Integer consequat non purus';
        const raw = wrapForwardedBody(body, subject);
        const mail = await withTimeout(parseMail(testDb.db, store, Readable.from([raw]), settings), entry.body_file);
        if (entry.expect.forwarded) {
          positives++;
          if (mail.forwarded?.from?.address === 'john.doe@acme.com') found++;
          else missed.push(entry.body_file);
        } else {
          negatives++;
          if (mail.forwarded) falsePositives++;
        }
      }
      const rate = found / positives;
      console.info(
        `[mail-corpus] forwards: ${found}/${positives} (${(rate * 100).toFixed(1)} %) give john.doe@acme.com; ` +
          `${falsePositives}/${negatives} non-forwards taken as forwards; missed: ${missed.join(', ') || 'none'}`,
      );
      expect(rate).toBeGreaterThanOrEqual(MIN_FORWARD_RATE);
      expect(falsePositives).toBe(0); // measured: the four replies are not taken as forwards
    }, 60_000);
  });
}
