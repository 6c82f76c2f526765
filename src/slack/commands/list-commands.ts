// `/contact find <words>`, `mine`, `overdue [all]`, `high [all]`: up to LIST_SIZE rows with
// buttons, and a link to the same list in the panel (its URL filter), saying when there is more.
import { esc } from '../blocks/mrkdwn.ts';
import type { KnownBlock } from '@slack/types';
import { searchContacts, type SearchContactsInput } from '../../domain/contacts/search-contacts.ts';
import { contactRowBlocks } from '../blocks/contact-blocks.ts';
import type { CommandContext } from './command-context.ts';
import type { Command } from './parse-command.ts';

/** Rows per reply: 2 blocks each stays well under Slack's 50 blocks, and a phone screen holds it. */
export const LIST_SIZE = 10;

type ListCommand = Extract<Command, { name: 'find' | 'mine' | 'overdue' | 'high' }>;

/** The search, the panel's URL filter for the same list (views/partials/contact-rows.tsx FILTER_KEYS) and the title. */
function listOf(command: ListCommand, ctx: CommandContext): { input: SearchContactsInput; filter: Record<string, string>; title: string } {
  const t = ctx.user.t;
  const me = ctx.user.employee.id;
  switch (command.name) {
    case 'find':
      return { input: { q: command.query }, filter: { q: command.query }, title: t('scListFind', { query: esc(command.query) }) };
    case 'mine':
      return { input: { ownerId: me, status: 'open', sort: 'deadline' }, filter: { view: 'mine', status: 'open', sort: 'deadline' }, title: t('scListMine') };
    case 'overdue':
      return {
        input: { overdue: true, sort: 'deadline', ...(command.everyone ? {} : { ownerId: me }) },
        filter: { view: 'overdue', ...(command.everyone ? {} : { owner: 'me' }), sort: 'deadline' },
        title: t(command.everyone ? 'scListOverdueAll' : 'scListOverdue'),
      };
    case 'high':
      return {
        input: { priority: 'high', status: 'open', sort: 'deadline', ...(command.everyone ? {} : { ownerId: me }) },
        filter: { view: 'high', ...(command.everyone ? {} : { owner: 'me' }), sort: 'deadline' },
        title: t(command.everyone ? 'scListHighAll' : 'scListHigh'),
      };
  }
}

export async function listCommand(ctx: CommandContext, command: ListCommand): Promise<void> {
  const t = ctx.user.t;
  const { input, filter, title } = listOf(command, ctx);
  const { contacts, nextCursor } = await searchContacts(ctx.deps.db, { ...input, limit: LIST_SIZE });
  const url = `${ctx.deps.publicUrl}/contacts?${new URLSearchParams(filter).toString()}`;
  if (contacts.length === 0) {
    await ctx.respond({ response_type: 'ephemeral', replace_original: false, text: t('scListEmpty', { title }) });
    return;
  }
  const now = new Date();
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } },
    ...contacts.flatMap((contact) => [{ type: 'divider' } as const, ...contactRowBlocks(contact, t, ctx.deps, now)]),
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: nextCursor ? t('scListMore', { count: contacts.length, url }) : t('scListInPanel', { url }) }] },
  ];
  const text = `${title}: ${contacts.map((c) => c.number).join(', ')}`;
  await ctx.respond({ response_type: 'ephemeral', replace_original: false, text, blocks });
}
