import { describe, expect, it } from 'vitest';
import { getDocument } from '../../src/domain/documents/get-document.ts';
import { issueDocument } from '../../src/domain/documents/issue-document.ts';
import { issueDocumentFromContact } from '../../src/domain/documents/issue-document-from-contact.ts';
import { listCompanyDocuments } from '../../src/domain/documents/list-company-documents.ts';
import { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import { linkDocument } from '../../src/domain/items/link-document.ts';
import { listItems } from '../../src/domain/items/list-items.ts';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';
import { listSalesLines } from '../../src/domain/sales-lines/list-sales-lines.ts';
import { removeSalesLine } from '../../src/domain/sales-lines/remove-sales-line.ts';
import { updateSalesLine } from '../../src/domain/sales-lines/update-sales-line.ts';
import { AppError } from '../../src/errors.ts';
import { useTestDb } from '../helpers/db.ts';
import { makeArticle, makeCompany, makeContact, makeEmployee, makePaymentForm, actorFor } from '../factories/index.ts';

const t = useTestDb();

describe('sales subject', () => {
  it('adds lines at the list price unless negotiated, values them, records history', async () => {
    const { contact, actor } = await makeContact(t.db);
    const desk = await makeArticle(t.db, { name: 'Biurko', listNetPrice: '1299.99' });
    const chair = await makeArticle(t.db, { name: 'Fotel', listNetPrice: '450.00' });
    const line = await addSalesLine(t.db, actor, { contactId: contact.id, articleId: desk.id, quantity: '3' });
    expect(line.unitNetPrice.toFixed(2)).toBe('1299.99');
    const second = await addSalesLine(t.db, actor, { contactId: contact.id, articleId: chair.id, quantity: '2,5', unitNetPrice: '399.5' });
    await updateSalesLine(t.db, actor, { id: second.id, quantity: '4' });
    const subject = await listSalesLines(t.db, contact.id);
    expect(subject.lines.map((l) => l.netValue)).toEqual(['3899.97', '1598.00']);
    expect(subject.netTotal).toBe('5497.97');
    const history = await listContactHistory(t.db, contact.id);
    expect(history[0]).toMatchObject({ entity: 'sales_line', action: 'sales line updated', changes: [{ field: 'quantity', old: '2.5', new: '4' }] });
    await removeSalesLine(t.db, actor, { id: line.id });
    expect((await listSalesLines(t.db, contact.id)).netTotal).toBe('1598.00');
  });

  it('refuses a quantity with too many decimals and an unknown article', async () => {
    const { contact, actor } = await makeContact(t.db);
    const article = await makeArticle(t.db);
    await expect(addSalesLine(t.db, actor, { contactId: contact.id, articleId: article.id, quantity: '1.2345' })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { quantity: expect.stringContaining('3 decimals') } } });
    await expect(addSalesLine(t.db, actor, { contactId: contact.id, articleId: 999999, quantity: '1' })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { articleId: expect.any(String) } } });
  });
});

describe('documents', () => {
  it('issues an invoice from the sales subject: lines, payment form, due date, totals, timeline and history', async () => {
    const { contact, actor } = await makeContact(t.db, { restrictToSalesLines: true });
    const form = await makePaymentForm(t.db, 14);
    const desk = await makeArticle(t.db, { name: 'Biurko narożne', listNetPrice: '1000.00', vatRate: '23' });
    const book = await makeArticle(t.db, { name: 'Katalog', listNetPrice: '10.00', vatRate: '5', unit: 'szt.' });
    await addSalesLine(t.db, actor, { contactId: contact.id, articleId: desk.id, quantity: '2', unitNetPrice: '899.99', paymentFormId: form.id });
    await addSalesLine(t.db, actor, { contactId: contact.id, articleId: book.id, quantity: '3' });
    const invoice = await issueDocumentFromContact(t.db, actor, { contactId: contact.id, kindCode: 'invoice', issueDate: '2030-11-20' });
    expect(invoice.number).toBe('FV/2030/11/0001');
    expect(invoice.paymentFormId).toBe(form.id);
    expect(invoice.dueDate?.toISOString().slice(0, 10)).toBe('2030-12-04');
    expect(invoice.lines.map((l) => [l.name, l.quantity.toFixed(3), l.unitNetPrice.toFixed(2), l.vatRate, l.net.toFixed(2)])).toEqual([
      ['Biurko narożne', '2.000', '899.99', '23', '1799.98'],
      ['Katalog', '3.000', '10.00', '5', '30.00'],
    ]);
    // 1799.98 × 23 % = 413.9954 → 414.00; 30.00 × 5 % = 1.50
    expect([invoice.netTotal.toFixed(2), invoice.vatTotal.toFixed(2), invoice.grossTotal.toFixed(2)]).toEqual(['1829.98', '415.50', '2245.48']);
    const full = await getDocument(t.db, invoice.id);
    expect(full.vatSummary).toEqual([
      { vatRate: '23', net: '1799.98', vat: '414.00', gross: '2213.98' },
      { vatRate: '5', net: '30.00', vat: '1.50', gross: '31.50' },
    ]);
    const [item] = (await listItems(t.db, { contactId: contact.id })).items;
    expect(item).toMatchObject({ type: 'document', documentId: invoice.id });
    expect((await listContactHistory(t.db, contact.id))[0]).toMatchObject({ action: 'document issued' });
  });

  it('refuses an article outside the sales subject when the contact restricts to it, and allows it otherwise', async () => {
    const { contact, actor } = await makeContact(t.db, { restrictToSalesLines: true });
    const inSubject = await makeArticle(t.db);
    const outside = await makeArticle(t.db, { code: `OUT-${contact.id}` });
    await addSalesLine(t.db, actor, { contactId: contact.id, articleId: inSubject.id, quantity: '1' });
    const lines = [{ articleId: inSubject.id, quantity: '1' }, { articleId: outside.id, quantity: '1' }];
    const error = (await issueDocumentFromContact(t.db, actor, { contactId: contact.id, kindCode: 'goods_issue', lines }).catch((e) => e)) as AppError;
    expect(error.code).toBe('VALIDATION');
    expect(error.details.fields).toEqual({ 'lines.1.articleId': expect.stringContaining(`OUT-${contact.id} is not in the sales subject of ${contact.number}`) });
    expect(await t.db.document.count({ where: { contactId: contact.id } })).toBe(0);

    const { contact: free, actor: freeActor } = await makeContact(t.db, { restrictToSalesLines: false });
    const order = await issueDocumentFromContact(t.db, freeActor, { contactId: free.id, kindCode: 'customer_order', lines });
    expect(order.number).toMatch(/^ZK\/\d{4}\/\d{2}\/\d{4}$/);
  });

  it('gives 50 concurrent documents of one kind and month 50 gapless numbers', async () => {
    const owner = await makeEmployee(t.db);
    const company = await makeCompany(t.db);
    const article = await makeArticle(t.db);
    const docs = await Promise.all(
      Array.from({ length: 50 }, () =>
        issueDocument(t.db, actorFor(owner), { kindCode: 'goods_issue', companyId: company.id, issueDate: '2031-05-10', lines: [{ articleId: article.id, quantity: '1' }] }),
      ),
    );
    expect(docs.map((d) => d.number).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `WZ/2031/05/${String(i + 1).padStart(4, '0')}`));
    await t.db.numberSequence.update({ where: { scope: 'document:WZ:2031-05' }, data: { lastValue: 9999 } });
    const big = await issueDocument(t.db, actorFor(owner), { kindCode: 'goods_issue', companyId: company.id, issueDate: '2031-05-11', lines: [{ articleId: article.id, quantity: '1' }] });
    expect(big.number).toBe('WZ/2031/05/10000');
    const nextMonth = await issueDocument(t.db, actorFor(owner), { kindCode: 'goods_issue', companyId: company.id, issueDate: '2031-06-01', lines: [{ articleId: article.id, quantity: '1' }] });
    expect(nextMonth.number).toBe('WZ/2031/06/0001');
  });

  it('links an existing document of the same company once, and refuses another company\'s', async () => {
    const { contact, actor } = await makeContact(t.db);
    const article = await makeArticle(t.db);
    const own = await issueDocument(t.db, actor, { kindCode: 'invoice', companyId: contact.companyId, lines: [{ articleId: article.id, quantity: '1' }] });
    const foreign = await issueDocument(t.db, actor, { kindCode: 'invoice', companyId: (await makeCompany(t.db)).id, lines: [{ articleId: article.id, quantity: '1' }] });
    expect((await listCompanyDocuments(t.db, { companyId: contact.companyId, kindCode: 'invoice' })).map((d) => d.id)).toEqual([own.id]);
    const item = await linkDocument(t.db, actor, { contactId: contact.id, documentId: own.id });
    expect(item).toMatchObject({ type: 'document', documentId: own.id });
    await expect(linkDocument(t.db, actor, { contactId: contact.id, documentId: own.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(linkDocument(t.db, actor, { contactId: contact.id, documentId: foreign.id })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses an unknown kind and a document without lines', async () => {
    const company = await makeCompany(t.db);
    const owner = await makeEmployee(t.db);
    await expect(issueDocument(t.db, actorFor(owner), { kindCode: 'proforma', companyId: company.id, lines: [{ articleId: 1, quantity: '1' }] })).rejects.toMatchObject({ details: { fields: { kindCode: 'unknown document kind proforma' } } });
    await expect(issueDocument(t.db, actorFor(owner), { kindCode: 'invoice', companyId: company.id, lines: [] })).rejects.toMatchObject({ details: { fields: { lines: 'a document needs at least one line' } } });
  });
});
