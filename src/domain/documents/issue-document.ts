import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { validation } from '../../errors.ts';
import { assignDocumentNumber, calendarParts, documentNumbering, pendingNumber } from '../numbering/next-number.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import { calendarDate, decimal, id, optionalId, text } from '../shared/schemas.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';
import { VAT_RATES } from '../articles/vat-rates.ts';
import { documentTotals, formatGrosze } from './totals.ts';
import { insertItem } from '../items/insert-item.ts';

const documentLineInput = z.object({
  articleId: id,
  quantity: decimal(3, { min: 0.001 }),
  /** Defaults to the article's list price. */
  unitNetPrice: decimal(2, { min: 0 }).optional(),
  /** Defaults to the article's VAT rate. */
  vatRate: z.enum(VAT_RATES).optional(),
});

const issueDocumentInput = z.object({
  kindCode: z.string().trim().min(1),
  companyId: id,
  contactId: optionalId,
  issueDate: calendarDate.optional(),
  paymentFormId: optionalId,
  dueDate: calendarDate.nullable().optional(),
  status: z.enum(['draft', 'issued']).default('issued'),
  notes: text(5000).default(''),
  lines: z.array(documentLineInput).min(1, 'a document needs at least one line').max(500),
});
export type IssueDocumentInput = z.input<typeof issueDocumentInput>;

export function today(timeZone: string): Date {
  const { year, month, day } = calendarParts(new Date(), timeZone);
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * Issues a sales document with the next number of its kind and month. With a contact, the
 * document must be for the contact's company, a contact that restricts to its sales subject
 * refuses other articles, and the document appears on the contact's timeline.
 */
export async function issueDocument(db: Db | Tx, actor: Actor, input: IssueDocumentInput, settings: DomainSettings = DEFAULT_SETTINGS) {
  const data = parseInput(issueDocumentInput, input);
  const issueDate = data.issueDate ?? today(settings.timeZone);
  return inTransaction(db, async (tx) => {
    const kind = await tx.documentKind.findUnique({ where: { code: data.kindCode } });
    const company = await tx.company.findUnique({ where: { id: data.companyId }, select: { id: true, name: true } });
    const contact = data.contactId
      ? await tx.contact.findUnique({
          where: { id: data.contactId },
          select: { id: true, number: true, companyId: true, restrictToSalesLines: true, salesLines: { select: { articleId: true } } },
        })
      : null;
    const paymentForm = await (data.paymentFormId ? tx.paymentForm.findUnique({ where: { id: data.paymentFormId } }) : null);
    const articles = await tx.article.findMany({ where: { id: { in: data.lines.map((l) => l.articleId) } } });
    const fields: Record<string, string> = {};
    if (!kind) fields.kindCode = `unknown document kind ${data.kindCode}`;
    if (!company) fields.companyId = `company ${data.companyId} does not exist`;
    if (data.contactId && !contact) fields.contactId = `contact ${data.contactId} does not exist`;
    if (contact && company && contact.companyId !== company.id) fields.companyId = `contact ${contact.number} belongs to another company`;
    if (data.paymentFormId && !paymentForm) fields.paymentFormId = `payment form ${data.paymentFormId} does not exist`;
    const articleById = new Map(articles.map((a) => [a.id, a]));
    const allowed = contact?.restrictToSalesLines ? new Set(contact.salesLines.map((l) => l.articleId)) : null;
    data.lines.forEach((line, i) => {
      const article = articleById.get(line.articleId);
      if (!article) fields[`lines.${i}.articleId`] = `article ${line.articleId} does not exist`;
      else if (allowed && !allowed.has(article.id)) {
        fields[`lines.${i}.articleId`] = `${article.code} is not in the sales subject of ${contact!.number}, which allows only its own articles`;
      }
    });
    if (Object.keys(fields).length) throw validation(fields);

    const lines = data.lines.map((line, i) => {
      const article = articleById.get(line.articleId)!;
      return {
        position: i + 1,
        articleId: article.id,
        name: article.name,
        unit: article.unit,
        quantity: line.quantity,
        unitNetPrice: line.unitNetPrice ?? article.listNetPrice.toFixed(2),
        vatRate: line.vatRate ?? article.vatRate,
      };
    });
    const totals = documentTotals(lines);
    const dueDate =
      data.dueDate !== undefined ? data.dueDate : paymentForm ? new Date(issueDate.getTime() + paymentForm.days * 86_400_000) : null;
    const document = await tx.document.create({
      data: {
        kindCode: kind!.code,
        number: pendingNumber(),
        companyId: company!.id,
        contactId: contact?.id ?? null,
        issueDate,
        dueDate,
        paymentFormId: paymentForm?.id ?? null,
        status: data.status,
        notes: data.notes,
        createdById: actor.employeeId,
        netTotal: formatGrosze(totals.net),
        vatTotal: formatGrosze(totals.vat),
        grossTotal: formatGrosze(totals.gross),
        lines: {
          create: lines.map((line, i) => ({
            ...line,
            net: formatGrosze(totals.lines[i]!.net),
            vat: formatGrosze(totals.lines[i]!.vat),
            gross: formatGrosze(totals.lines[i]!.gross),
          })),
        },
      },
      include: { lines: { orderBy: { position: 'asc' } }, kind: true },
    });
    // Documents are issued rarely compared with contacts, so the item and history entry may
    // follow the numbering statement (holding its lock a little longer) to show the number.
    const number = await assignDocumentNumber(tx, document.id, documentNumbering(kind!.prefix, issueDate, settings.timeZone));
    if (contact) {
      await insertItem(tx, actor, {
        data: { contactId: contact.id, type: 'document', documentId: document.id, text: `${kind!.namePl} ${number}`, searchText: foldText(number, kind!.namePl, kind!.nameEn) },
        action: 'document issued',
        changes: [{ field: 'document', old: null, new: `${number} (${formatGrosze(totals.gross)} PLN gross)` }],
      });
    }
    return { ...document, number };
  });
}
