// The "change the deadline" modal (button ACTIONS.changeDeadline, value: the contact id): date and
// time pickers prefilled with the current deadline in the employee's time zone. The contact's
// version travels in private_metadata, so a change made meanwhile by someone else is not
// silently overwritten.
import { esc } from '../blocks/mrkdwn.ts';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { getContact } from '../../domain/contacts/get-contact.ts';
import { updateContact } from '../../domain/contacts/update-contact.ts';
import { isAppError } from '../../errors.ts';
import { publishHome } from '../app-home.ts';
import { identify, type SlackUser } from '../identity.ts';
import { VIEWS } from '../ids.ts';
import type { SlackDeps } from '../slack-deps.ts';
import { contactLine, DEFAULT_DUE_TIME, deadlineBlocks, errorsFor, instantFromPickers, modal, positiveInt, readMetadata, viewState, type Submission } from './modal-kit.ts';

export const DEADLINE_BLOCKS = { date: 'due_date', time: 'due_time' } as const;
const B = DEADLINE_BLOCKS;

export async function openDeadlineModal(deps: SlackDeps, client: WebClient, triggerId: string, user: SlackUser, contactId: number): Promise<void> {
  const contact = await getContact(deps.db, contactId, { items: 1 });
  const { t } = user;
  const header = esc(contactLine({ number: contact.number, title: contact.title, companyName: contact.company.name }));
  const current = contact.dueAt ? t('smCurrentDeadline', { when: t.dateTime(contact.dueAt) }) : '';
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: current ? `${header}\n${esc(current)}` : header } },
    ...deadlineBlocks(t, B, contact.dueAt, `${t('smDueHint', { zone: t.timeZone, time: DEFAULT_DUE_TIME })} ${t('smNoDeadlineHint')}`),
  ];
  await client.views.open({
    trigger_id: triggerId,
    view: modal(t, { callbackId: VIEWS.changeDeadline, title: t('smDeadlineTitle'), submit: t('smSave'), blocks, metadata: { contactId: contact.id, version: contact.version, number: contact.number } }),
  });
}

export async function submitDeadline(deps: SlackDeps, client: WebClient, { ack, body, view }: Submission): Promise<void> {
  const who = await identify(deps, client, body.user.id);
  if (!who.ok) return ack({ response_action: 'errors', errors: { [B.date]: who.message } });
  const { user } = who;
  const { t } = user;
  const state = viewState(view);
  const due = instantFromPickers(state.date(B.date), state.time(B.time), t.timeZone);
  if (!due.ok) return ack({ response_action: 'errors', errors: { [B.date]: t(due.error) } });
  const metadata = readMetadata(view);
  const id = positiveInt(metadata.contactId) ?? 0;
  try {
    await updateContact(deps.db, user.actor, { id, version: positiveInt(metadata.version) ?? undefined, dueAt: due.at });
  } catch (error) {
    let message: string | undefined;
    if (isAppError(error, 'CONFLICT')) message = t('smChangedMeanwhile', { number: String(metadata.number ?? '') });
    else if (isAppError(error, 'NOT_FOUND')) message = t('smContactGone');
    return ack({ response_action: 'errors', errors: message ? { [B.date]: message } : errorsFor(error, t, deps, { dueAt: B.date }, B.date) });
  }
  await ack();
  void publishHome(deps, client, user);
}
