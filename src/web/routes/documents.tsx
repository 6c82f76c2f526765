import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { getDocument } from '../../domain/documents/get-document.ts';
import { issueDocumentFromContact } from '../../domain/documents/issue-document-from-contact.ts';
import { listCompanyDocuments } from '../../domain/documents/list-company-documents.ts';
import { linkDocument } from '../../domain/items/link-document.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { isAppError, notFound } from '../../errors.ts';
import { DocumentPage, type Seller } from '../../../views/pages/document.tsx';
import { CompanyDocumentOptions } from '../../../views/partials/timeline.tsx';
import { renderContactPage, renderTimeline } from '../contact-page.tsx';
import { fieldMessages, formFields, panel, pathId } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';

export function documentRoutes(deps: { db: Db; settings: DomainSettings; seller: Seller }) {
  const app = new Hono<PanelEnv>();
  app.use('/documents/*', requireSignIn);

  /** Issues a document from the contact's sales subject and opens its print view. */
  app.post('/contacts/:id/documents', requireSignIn, async (c) => {
    const p = panel(c);
    const contactId = pathId(c.req.param('id'), 'Contact');
    const form = await formFields(c);
    try {
      const document = await issueDocumentFromContact(deps.db, p.actor, { contactId, kindCode: form.kindCode ?? '' }, deps.settings);
      return c.redirect(`/documents/${document.id}`, 303);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(await renderContactPage(deps.db, contactId, p.layout, fieldMessages(error)), 422);
    }
  });

  /** The documents of the contact's company of one kind: the second select of "link a document". */
  app.get('/contacts/:id/document-options', requireSignIn, async (c) => {
    const p = panel(c);
    const contactId = pathId(c.req.param('id'), 'Contact');
    const contact = await deps.db.contact.findUnique({ where: { id: contactId }, select: { companyId: true } });
    if (!contact) throw notFound('Contact', contactId);
    const kindCode = c.req.query('kindCode') ?? '';
    const documents = kindCode ? await listCompanyDocuments(deps.db, { companyId: contact.companyId, kindCode, limit: 200 }) : [];
    return c.html(<CompanyDocumentOptions t={p.t} documents={documents} kindChosen={kindCode !== ''} />);
  });

  /** Puts an existing document of the contact's company on its timeline. */
  app.post('/contacts/:id/document-links', requireSignIn, async (c) => {
    const p = panel(c);
    const contactId = pathId(c.req.param('id'), 'Contact');
    const form = await formFields(c);
    try {
      await linkDocument(deps.db, p.actor, { contactId, documentId: form.documentId ?? '' });
    } catch (error) {
      const status = isAppError(error, 'VALIDATION') ? 422 : isAppError(error, 'CONFLICT') ? 409 : null;
      if (!status || !isAppError(error)) throw error;
      const message = status === 422 ? fieldMessages(error) : error.message;
      if (!c.req.header('HX-Request')) return c.text(message, status);
      return c.html(await renderTimeline(deps.db, contactId, p, message), status);
    }
    if (!c.req.header('HX-Request')) return c.redirect(`/contacts/${contactId}`, 303);
    return c.html(await renderTimeline(deps.db, contactId, p));
  });

  /** The print view; the amount in words is shown unless ?words=0. */
  app.get('/documents/:id', async (c) => {
    const document = await getDocument(deps.db, pathId(c.req.param('id'), 'Document'));
    return c.html(<DocumentPage {...panel(c).layout} document={document} seller={deps.seller} amountInWords={c.req.query('words') !== '0'} />);
  });

  return app;
}
