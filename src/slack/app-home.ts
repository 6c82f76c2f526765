// The App Home tab: an employee's own open contacts in three sections (overdue, next deadlines,
// high priority), published with views.publish when the tab is opened and after every change made
// from Slack. Overdue and next deadlines split at "now", so a contact shows in one of them; high
// priority is a facet and may repeat one. Contacts without a deadline are in the panel's list.
import type { WebClient } from '@slack/web-api';
import { searchContacts } from '../domain/contacts/search-contacts.ts';
import { translator } from '../../views/i18n/messages.ts';
import { HOME_SECTION_LIMIT, homeView, refusalHomeView, type HomeSection } from './blocks/home-blocks.ts';
import type { SlackUser } from './identity.ts';
import type { SlackDeps } from './slack-deps.ts';

/** The three sections of `user`'s Home, each at most HOME_SECTION_LIMIT contacts. */
export async function homeSections(deps: Pick<SlackDeps, 'db'>, employeeId: number, now = new Date()): Promise<HomeSection[]> {
  const common = { ownerId: employeeId, sort: 'due', limit: HOME_SECTION_LIMIT, now } as const;
  const [overdue, upcoming, high] = await Promise.all([
    searchContacts(deps.db, { ...common, overdue: true }),
    searchContacts(deps.db, { ...common, status: 'open', dueFrom: now }),
    searchContacts(deps.db, { ...common, status: 'open', priority: 'high' }),
  ]);
  return [
    { key: 'overdue', contacts: overdue.contacts, more: overdue.nextCursor !== null },
    { key: 'upcoming', contacts: upcoming.contacts, more: upcoming.nextCursor !== null },
    { key: 'high', contacts: high.contacts, more: high.nextCursor !== null },
  ];
}

/**
 * Builds and publishes (views.publish) the App Home of `user`. Called when the Home tab is opened
 * and after every change the employee makes from Slack. Never throws (logs instead): a failed
 * refresh must not fail the change that triggered it.
 */
export async function publishHome(deps: SlackDeps, client: WebClient, user: SlackUser): Promise<void> {
  try {
    const now = new Date();
    const sections = await homeSections(deps, user.employee.id, now);
    await client.views.publish({ user_id: user.slackUserId, view: homeView({ name: user.employee.name, sections }, user.t, deps, now) });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message, slackUserId: user.slackUserId }, 'slack: App Home not published');
  }
}

/** The Home of someone Kontakt does not know: the polite refusal (never throws either). */
export async function publishRefusalHome(deps: SlackDeps, client: WebClient, slackUserId: string, message: string, locale: 'pl' | 'en' = 'pl'): Promise<void> {
  try {
    await client.views.publish({ user_id: slackUserId, view: refusalHomeView(message, translator(locale)) });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message, slackUserId }, 'slack: refusal Home not published');
  }
}
