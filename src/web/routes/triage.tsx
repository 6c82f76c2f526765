// Triage: e-mails the ingester could not place (admins): assign, create a contact, or discard;
// quarantined and ignored messages in their own tabs with the reasons. The message body is
// served under /files/ (the empty-sandbox CSP of app.tsx) and shown only in a sandboxed frame.
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import type { Db } from '../../db.ts';
import type { FileStore } from '../../domain/files/index.ts';
import { openFile } from '../../domain/files/index.ts';
import { assignMail } from '../../domain/mail/assign-mail.ts';
import { createContactFromMail } from '../../domain/mail/create-contact-from-mail.ts';
import { discardMail } from '../../domain/mail/discard-mail.ts';
import { getMail, readMailForDisplay } from '../../domain/mail/get-mail.ts';
import { listTriage } from '../../domain/mail/list-triage.ts';
import type { MailParser } from '../../domain/mail/mail-parser.ts';
import { DEFAULT_MAIL_SETTINGS, type IngestSettings } from '../../domain/mail/mail-settings.ts';
import { readMailAttachment } from '../../domain/mail/read-mail-attachment.ts';
import { rerouteMail } from '../../domain/mail/reroute-mail.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { isAppError } from '../../errors.ts';
import { SanitizedEmailDocument } from '../../../views/pages/email-preview.tsx';
import { TriageMailPage } from '../../../views/pages/triage-mail.tsx';
import { TriagePage } from '../../../views/pages/triage.tsx';
import { contentDisposition } from './files.tsx';
import { fieldMessages, formFields, panel, pathId } from '../panel-context.ts';
import { requireAdmin, requireSignIn, type PanelEnv } from '../security.ts';

export type TriageDeps = {
  db: Db;
  fileStore: FileStore;
  settings: DomainSettings;
  /** Allowed forwarder domains, fax gateways, limits (default: DEFAULT_MAIL_SETTINGS). */
  mailSettings?: IngestSettings;
  /** The mail parser (default parseMail); tests pass their own. */
  parse?: MailParser;
};

const FRAME_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=0, must-revalidate', 'Referrer-Policy': 'no-referrer' };

export function triageRoutes(deps: TriageDeps) {
  const app = new Hono<PanelEnv>();
  const mailSettings: IngestSettings = { ...(deps.mailSettings ?? DEFAULT_MAIL_SETTINGS), domain: deps.settings };
  for (const path of ['/triage', '/triage/*', '/files/mail/*']) app.use(path, requireSignIn, requireAdmin);

  app.get('/triage', async (c) => {
    const q = c.req.query('q') ?? '';
    const list = await listTriage(deps.db, { status: (c.req.query('status') || undefined) as 'unmatched' | undefined, q: q || undefined, before: c.req.query('before') || undefined });
    return c.html(<TriagePage {...panel(c).layout} list={list} q={q} />);
  });

  const detail = async (c: Context<PanelEnv>, id: number, error?: string) => {
    const [mail, display, companies] = await Promise.all([
      getMail(deps.db, id),
      readMailForDisplay(deps.db, deps.fileStore, id),
      deps.db.company.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 1000 }),
    ]);
    return <TriageMailPage {...panel(c).layout} mail={mail} email={display.email} problem={display.problem} companies={companies} error={error} />;
  };

  app.get('/triage/:id', async (c) => c.html(await detail(c, pathId(c.req.param('id'), 'E-mail'))));

  /** Runs a triage action; a refused one (validation, unknown contact, conflict) is shown on the page. */
  const act = (run: (c: Context<PanelEnv>, id: number, form: Record<string, string>) => Promise<unknown>) => async (c: Context<PanelEnv>) => {
    const id = pathId(c.req.param('id') ?? '', 'E-mail');
    const form = await formFields(c);
    try {
      await run(c, id, form);
    } catch (error) {
      if (!isAppError(error) || !['VALIDATION', 'NOT_FOUND', 'CONFLICT'].includes(error.code)) throw error;
      const message = error.code === 'VALIDATION' ? fieldMessages(error) : error.message;
      await getMail(deps.db, id); // a missing message stays a 404
      return c.html(await detail(c, id, message), error.code === 'CONFLICT' ? 409 : 422);
    }
    return c.redirect(`/triage/${id}`, 303);
  };

  app.post('/triage/:id/assign', act((c, id, f) =>
    assignMail(deps.db, deps.fileStore, panel(c).actor, { mailMessageId: id, contact: f.contactId ? pathId(f.contactId, 'Contact') : (f.contact ?? '') }, mailSettings, deps.parse)));
  app.post('/triage/:id/create-contact', act((c, id, f) =>
    createContactFromMail(deps.db, deps.fileStore, panel(c).actor, { mailMessageId: id, companyId: f.companyId || undefined, title: f.title || undefined }, mailSettings, deps.parse)));
  app.post('/triage/:id/discard', act((c, id, f) => discardMail(deps.db, panel(c).actor, { mailMessageId: id, note: f.note || undefined })));
  app.post('/triage/:id/reroute', act((c, id) => rerouteMail(deps.db, deps.fileStore, panel(c).actor, id, mailSettings, { parse: deps.parse })));

  /** The frame's document: the sanitized HTML body only, under /files/ (empty sandbox, no scripts). */
  app.get('/files/mail/:id/body', async (c) => {
    const { email } = await readMailForDisplay(deps.db, deps.fileStore, pathId(c.req.param('id'), 'E-mail'));
    for (const [k, v] of Object.entries(FRAME_HEADERS)) c.header(k, v);
    return c.html(<SanitizedEmailDocument untrustedHtml={email?.html ?? ''} />);
  });

  /** The raw RFC 822 source, always downloadable (even when over the limits). */
  app.get('/files/mail/:id/raw', async (c) => {
    const mail = await getMail(deps.db, pathId(c.req.param('id'), 'E-mail'));
    const stream = await openFile(deps.fileStore, mail.rawFile.sha256);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: { 'Content-Type': 'message/rfc822', 'Content-Length': String(mail.rawFile.size), 'Content-Disposition': contentDisposition('attachment', `message-${mail.id}.eml`), ...FRAME_HEADERS },
    });
  });

  app.get('/files/mail/:id/attachments/:n', async (c) => {
    const n = Number(c.req.param('n'));
    const attachment = await readMailAttachment(deps.db, deps.fileStore, pathId(c.req.param('id'), 'E-mail'), Number.isSafeInteger(n) && n >= 0 ? n : -1);
    return c.body(new Uint8Array(attachment.content), 200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': contentDisposition('attachment', attachment.fileName), ...FRAME_HEADERS });
  });

  return app;
}
