// A contact in Slack: a list row (`/contact find|mine|overdue|high`, App Home) and the full card
// (`/contact show`, the Show button, Share to channel). Pure builders: data in, blocks out. Every
// button carries the contact id as its value; user text is escaped for mrkdwn; no block_id is set,
// so the same contact may appear twice in one view (App Home: overdue and high priority).
import { esc } from './mrkdwn.ts';
import type { Button, KnownBlock } from '@slack/types';
import type { getContact } from '../../domain/contacts/get-contact.ts';
import type { ContactSummary } from '../../domain/contacts/search-contacts.ts';
import type { TimelineItem } from '../../domain/items/list-items.ts';
import type { Translator } from '../../../views/i18n/messages.ts';
import { oneLine } from '../commands/format.ts';
import { ACTIONS } from '../ids.ts';
import { contactUrl, type SlackDeps } from '../slack-deps.ts';

/** What the card shows: getContact() with a few items. */
export type ContactCard = Awaited<ReturnType<typeof getContact>>;

/** Items shown on a card. */
export const CARD_ITEMS = 5;

type Deps = Pick<SlackDeps, 'publicUrl'>;
type Shown = { id: number; status: 'open' | 'closed'; dueAt: Date | null };

const button = (text: string, actionId: string, value: string): Button => ({ type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value });

/** Add note, change deadline, close (open contacts only), open in panel. */
function quickButtons(contact: Shown, t: Translator, deps: Deps): Button[] {
  const id = String(contact.id);
  return [
    button(t('scBtnAddNote'), ACTIONS.addNote, id),
    button(t('scBtnDeadline'), ACTIONS.changeDeadline, id),
    ...(contact.status === 'open' ? [button(t('scBtnClose'), ACTIONS.close, id)] : []),
    { ...button(t('scBtnOpenPanel'), ACTIONS.openInPanel, id), url: contactUrl(deps, contact.id) },
  ];
}

const isOverdue = (contact: Shown, now: Date) => contact.status === 'open' && contact.dueAt !== null && contact.dueAt < now;

/** "15.12.2026, 10:00", with a warning when it has passed; "no deadline" when none. */
function deadlineText(contact: Shown, t: Translator, now: Date): string {
  if (!contact.dueAt) return t('scNoDeadline');
  const when = t.dateTime(contact.dueAt);
  return isOverdue(contact, now) ? `:warning: ${when} (${t('scOverdueMark')})` : when;
}

const priorityText = (priority: 'high' | 'normal' | 'low', t: Translator) => (priority === 'high' ? `:exclamation: ${t('high')}` : t(priority));

function statusText(contact: { status: 'open' | 'closed'; outcome: string | null }, t: Translator): string {
  if (contact.status === 'open') return t('open');
  const outcome = contact.outcome === 'won' ? t('outcome_won') : contact.outcome === 'lost' ? t('outcome_lost') : contact.outcome === 'cancelled' ? t('outcome_cancelled') : null;
  return outcome ? `${t('closed')} (${outcome})` : t('closed');
}

/**
 * One contact as list blocks: number (a panel link), title, company, owner, deadline in t.timeZone
 * with an overdue marker, priority; a Show button beside it and the quick buttons below.
 */
export function contactRowBlocks(contact: ContactSummary, t: Translator, deps: Deps, now = new Date()): KnownBlock[] {
  const facts = [
    esc(contact.companyName),
    `${t('owner')}: ${contact.ownerName ? esc(contact.ownerName) : t('unassigned')}`,
    `${t('deadline')}: ${deadlineText(contact, t, now)}`,
    `${t('priority')}: ${priorityText(contact.priority, t)}`,
    ...(contact.status === 'closed' ? [statusText(contact, t)] : []),
  ];
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*<${contactUrl(deps, contact.id)}|${contact.number}>*  ${esc(oneLine(contact.title, 200))}\n${facts.join('  ·  ')}` },
      accessory: button(t('scBtnShow'), ACTIONS.showCard, String(contact.id)),
    },
    { type: 'actions', elements: quickButtons(contact, t, deps) },
  ];
}

/** One timeline entry as a line: when, what (kind, file, document, task state), who, the text. */
function itemLine(item: TimelineItem, t: Translator): string {
  const what =
    item.type === 'file' ? t('scItemFile')
    : item.type === 'document' ? `${t('scItemDocument')}${item.document ? ` ${item.document.number}` : ''}`
    : (item.noteKind ?? t('scItemNote'));
  const task = item.dueAt ? (item.doneAt ? t('scItemTaskDone') : t('scItemTaskDue', { when: t.dateTime(item.dueAt) })) : null;
  const text = item.text || item.versions[0]?.fileName || '';
  const who = item.author ? `${esc(item.author.name)}: ` : '';
  return `• ${t.dateTime(item.occurredAt)} · ${esc(what)}${task ? ` · ${task}` : ''} · ${who}${esc(oneLine(text, 200))}`;
}

/**
 * The contact card: number and title, the main fields, the sales subject's net total, the latest
 * items and the buttons. `sharedBy` (a Slack user id): the copy posted to a channel, which says who
 * shared it and has no Share button of its own.
 */
export function contactCardBlocks(contact: ContactCard, t: Translator, deps: Deps, options: { now?: Date; sharedBy?: string } = {}): KnownBlock[] {
  const now = options.now ?? new Date();
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
  const items = contact.items.slice(0, CARD_ITEMS);
  const id = String(contact.id);
  return [
    { type: 'header', text: { type: 'plain_text', text: oneLine(`${contact.number} · ${contact.title}`, 150), emoji: false } },
    {
      type: 'section',
      fields: [
        field(t('company'), esc(contact.company.name)),
        field(t('person'), contact.person ? esc(contact.person.name) : t('none')),
        field(t('owner'), contact.owner ? esc(contact.owner.name) : t('unassigned')),
        field(t('deadline'), deadlineText(contact, t, now)),
        field(t('priority'), priorityText(contact.priority, t)),
        field(t('status'), statusText(contact, t)),
        field(t('kind'), contact.kind ? esc(contact.kind.name) : t('none')),
        field(t('scCardSales'), t.money(contact.salesNetTotal.toString())),
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: `*${t('scCardLatest')}*\n${items.length ? items.map((item) => itemLine(item, t)).join('\n') : t('scCardNoItems')}` } },
    {
      type: 'actions',
      elements: [...quickButtons(contact, t, deps), ...(options.sharedBy ? [] : [button(t('scBtnShare'), ACTIONS.share, id)])],
    },
    ...(options.sharedBy ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: t('scCardSharedBy', { user: options.sharedBy }) }] }] : []),
  ];
}

/** The notification text of a card (what Slack shows where blocks cannot be). */
export const contactCardText = (contact: Pick<ContactCard, 'number' | 'title'>) => `${contact.number} · ${contact.title}`;
