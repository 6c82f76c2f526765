// The "new contact" modal: `/contact new`, the global shortcut, and triage's "new contact" button
// (which passes the e-mail to file on the new contact in private_metadata).
import { esc } from '../blocks/mrkdwn.ts';
import type { BlockSuggestion } from '@slack/bolt';
import type { KnownBlock, PlainTextOption } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { listContactKinds } from '../../domain/catalog/list-contact-kinds.ts';
import { getCompany } from '../../domain/companies/get-company.ts';
import { listCompanies } from '../../domain/companies/list-companies.ts';
import { PRIORITIES } from '../../domain/contacts/contact-fields.ts';
import { createContact } from '../../domain/contacts/create-contact.ts';
import { assignMail } from '../../domain/mail/assign-mail.ts';
import { getPerson } from '../../domain/people/get-person.ts';
import { listPeople } from '../../domain/people/list-people.ts';
import { publishHome } from '../app-home.ts';
import { errorText } from '../error-text.ts';
import { identify, type SlackUser } from '../identity.ts';
import { ACTIONS, VIEWS } from '../ids.ts';
import type { SlackDeps } from '../slack-deps.ts';
import { deadlineBlocks, errorsFor, instantFromPickers, LIMITS, modal, option, plain, positiveInt, readMetadata, sendDm, viewState, type Submission } from './modal-kit.ts';

/** Block ids of the modal (errors are keyed by them). */
export const NEW_CONTACT_BLOCKS = {
  company: 'company', person: 'person', title: 'title', kind: 'kind', owner: 'owner',
  dueDate: 'due_date', dueTime: 'due_time', priority: 'priority', description: 'description',
} as const;
const B = NEW_CONTACT_BLOCKS;

/** Domain field → block, for VALIDATION errors of createContact. */
const FIELD_BLOCKS: Record<string, string> = {
  companyId: B.company, personId: B.person, title: B.title, kindId: B.kind, ownerId: B.owner,
  dueAt: B.dueDate, priority: B.priority, description: B.description,
};

/** What the modal may start with. `mailMessageId`: a triage e-mail filed on the contact once created. */
export type NewContactContext = { mailMessageId?: number; companyId?: number; personId?: number; title?: string; description?: string };

const PRIORITY_LABEL = { high: 'smPriorityHigh', normal: 'smPriorityNormal', low: 'smPriorityLow' } as const;
const MAX_OPTIONS = 50;

export async function openNewContactModal(deps: SlackDeps, client: WebClient, triggerId: string, user: SlackUser, context: NewContactContext = {}): Promise<void> {
  const [kinds, company, person] = await Promise.all([
    listContactKinds(deps.db, { active: true }),
    context.companyId ? getCompany(deps.db, context.companyId).catch(() => null) : null,
    context.personId ? getPerson(deps.db, context.personId).catch(() => null) : null,
  ]);
  await client.views.open({ trigger_id: triggerId, view: newContactView(user, { kinds, company, person: person && company && person.companyId === company.id ? person : null, context }) });
}

type Named = { id: number; name: string };

export function newContactView(user: SlackUser, data: { kinds: Named[]; company: (Named & { code?: string }) | null; person: Named | null; context: NewContactContext }) {
  const { t } = user;
  const { context } = data;
  const priorities = PRIORITIES.map((p) => option(t(PRIORITY_LABEL[p]), p));
  const blocks: KnownBlock[] = [
    {
      type: 'input', block_id: B.company, label: plain(t('smCompany')),
      element: {
        type: 'external_select', action_id: ACTIONS.pickCompany, min_query_length: 1, placeholder: plain(t('smCompanyPlaceholder'), LIMITS.placeholder),
        ...(data.company ? { initial_option: companyOption(data.company) } : {}),
      },
    },
    {
      type: 'input', block_id: B.person, optional: true, label: plain(t('smPerson')),
      element: {
        type: 'external_select', action_id: ACTIONS.pickPerson, min_query_length: 0, placeholder: plain(t('smPersonPlaceholder'), LIMITS.placeholder),
        ...(data.person ? { initial_option: option(data.person.name, String(data.person.id)) } : {}),
      },
    },
    {
      type: 'input', block_id: B.title, label: plain(t('smTitle')),
      element: { type: 'plain_text_input', action_id: 'value', max_length: 300, ...(context.title ? { initial_value: context.title.slice(0, 300) } : {}) },
    },
  ];
  if (data.kinds.length > 0) {
    blocks.push({
      type: 'input', block_id: B.kind, optional: true, label: plain(t('smKind')),
      element: { type: 'static_select', action_id: 'value', options: data.kinds.slice(0, LIMITS.options).map((k) => option(k.name, String(k.id))) },
    });
  }
  blocks.push(
    { type: 'input', block_id: B.owner, label: plain(t('smOwner')), element: { type: 'users_select', action_id: 'value', initial_user: user.slackUserId } },
    ...deadlineBlocks(t, { date: B.dueDate, time: B.dueTime }, null),
    { type: 'input', block_id: B.priority, label: plain(t('priority')), element: { type: 'static_select', action_id: 'value', options: priorities, initial_option: priorities.find((o) => o.value === 'normal') } },
    {
      type: 'input', block_id: B.description, optional: true, label: plain(t('smDescription')),
      element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: LIMITS.input, ...(context.description ? { initial_value: context.description.slice(0, LIMITS.input) } : {}) },
    },
  );
  return modal(t, {
    callbackId: VIEWS.newContact,
    title: t('smNewContactTitle'),
    submit: t('smCreate'),
    blocks,
    metadata: context.mailMessageId ? { mailMessageId: context.mailMessageId } : {},
  });
}

const companyOption = (c: Named & { code?: string }) => option(c.code ? `${c.name} (${c.code})` : c.name, String(c.id));

/** block_suggestion for the company picker: companies matching what is typed (active ones: a new contact needs one). */
export async function companyOptions(deps: SlackDeps, query: string): Promise<PlainTextOption[]> {
  const companies = await listCompanies(deps.db, { search: query, active: true, limit: MAX_OPTIONS });
  return companies.map(companyOption);
}

/** block_suggestion for the person picker: people of the company chosen above (read from the view's state). */
export async function personOptions(deps: SlackDeps, user: SlackUser, body: BlockSuggestion): Promise<PlainTextOption[]> {
  const companyId = positiveInt(viewState(body.view).selected(B.company));
  // Slack's select menus cannot show a disabled entry: a lone explanatory option stands in for one
  // (chosen anyway, it is read as "no person").
  if (!companyId) return [option(`— ${user.t('smChooseCompanyFirst')} —`, NO_PERSON)];
  const people = await listPeople(deps.db, { companyId, active: true, search: body.value, limit: MAX_OPTIONS });
  return people.map((p) => option(p.email ? `${p.name} <${p.email}>` : p.name, String(p.id)));
}
const NO_PERSON = '-';

/**
 * view_submission: required fields and the deadline checked here, the rest by createContact; any
 * problem goes back onto the fields. Success closes the modal, then confirms by DM.
 */
export async function submitNewContact(deps: SlackDeps, client: WebClient, args: Submission): Promise<void> {
  const { ack, view } = args;
  const who = await identify(deps, client, args.body.user.id);
  if (!who.ok) return ack({ response_action: 'errors', errors: { [B.title]: who.message } });
  const { user } = who;
  const { t } = user;
  const state = viewState(view);
  const errors: Record<string, string> = {};

  const companyId = positiveInt(state.selected(B.company));
  if (!companyId) errors[B.company] = t('smChooseCompany');
  const title = state.text(B.title);
  if (!title) errors[B.title] = t('smRequired');
  const due = instantFromPickers(state.date(B.dueDate), state.time(B.dueTime), t.timeZone);
  if (!due.ok) errors[B.dueDate] = t(due.error);
  const ownerId = await ownerOf(deps, client, user, state.user(B.owner));
  if (ownerId === undefined) errors[B.owner] = t('smOwnerNotEmployee');
  if (Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });

  const person = state.selected(B.person);
  const priority = state.selected(B.priority) ?? 'normal';
  let contact;
  try {
    contact = await createContact(deps.db, user.actor, {
      companyId: companyId!,
      personId: person && person !== NO_PERSON ? positiveInt(person) : null,
      kindId: positiveInt(state.selected(B.kind)),
      ownerId,
      title,
      description: state.text(B.description),
      dueAt: due.ok ? due.at : null,
      priority: priority as (typeof PRIORITIES)[number],
    }, deps.settings);
  } catch (error) {
    return ack({ response_action: 'errors', errors: errorsFor(error, t, deps, FIELD_BLOCKS, B.title) });
  }
  await ack();

  const lines = [t('smCreated', { number: contact.number, title: esc(contact.title) })];
  const mailMessageId = positiveInt(readMetadata(view).mailMessageId);
  if (mailMessageId) {
    try {
      await assignMail(deps.db, deps.fileStore, user.actor, { mailMessageId, contact: contact.id }, deps.mailSettings);
      lines.push(t('smMailFiled'));
    } catch (error) {
      lines.push(t('smMailNotFiled', { reason: errorText(error, t, deps.logger) }));
    }
  }
  await sendDm(deps, client, user, lines.join('\n'), contact.id);
  void publishHome(deps, client, user);
}

/**
 * The owner picked (a Slack user) as an employee id: me without a lookup, anyone else through the
 * same who-is-who as a sign-in (stored Slack id, else the e-mail on their profile). undefined when
 * they are not an active employee.
 */
async function ownerOf(deps: SlackDeps, client: WebClient, user: SlackUser, slackUserId: string | null): Promise<number | null | undefined> {
  if (!slackUserId || slackUserId === user.slackUserId) return user.employee.id;
  const owner = await identify(deps, client, slackUserId);
  return owner.ok ? owner.user.employee.id : undefined;
}
