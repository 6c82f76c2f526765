import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { getDocument } from '../../domain/documents/get-document.ts';
import { issueDocumentFromContact } from '../../domain/documents/issue-document-from-contact.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import { isAppError } from '../../errors.ts';
import { DocumentPage, type Seller } from '../../../views/pages/document.tsx';
import { renderContactPage } from '../contact-page.tsx';
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

  app.get('/documents/:id', async (c) => {
    const document = await getDocument(deps.db, pathId(c.req.param('id'), 'Document'));
    return c.html(<DocumentPage {...panel(c).layout} document={document} seller={deps.seller} />);
  });

  return app;
}
