// The demo's contacts as a plan: plain data computed from the seed before anything is written,
// then replayed through the domain functions by load-contacts.ts.
import type { Channel } from '../../src/generated/prisma/enums.ts';
import type { PaymentFormName } from './data/catalog.ts';
import type { Topic } from './data/contact-texts.ts';
import type { EmployeeKey } from './data/employees.ts';

/** Who does something: an employee of the demo team, or the system (employee null), through a channel. */
export type ActorRef = { employee: EmployeeKey | null; channel: Channel };

export type FinalState = 'open' | 'won' | 'lost' | 'cancelled' | 'closed';
export type DeadlineBucket = 'overdue' | 'today' | 'week' | 'later' | 'none';
export type Priority = 'high' | 'normal' | 'low';
export type Outcome = 'won' | 'lost' | 'cancelled';
export type DocumentKindCode = 'invoice' | 'goods_issue' | 'customer_order';

/** The editable fields a contact is created with (later steps may change them). */
export type ContactFields = {
  title: string;
  description: string;
  priority: Priority;
  dueAt: Date | null;
  snoozedUntil: Date | null;
  probability: number | null;
  /** YYYY-MM-DD */
  expectedCloseAt: string | null;
  restrictToSalesLines: boolean;
  externalNumber: string | null;
  owner: EmployeeKey | null;
};

/** Entries of one contact's timeline, replayed in time order. Lines and notes are referred to by `ref`. */
export type TimelineEvent =
  /** Adds salesSubject[ref] (at its first price). */
  | { type: 'line'; at: Date; actor: ActorRef; ref: number }
  /** Changes salesSubject[ref] from its first to its negotiated price. */
  | { type: 'reprice'; at: Date; actor: ActorRef; ref: number }
  | {
      type: 'note'; at: Date; actor: ActorRef; ref: number;
      noteKind: string; text: string; sourceRef: string | null; task: { dueAt: Date; assignee: EmployeeKey } | null;
    }
  | { type: 'done'; at: Date; actor: ActorRef; ref: number };

export type LifecycleStep =
  | { type: 'update'; at: Date; actor: ActorRef; data: Partial<Pick<ContactFields, 'priority' | 'dueAt' | 'snoozedUntil' | 'description' | 'probability'>> }
  | { type: 'reassign'; at: Date; actor: ActorRef; owner: EmployeeKey }
  | { type: 'close'; at: Date; actor: ActorRef; outcome: Outcome | null }
  | { type: 'reopen'; at: Date; actor: ActorRef };

export type SalesLinePlan = {
  articleCode: string;
  quantity: string;
  /** The negotiated price the line ends with. */
  unitNetPrice: string;
  /** The price first offered, when it was renegotiated later. */
  firstPrice: string | null;
  paymentForm: PaymentFormName | null;
  note: string;
};

/** `issueDate` is the calendar date (YYYY-MM-DD) of `at` in the company's time zone. */
export type DocumentPlan = { at: Date; issueDate: string; kindCode: DocumentKindCode; status: 'issued' | 'draft'; actor: ActorRef; notes: string };

/** Puts the invoice issued from another contact (a delivery now complained about) on this contact's timeline. */
export type LinkPlan = { at: Date; actor: ActorRef; invoiceOf: number; text: string | undefined };

export type ContactPlan = {
  key: number;
  topic: Topic;
  state: FinalState;
  bucket: DeadlineBucket | null;
  kindName: string | null;
  companyCode: string;
  /** Index into the company's people, or null for a contact without a person. */
  person: number | null;
  registeredAt: Date;
  /** When the contact was finally closed (null while open). */
  closedAt: Date | null;
  /** Won sales: when the goods were delivered (null when not yet). */
  deliveredAt: Date | null;
  creator: ActorRef;
  fields: ContactFields;
  salesSubject: SalesLinePlan[];
  /** A later change of owner (reassignContact); `fields.owner` is the owner before it. */
  reassign: { at: Date; actor: ActorRef; owner: EmployeeKey } | null;
  timeline: TimelineEvent[];
  lifecycle: LifecycleStep[];
  documents: DocumentPlan[];
  link: LinkPlan | null;
};
