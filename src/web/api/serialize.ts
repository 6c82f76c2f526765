// Domain results → the JSON shapes of schemas.ts. Typed against the schemas, so the document and
// the answers agree at compile time; only listed fields go out (no search columns, no hashes).
import type { z } from 'zod';
import type { Company } from '../../generated/prisma/client.ts';
import type { ContactSummary } from '../../domain/contacts/search-contacts.ts';
import type { getContact } from '../../domain/contacts/get-contact.ts';
import type { TimelineItem } from '../../domain/items/list-items.ts';
import type * as s from './schemas.ts';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function contactSummaryJson(c: ContactSummary): z.output<typeof s.contactSummary> {
  return {
    id: c.id, number: c.number, title: c.title, status: c.status, priority: c.priority, dueAt: isoOrNull(c.dueAt),
    registeredAt: iso(c.registeredAt), outcome: c.outcome, version: c.version,
    company: { id: c.companyId, name: c.companyName }, personName: c.personName,
    owner: c.ownerId !== null ? { id: c.ownerId, name: c.ownerName ?? '' } : null, kindName: c.kindName,
  };
}

export function itemJson(i: TimelineItem): z.output<typeof s.item> {
  return {
    id: i.id, contactId: i.contactId, type: i.type, occurredAt: iso(i.occurredAt), text: i.text, noteKind: i.noteKind,
    author: i.author, assignee: i.assignee, source: i.source, sourceRef: i.sourceRef, dueAt: isoOrNull(i.dueAt),
    doneAt: isoOrNull(i.doneAt), createdAt: iso(i.createdAt),
    document: i.document ? { ...i.document, grossTotal: i.document.grossTotal.toFixed(2) } : null,
    versions: i.versions.map((v) => ({ id: v.id, version: v.version, fileName: v.fileName, createdAt: iso(v.createdAt), ...v.storedFile })),
  };
}

export function contactDetailJson(c: Awaited<ReturnType<typeof getContact>>): z.output<typeof s.contactDetail> {
  return {
    id: c.id, number: c.number, title: c.title, description: c.description, externalNumber: c.externalNumber,
    status: c.status, outcome: c.outcome, priority: c.priority, registeredAt: iso(c.registeredAt), dueAt: isoOrNull(c.dueAt),
    closedAt: isoOrNull(c.closedAt), snoozedUntil: isoOrNull(c.snoozedUntil), expectedCloseAt: dateOnly(c.expectedCloseAt),
    probability: c.probability, effectiveProbability: c.effectiveProbability, restrictToSalesLines: c.restrictToSalesLines,
    version: c.version, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt),
    company: c.company,
    person: c.person,
    owner: c.owner ? { id: c.owner.id, name: c.owner.name, email: c.owner.email } : null,
    kind: c.kind ? { id: c.kind.id, name: c.kind.name } : null,
    salesLines: c.salesLines.map((l) => ({
      id: l.id,
      article: { id: l.article.id, code: l.article.code, name: l.article.name, unit: l.article.unit, vatRate: l.article.vatRate },
      quantity: l.quantity.toString(), unitNetPrice: l.unitNetPrice.toFixed(2), netValue: l.netValue, paymentForm: l.paymentForm, note: l.note,
    })),
    salesNetTotal: c.salesNetTotal,
    items: c.items.map(itemJson),
    nextItemsCursor: c.nextItemsCursor,
  };
}

export function companyJson(c: Company): z.output<typeof s.company> {
  return {
    id: c.id, name: c.name, code: c.code, kind: c.kind, nip: c.nip, emailDomains: c.emailDomains, phone: c.phone, fax: c.fax,
    street: c.street, postalCode: c.postalCode, city: c.city, country: c.country, active: c.active,
  };
}
