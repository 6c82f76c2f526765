// Replays the planned contacts through the domain functions, in the order things happened:
// contacts by registration (so numbers follow the calendar), then each timeline, documents by
// issue date (so document numbers do too), then the owners' changes, closings and reopenings.
// Everything the domain stamps with "now" is recorded with its planned time for backdate.ts.
import type { Tx } from '../../src/db.ts';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { reassignContact } from '../../src/domain/contacts/reassign-contact.ts';
import { reopenContact } from '../../src/domain/contacts/reopen-contact.ts';
import { updateContact } from '../../src/domain/contacts/update-contact.ts';
import { issueDocumentFromContact } from '../../src/domain/documents/issue-document-from-contact.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { editItem } from '../../src/domain/items/edit-item.ts';
import { linkDocument } from '../../src/domain/items/link-document.ts';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';
import { updateSalesLine } from '../../src/domain/sales-lines/update-sales-line.ts';
import { systemActor, type Actor } from '../../src/domain/shared/actor.ts';
import type { DomainSettings } from '../../src/domain/shared/settings.ts';
import type { HistoryEntity } from '../../src/generated/prisma/enums.ts';
import type { DemoRefs } from './load-master-data.ts';
import type { ActorRef, ContactPlan, DocumentPlan, LifecycleStep, TimelineEvent } from './plan-types.ts';

/** When things really happened, for the rows the domain wrote with the current time. */
export type Timestamps = {
  /** The contacts the demo created (backdating touches only these and their items). */
  contactIds: number[];
  /** In the order the entries were written; matched to HistoryEntry rows per contact, entity and action. */
  history: { contactId: number; entity: HistoryEntity; action: string; at: Date }[];
  closedAt: Map<number, Date>;
  doneAt: Map<number, Date>;
  /** Issued documents, and the timeline item each got on its contact. */
  documents: { id: number; contactId: number; at: Date }[];
  linkedItems: Map<number, Date>;
  salesLines: Map<number, { createdAt: Date; updatedAt: Date }>;
};

export async function loadContacts(tx: Tx, refs: DemoRefs, plans: ContactPlan[], settings: DomainSettings): Promise<Timestamps> {
  const times: Timestamps = { contactIds: [], history: [], closedAt: new Map(), doneAt: new Map(), documents: [], linkedItems: new Map(), salesLines: new Map() };
  const stamp = (contactId: number, entity: HistoryEntity, action: string, at: Date) => times.history.push({ contactId, entity, action, at });
  const actor = (ref: ActorRef): Actor => {
    if (!ref.employee) return systemActor(ref.channel);
    const employee = refs.employees[ref.employee];
    return { employeeId: employee.id, role: employee.role, channel: ref.channel };
  };
  const employeeId = (key: ContactPlan['fields']['owner']) => (key ? refs.employees[key].id : null);

  const contactIds = new Map<number, number>();
  for (const plan of [...plans].sort(byTime((p) => p.registeredAt))) {
    const { owner, ...fields } = plan.fields;
    const company = refs.companies.get(plan.companyCode)!;
    const contact = await createContact(tx, actor(plan.creator), {
      ...fields,
      companyId: company.id,
      personId: plan.person === null ? null : company.people[plan.person]!,
      ownerId: employeeId(owner),
      kindId: plan.kindName ? refs.kinds.get(plan.kindName)! : null,
      registeredAt: plan.registeredAt,
    }, settings);
    contactIds.set(plan.key, contact.id);
    times.contactIds.push(contact.id);
    stamp(contact.id, 'contact', 'created', plan.registeredAt);
  }

  for (const plan of plans) {
    const contactId = contactIds.get(plan.key)!;
    const lineIds = new Map<number, number>();
    const itemIds = new Map<number, number>();
    for (const event of plan.timeline) {
      await replayTimelineEvent(tx, actor(event.actor), event, { plan, contactId, lineIds, itemIds, refs, stamp, times });
    }
  }

  const invoices = new Map<number, number>();
  const documents = plans.flatMap((plan) => plan.documents.map((document) => ({ plan, document })));
  for (const { plan, document } of documents.sort(byTime((d) => d.document.at))) {
    const contactId = contactIds.get(plan.key)!;
    const issued = await issueDocumentFromContact(tx, actor(document.actor), documentInput(contactId, document), settings);
    times.documents.push({ id: issued.id, contactId, at: document.at });
    stamp(contactId, 'item', 'document issued', document.at);
    if (document.kindCode === 'invoice') invoices.set(plan.key, issued.id);
  }

  const steps: { plan: ContactPlan; step: LifecycleStep }[] = plans.flatMap((plan) => [
    ...(plan.reassign ? [{ plan, step: { type: 'reassign' as const, ...plan.reassign } }] : []),
    ...plan.lifecycle.map((step) => ({ plan, step })),
  ]);
  for (const { plan, step } of steps.sort(byTime((s) => s.step.at))) {
    const id = contactIds.get(plan.key)!;
    const by = actor(step.actor);
    if (step.type === 'update') await updateContact(tx, by, { id, ...step.data });
    if (step.type === 'reassign') await reassignContact(tx, by, { id, ownerId: employeeId(step.owner)! });
    if (step.type === 'close') await closeContact(tx, by, { id, outcome: step.outcome });
    if (step.type === 'reopen') await reopenContact(tx, by, { id });
    if (step.type === 'close') times.closedAt.set(id, step.at);
    if (step.type === 'reopen') times.closedAt.delete(id);
    stamp(id, 'contact', LIFECYCLE_ACTIONS[step.type], step.at);
  }

  for (const plan of plans.filter((p) => p.link)) {
    const link = plan.link!;
    const contactId = contactIds.get(plan.key)!;
    const item = await linkDocument(tx, actor(link.actor), { contactId, documentId: invoices.get(link.invoiceOf)!, text: link.text });
    times.linkedItems.set(item.id, link.at);
    stamp(contactId, 'item', 'document linked', link.at);
  }
  return times;
}

const LIFECYCLE_ACTIONS: Record<LifecycleStep['type'], string> = { update: 'updated', reassign: 'reassigned', close: 'closed', reopen: 'reopened' };

const byTime = <T>(at: (x: T) => Date) => (a: T, b: T) => at(a).getTime() - at(b).getTime();

const documentInput = (contactId: number, d: DocumentPlan) => ({ contactId, kindCode: d.kindCode, issueDate: d.issueDate, status: d.status, notes: d.notes });

type ReplayState = {
  plan: ContactPlan;
  contactId: number;
  lineIds: Map<number, number>;
  itemIds: Map<number, number>;
  refs: DemoRefs;
  stamp: (contactId: number, entity: HistoryEntity, action: string, at: Date) => void;
  times: Timestamps;
};

async function replayTimelineEvent(tx: Tx, actor: Actor, event: TimelineEvent, s: ReplayState) {
  switch (event.type) {
    case 'line': {
      const line = s.plan.salesSubject[event.ref]!;
      const created = await addSalesLine(tx, actor, {
        contactId: s.contactId,
        articleId: s.refs.articles.get(line.articleCode)!,
        quantity: line.quantity,
        unitNetPrice: line.firstPrice ?? line.unitNetPrice,
        paymentFormId: line.paymentForm ? s.refs.paymentForms.get(line.paymentForm)! : null,
        note: line.note,
      });
      s.lineIds.set(event.ref, created.id);
      s.times.salesLines.set(created.id, { createdAt: event.at, updatedAt: event.at });
      s.stamp(s.contactId, 'sales_line', 'sales line added', event.at);
      return;
    }
    case 'reprice': {
      const id = s.lineIds.get(event.ref)!;
      await updateSalesLine(tx, actor, { id, unitNetPrice: s.plan.salesSubject[event.ref]!.unitNetPrice });
      s.times.salesLines.get(id)!.updatedAt = event.at;
      s.stamp(s.contactId, 'sales_line', 'sales line updated', event.at);
      return;
    }
    case 'note': {
      const item = await addNote(tx, actor, {
        contactId: s.contactId,
        text: event.text,
        noteKind: event.noteKind,
        occurredAt: event.at,
        dueAt: event.task?.dueAt ?? null,
        assigneeId: event.task ? s.refs.employees[event.task.assignee].id : undefined,
        sourceRef: event.sourceRef,
      });
      s.itemIds.set(event.ref, item.id);
      s.stamp(s.contactId, 'item', event.task ? 'task added' : 'note added', event.at);
      return;
    }
    case 'done': {
      const id = s.itemIds.get(event.ref)!;
      await editItem(tx, actor, { id, done: true });
      s.times.doneAt.set(id, event.at);
      s.stamp(s.contactId, 'item', 'task done', event.at);
      return;
    }
  }
}
