import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound, validation } from '../../errors.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { issueDocument, type IssueDocumentInput } from './issue-document.ts';

const fromContactInput = z.object({ contactId: id }).passthrough();

/**
 * Issues a document from a contact: the company, the lines (quantity and negotiated price) and
 * the payment form come from its sales subject unless given.
 */
export async function issueDocumentFromContact(
  db: Db | Tx,
  actor: Actor,
  input: { contactId: number; kindCode: string } & Partial<Omit<IssueDocumentInput, 'contactId' | 'companyId' | 'kindCode'>>,
  settings: DomainSettings = DEFAULT_SETTINGS,
) {
  const { contactId } = parseInput(fromContactInput, input);
  return inTransaction(db, async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: contactId },
      select: { id: true, companyId: true, salesLines: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
    });
    if (!contact) throw notFound('Contact', contactId);
    const lines =
      input.lines ??
      contact.salesLines.map((l) => ({ articleId: l.articleId, quantity: l.quantity.toFixed(3), unitNetPrice: l.unitNetPrice.toFixed(2) }));
    if (lines.length === 0) throw validation({ lines: 'the contact has no sales subject; add lines or articles first' });
    return issueDocument(
      tx,
      actor,
      {
        ...input,
        contactId,
        companyId: contact.companyId,
        lines,
        paymentFormId: input.paymentFormId ?? contact.salesLines.find((l) => l.paymentFormId)?.paymentFormId ?? null,
      },
      settings,
    );
  });
}
