// Multipart uploads for the panel and the API, streamed part by part into the file store: a file
// is never held whole in memory.
import { PassThrough, Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '../errors.ts';

export const MAX_FILES_PER_UPLOAD = 20;

/**
 * Refuses a declared Content-Length above what an upload may hold (413 before reading). A
 * chunked body is not buffered to measure it: busboy's limits (files × file size) bound it as it
 * streams. (Hono's bodyLimit would buffer a chunked body whole, so uploads do not use it.)
 */
export function assertUploadLength(headers: Headers, maxFileBytes: number) {
  const declared = Number(headers.get('content-length') ?? 0);
  if (declared > maxFileBytes * MAX_FILES_PER_UPLOAD + 1024 * 1024) throw new AppError('TOO_LARGE', 'Upload too large');
}

/** Streams each file part into onFile, one after another; settles when the body is read. */
export function receiveFiles(body: ReadableStream<Uint8Array>, contentType: string, maxFileBytes: number, onFile: (stream: Readable, fileName: string) => Promise<unknown>) {
  return new Promise<PromiseSettledResult<unknown>[]>((resolve, reject) => {
    const parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8', // browsers send UTF-8 file names ("Oferta – Żółw.docx")
      limits: { files: MAX_FILES_PER_UPLOAD, fileSize: maxFileBytes + 1, fields: 20, fieldSize: 10_000 },
    });
    const jobs: Promise<unknown>[] = [];
    parser.on('file', (_field, stream, info) => {
      if (!info.filename) return void stream.resume();
      // The store reads a pass-through: when it gives up (too large) and destroys its input, the
      // part is only unpiped and drained, and the parser goes on to the next part.
      const part = new PassThrough();
      part.on('error', () => {});
      stream.pipe(part);
      jobs.push(
        onFile(part, info.filename).catch((error: unknown) => {
          stream.unpipe(part);
          stream.resume();
          throw error;
        }),
      );
    });
    parser.on('filesLimit', () => jobs.push(Promise.reject(new AppError('TOO_LARGE', `At most ${MAX_FILES_PER_UPLOAD} files at once`))));
    parser.on('error', reject);
    parser.on('close', () => void Promise.allSettled(jobs).then(resolve));
    Readable.fromWeb(body as import('node:stream/web').ReadableStream).on('error', reject).pipe(parser);
  });
}
