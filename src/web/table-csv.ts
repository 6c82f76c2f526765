// "Export CSV" of a dashboard table: the same rows the page shows, as a download in UTF-8 (with
// a BOM, `;`) or windows-1250 with semicolons for Polish Excel (`?encoding=windows-1250`).
import type { Context } from 'hono';
import { CSV_ENCODINGS, encodeCsv, type CsvEncoding } from '../domain/csv/csv-format.ts';

/** The encoding a request asks for (`encoding=windows-1250`), UTF-8 otherwise. */
const csvEncodingOf = (c: Context): CsvEncoding => {
  const asked = c.req.query('encoding');
  return (CSV_ENCODINGS as readonly string[]).includes(asked ?? '') ? (asked as CsvEncoding) : 'utf-8';
};

/** Answers with `records` (header first) as a CSV attachment named `fileName` (without extension). */
export function csvDownload(c: Context, fileName: string, records: string[][]): Response {
  const encoding = csvEncodingOf(c);
  const bytes = encodeCsv(records, { encoding, separator: ';', withBom: true });
  const safe = fileName.replace(/[^\w.-]+/g, '-');
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': `text/csv; charset=${encoding}`,
    'Content-Disposition': `attachment; filename="${safe}.csv"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
}

/** The links to a page's table as CSV, in both encodings. */
export const csvLinks = (path: string, query: URLSearchParams) => {
  const at = (encoding: CsvEncoding) => {
    const q = new URLSearchParams(query);
    q.set('format', 'csv');
    q.set('encoding', encoding);
    return `${path}?${q.toString()}`;
  };
  return { utf8: at('utf-8'), win1250: at('windows-1250') };
};
