// File items from the panel: uploads streamed from the multipart body straight into the file
// store (never held whole in memory), and downloads served as attachments.
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import type { FileStore } from '../../domain/files/index.ts';
import { addFile } from '../../domain/items/add-file.ts';
import { addFileVersion } from '../../domain/items/add-file-version.ts';
import { createWordDocument } from '../../domain/items/create-word-document.ts';
import { openFileVersion } from '../../domain/items/open-file-version.ts';
import { readEmailVersion } from '../../domain/items/read-email-version.ts';
import { AppError, isAppError, notFound, validation } from '../../errors.ts';
import { EmailPreviewPage, SanitizedEmailDocument } from '../../../views/pages/email-preview.tsx';
import { renderTimeline } from '../contact-page.tsx';
import { assertUploadLength, receiveFiles } from '../multipart.ts';
import { panel, pathId } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';


/** Types a browser may show in place without risk; everything else is only downloaded. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);

/** RFC 6266: an ASCII fallback plus the UTF-8 name (Polish letters survive). */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function fileRoutes(deps: { db: Db; store: FileStore }) {
  const app = new Hono<PanelEnv>();

  /**
   * Uploads files as new items, or with ?item= one file as the next version of that file item.
   * (The version upload shares this path because only it is exempt from the 1 MB form limit.)
   */
  app.post('/contacts/:id/files', requireSignIn, async (c) => {
    const p = panel(c);
    assertUploadLength(c.req.raw.headers, deps.store.maxFileBytes);
    const contactId = pathId(c.req.param('id'), 'Contact');
    const contentType = c.req.header('Content-Type') ?? '';
    if (!contentType.startsWith('multipart/form-data') || !c.req.raw.body) return c.text('Send the files as multipart/form-data', 415);
    const itemId = c.req.query('item') ? pathId(c.req.query('item')!, 'Item') : null;
    if (itemId !== null) {
      const item = await deps.db.item.findUnique({ where: { id: itemId }, select: { contactId: true } });
      if (!item || item.contactId !== contactId) throw notFound('Item', itemId);
    }
    let received = 0;
    const results = await receiveFiles(c.req.raw.body, contentType, deps.store.maxFileBytes, (stream, fileName) => {
      if (itemId === null) return addFile(deps.db, deps.store, p.actor, { contactId, file: { stream, fileName } });
      if (received++ > 0) return Promise.reject(validation({ file: 'one file per new version' }));
      return addFileVersion(deps.db, deps.store, p.actor, { itemId, file: { stream, fileName } });
    });
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    const unexpected = failures.find((e) => !isAppError(e));
    if (unexpected) throw unexpected;
    const message = failures.map((e) => (e as AppError).message).join('; ') || undefined;
    const status = failures.some((e) => isAppError(e, 'TOO_LARGE')) ? 413 : failures.length ? 422 : 200;
    if (!c.req.header('HX-Request')) return status === 200 ? c.redirect(`/contacts/${contactId}`, 303) : c.text(message ?? '', status);
    return c.html(await renderTimeline(deps.db, contactId, p, message), status === 413 ? 422 : status);
  });

  /** "New Word document": a .docx with the contact's header, filed as a new file item. */
  app.post('/contacts/:id/word-documents', requireSignIn, async (c) => {
    const p = panel(c);
    const contactId = pathId(c.req.param('id'), 'Contact');
    await createWordDocument(deps.db, deps.store, p.actor, { contactId, locale: p.t.locale, timeZone: p.t.timeZone });
    if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${contactId}`, 303);
    return c.html(await renderTimeline(deps.db, contactId, p));
  });

  /** An e-mail version shown as a page: headers, attachments, and the body in a sandboxed frame. */
  app.get('/emails/:versionId', requireSignIn, async (c) => {
    const p = panel(c);
    const found = await readEmailVersion(deps.db, deps.store, pathId(c.req.param('versionId'), 'File version'));
    return c.html(<EmailPreviewPage {...p.layout} versionId={found.versionId} fileName={found.fileName} email={found.email} contact={found.contact} />);
  });

  /**
   * The frame's document: the sanitized HTML body only. Under /files/ it gets the empty-sandbox
   * CSP from app.tsx (no scripts, no remote loads, no same origin), as every stored file does.
   */
  app.get('/files/:versionId/email', requireSignIn, async (c) => {
    const { email } = await readEmailVersion(deps.db, deps.store, pathId(c.req.param('versionId'), 'File version'));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, max-age=0, must-revalidate');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(<SanitizedEmailDocument untrustedHtml={email.html ?? ''} />);
  });

  app.get('/files/:versionId', requireSignIn, async (c) => {
    const file = await openFileVersion(deps.db, deps.store, pathId(c.req.param('versionId'), 'File version'));
    const inline = c.req.query('inline') === '1' && PREVIEWABLE.has(file.mimeType);
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        'Content-Type': file.mimeType.startsWith('text/') ? `${file.mimeType}; charset=utf-8` : file.mimeType,
        'Content-Length': String(file.size),
        'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.fileName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=0, must-revalidate',
      },
    });
  });

  return app;
}
