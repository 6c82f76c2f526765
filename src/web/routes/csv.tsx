// CSV import and export of companies, people and contacts. Exports stream page by page; imports
// are read from the multipart body (size-capped) and checked or written by the domain.
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from '../../db.ts';
import { CSV_ENTITIES, type CsvEntity } from '../../domain/csv/csv-columns.ts';
import { CSV_ENCODINGS, CSV_SEPARATORS, type CsvEncoding, type CsvSeparator } from '../../domain/csv/csv-format.ts';
import { exportCsv } from '../../domain/csv/export-csv.ts';
import { importCsv, MAX_CSV_BYTES } from '../../domain/csv/import-csv.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { AppError, isAppError } from '../../errors.ts';
import { CsvPage, type CsvImportChoice } from '../../../views/pages/csv.tsx';
import { panel } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';
import { contactsFilter, contactsSearchInput } from './contacts-list.tsx';

const MAX_MB = MAX_CSV_BYTES / 1024 / 1024;
const oneOf = <T extends string>(list: readonly T[], value: string | undefined, fallback: T): T => ((list as readonly string[]).includes(value ?? '') ? (value as T) : fallback);

type Upload = { fields: Record<string, string>; file: Buffer | null; tooLarge: boolean };

/** Reads the form's fields and its one file into memory, refusing more than MAX_CSV_BYTES. */
function receiveUpload(body: ReadableStream<Uint8Array>, contentType: string): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const upload: Upload = { fields: {}, file: null, tooLarge: false };
    const parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: MAX_CSV_BYTES, fields: 10, fieldSize: 1000 } });
    parser.on('field', (name, value) => (upload.fields[name] = value));
    parser.on('file', (_name, stream, info) => {
      if (!info.filename) return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (upload.tooLarge = true));
      stream.on('end', () => (upload.file = Buffer.concat(chunks)));
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(upload));
    Readable.fromWeb(body as import('node:stream/web').ReadableStream).on('error', reject).pipe(parser);
  });
}

export function csvRoutes(deps: { db: Db; settings: DomainSettings }) {
  const app = new Hono<PanelEnv>();
  for (const path of ['/csv', '/csv/*']) app.use(path, requireSignIn);
  // Needs app.tsx to let /csv/import past its 1 MB form limit to take effect beyond 1 MB.
  const uploadLimit = bodyLimit({ maxSize: MAX_CSV_BYTES + 64 * 1024, onError: (c) => c.text('Upload too large', 413) });
  const defaultChoice: CsvImportChoice = { entity: 'companies', encoding: 'auto', separator: 'auto' };

  app.get('/csv', (c) => {
    const p = panel(c);
    const entity = oneOf(CSV_ENTITIES, c.req.query('entity'), 'companies');
    return c.html(<CsvPage {...p.layout} choice={{ ...defaultChoice, entity }} maxMb={MAX_MB} />);
  });

  /** /csv/export/companies.csv, people.csv, contacts.csv (the last honours the contacts list's filter). */
  app.get('/csv/export/:file', (c) => {
    const p = panel(c);
    const match = /^(companies|people|contacts)\.csv$/.exec(c.req.param('file'));
    if (!match) return c.notFound();
    const entity = match[1] as CsvEntity;
    const encoding: CsvEncoding = oneOf(CSV_ENCODINGS, c.req.query('encoding'), 'utf-8');
    const separator: CsvSeparator = oneOf(CSV_SEPARATORS, c.req.query('separator'), ';');
    const filter = entity === 'contacts' ? contactsSearchInput(contactsFilter(c.req.query()), { employeeId: p.employeeId, timeZone: p.t.timeZone }) : undefined;
    const chunks = exportCsv(deps.db, { entity, encoding, separator, language: p.t.locale, filter });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(Readable.toWeb(Readable.from(chunks)) as ReadableStream, {
      headers: {
        'Content-Type': `text/csv; charset=${encoding}`,
        'Content-Disposition': `attachment; filename="${entity}-${date}.csv"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    });
  });

  app.post('/csv/import', uploadLimit, async (c) => {
    const p = panel(c);
    const contentType = c.req.header('Content-Type') ?? '';
    if (!contentType.startsWith('multipart/form-data') || !c.req.raw.body) return c.text('Send the file as multipart/form-data', 415);
    const upload = await receiveUpload(c.req.raw.body, contentType);
    const choice: CsvImportChoice = {
      entity: oneOf(CSV_ENTITIES, upload.fields.entity, 'companies'),
      encoding: oneOf([...CSV_ENCODINGS, 'auto'] as const, upload.fields.encoding, 'auto'),
      separator: oneOf([...CSV_SEPARATORS, 'auto'] as const, upload.fields.separator, 'auto'),
    };
    const page = (status: 200 | 413 | 422, extra: { result?: Awaited<ReturnType<typeof importCsv>>; error?: string }) =>
      c.html(<CsvPage {...p.layout} choice={choice} maxMb={MAX_MB} {...extra} />, status);
    if (upload.tooLarge) return page(413, { error: new AppError('TOO_LARGE', `The file is larger than ${MAX_MB} MB`).message });
    if (!upload.file || upload.file.length === 0) return page(422, { error: p.t('csvNoFile') });
    try {
      const result = await importCsv(deps.db, p.actor, { ...choice, data: upload.file, dryRun: upload.fields.mode !== 'import' }, deps.settings);
      return page(result.errors.length ? 422 : 200, { result });
    } catch (error) {
      if (!isAppError(error, 'VALIDATION') && !isAppError(error, 'TOO_LARGE')) throw error;
      return page(422, { error: error.message });
    }
  });

  return app;
}
