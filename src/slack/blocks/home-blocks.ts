// App Home as blocks (pure: data in, blocks out), and the small mrkdwn helpers the other
// Slack messages of this area (reminders, triage DMs, unfurls, button outcomes) share.
import { esc } from './mrkdwn.ts';
import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { ContactSummary } from '../../domain/contacts/search-contacts.ts';
import type { MessageKey, Translator } from '../../../views/i18n/messages.ts';
import { ACTIONS } from '../ids.ts';
import { contactUrl, type SlackDeps } from '../slack-deps.ts';
import { contactRowBlocks } from './contact-blocks.ts';

/** Slack's mrkdwn control characters (&, <, >) as entities: user text cannot forge links or mentions. */

/** A mrkdwn link; the label is escaped, the URL must be ours. */
export const link = (url: string, label: string) => `<${url}|${esc(label)}>`;

export const mention = (slackUserId: string) => `<@${slackUserId}>`;

/** "K/2026/0042 · Title", the number linked to the contact page. */
export const contactLabel = (deps: Pick<SlackDeps, 'publicUrl'>, contact: { id: number; number: string; title: string }) =>
  `${link(contactUrl(deps, contact.id), contact.number)} · ${esc(contact.title)}`;

export const mrkdwnSection = (text: string, blockId?: string): SectionBlock => ({ type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text } });

export const contextBlock = (text: string, blockId?: string): ContextBlock => ({ type: 'context', ...(blockId ? { block_id: blockId } : {}), elements: [{ type: 'mrkdwn', text }] });

/** Slack refuses a Home view of more than 100 blocks. */
const MAX_HOME_BLOCKS = 100;
/** Contacts shown per section at most; the rest are a "more in the panel" link away. */
export const HOME_SECTION_LIMIT = 10;

export const HOME_SECTIONS = ['overdue', 'upcoming', 'high'] as const;
export type HomeSectionKey = (typeof HOME_SECTIONS)[number];

/** One section's data: its contacts (at most HOME_SECTION_LIMIT) and whether the panel has more. */
export type HomeSection = { key: HomeSectionKey; contacts: ContactSummary[]; more: boolean };

const SECTION_TEXT: Record<HomeSectionKey, { title: MessageKey; empty: MessageKey }> = {
  overdue: { title: 'shSectionOverdue', empty: 'shEmptyOverdue' },
  upcoming: { title: 'shSectionUpcoming', empty: 'shEmptyUpcoming' },
  high: { title: 'shSectionHigh', empty: 'shEmptyHigh' },
};

/** The panel's list with the same filter as a section (contacts-list.tsx reads these). */
export const sectionListUrl = (deps: Pick<SlackDeps, 'publicUrl'>, key: HomeSectionKey) =>
  `${deps.publicUrl}/contacts?${{ overdue: 'view=overdue&owner=me', upcoming: 'view=mine&status=open', high: 'view=high&owner=me' }[key]}&sort=due`;

/** The block id of a section's heading (tests and future updates find sections by it). */
export const sectionBlockId = (key: HomeSectionKey) => `home_section_${key}`;

function headerBlocks(t: Translator, deps: Pick<SlackDeps, 'publicUrl'>, name: string, now: Date): KnownBlock[] {
  return [
    { type: 'header', block_id: 'home_header', text: { type: 'plain_text', text: t('shHomeTitle') } },
    mrkdwnSection(t('shHomeGreeting', { name: esc(name) }), 'home_greeting'),
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: [
        { type: 'button', action_id: ACTIONS.homeNewContact, style: 'primary', text: { type: 'plain_text', text: t('newContact') }, value: 'new' },
        { type: 'button', action_id: ACTIONS.homeOpenPanel, text: { type: 'plain_text', text: t('shOpenPanel') }, url: `${deps.publicUrl}/contacts?view=mine`, value: 'panel' },
      ],
    },
    contextBlock(t('shHomeUpdated', { at: t.dateTime(now) }), 'home_updated'),
  ];
}

function sectionBlocks(section: HomeSection, shown: number, t: Translator, deps: Pick<SlackDeps, 'publicUrl'>, now: Date): KnownBlock[] {
  const text = SECTION_TEXT[section.key];
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', block_id: sectionBlockId(section.key), text: { type: 'plain_text', text: t(text.title) } },
  ];
  if (section.contacts.length === 0) return [...blocks, contextBlock(t(text.empty))];
  for (const contact of section.contacts.slice(0, shown)) blocks.push(...contactRowBlocks(contact, t, deps, now));
  if (section.more || shown < section.contacts.length) blocks.push(contextBlock(link(sectionListUrl(deps, section.key), t('shMoreInPanel')), `home_more_${section.key}`));
  return blocks;
}

/**
 * The Home tab: a header with "New contact" and "Open panel", then each section (overdue, next
 * deadlines, high priority) with its contacts as list rows (contactRowBlocks, quick buttons
 * included) or an empty state. Rows are cut (and the "more in the panel" link shown) so the view
 * stays within Slack's 100 blocks.
 */
export function homeView(input: { name: string; sections: HomeSection[] }, t: Translator, deps: Pick<SlackDeps, 'publicUrl'>, now = new Date()) {
  const build = (shown: number) => [
    ...headerBlocks(t, deps, input.name, now),
    ...input.sections.flatMap((section) => sectionBlocks(section, shown, t, deps, now)),
  ];
  let shown = HOME_SECTION_LIMIT;
  let blocks = build(shown);
  while (blocks.length > MAX_HOME_BLOCKS && shown > 1) blocks = build(--shown);
  return { type: 'home' as const, blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

/** The Home tab of someone Kontakt does not know (or who is deactivated): the refusal, nothing else. */
export function refusalHomeView(message: string, t: Translator) {
  return {
    type: 'home' as const,
    blocks: [
      { type: 'header', block_id: 'home_header', text: { type: 'plain_text', text: t('shHomeTitle') } },
      mrkdwnSection(esc(message), 'home_refusal'),
    ] satisfies KnownBlock[],
  };
}
