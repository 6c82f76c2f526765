import type { KnownBlock } from '@slack/types';
import type { ContactSummary } from '../../domain/contacts/search-contacts.ts';
import type { Translator } from '../../../views/i18n/messages.ts';
import type { SlackDeps } from '../slack-deps.ts';

/**
 * TODO(slack-commands): one contact as list blocks (number, title, company, owner, deadline in
 * t.timeZone, priority, overdue marker) with quick buttons (ACTIONS.addNote, changeDeadline,
 * close, openInPanel as a URL button). Used by `/contact find|mine|overdue|high` and App Home.
 */
export function contactRowBlocks(_contact: ContactSummary, _t: Translator, _deps: Pick<SlackDeps, 'publicUrl'>, _now = new Date()): KnownBlock[] {
  return [];
}
