import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import { listItems } from '../items/list-items.ts';
import { listSalesLines } from '../sales-lines/list-sales-lines.ts';
import { contactInclude } from './contact-fields.ts';

/** A contact with its sales subject (valued) and the newest items of its timeline. */
export async function getContact(db: Db, id: number, options: { items?: number } = {}) {
  const [contact, salesSubject, timeline] = await Promise.all([
    // The search columns are large and never shown: leave them in the database.
    db.contact.findUnique({ where: { id }, include: contactInclude, omit: { searchText: true, itemWords: true } }),
    listSalesLines(db, id),
    listItems(db, { contactId: id, limit: options.items ?? 50 })
  ]);
  if (!contact) throw notFound('Contact', id);
  return {
    ...contact,
    /** The contact's own probability, else its kind's default. */
    effectiveProbability: contact.probability ?? contact.kind?.defaultProbability ?? null,
    salesLines: salesSubject.lines,
    salesNetTotal: salesSubject.netTotal,
    items: timeline.items,
    nextItemsCursor: timeline.nextCursor,
  };
}
