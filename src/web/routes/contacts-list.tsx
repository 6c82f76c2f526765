// The contacts list: search as you type, filters, quick views and keyset pages.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { searchContacts } from '../../domain/contacts/search-contacts.ts';
import { ContactsListPage, type ContactsFilter } from '../../../views/pages/contacts-list.tsx';
import { ContactRows } from '../../../views/partials/contact-rows.tsx';
import { panel } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';

export function contactsListRoutes(deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  app.use('/contacts', requireSignIn);

  app.get('/contacts', async (c) => {
    const p = panel(c);
    const q = c.req.query();
    const filter: ContactsFilter = { q: q.q, status: q.status, priority: q.priority, view: q.view, sort: q.sort };
    const view = q.view;
    const result = await searchContacts(deps.db, {
      q: q.q || undefined,
      status: view === 'high' ? 'open' : q.status === 'open' || q.status === 'closed' ? q.status : undefined,
      priority: view === 'high' ? 'high' : q.priority === 'high' || q.priority === 'normal' || q.priority === 'low' ? q.priority : undefined,
      ownerId: view === 'mine' ? p.employeeId : undefined,
      overdue: view === 'overdue' || undefined,
      sort: q.sort === 'due' ? 'due' : 'recent',
      cursor: q.cursor || null,
    });
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'cursor' && v));
    const nextUrl = result.nextCursor ? `/contacts?${params.toString()}${params.size ? '&' : ''}cursor=${result.nextCursor}` : null;
    const now = new Date();
    // htmx swaps only the rows (search as you type); a normal request gets the whole page.
    if (c.req.header('HX-Request') && !c.req.header('HX-Boosted')) {
      return c.html(<ContactRows t={p.t} contacts={result.contacts} nextUrl={nextUrl} now={now} />);
    }
    return c.html(<ContactsListPage {...p.layout} filter={filter} contacts={result.contacts} nextUrl={nextUrl} now={now} />);
  });

  return app;
}
