// Who is who: a Slack user is an employee by the stored Slack user id, else by the e-mail on their
// Slack profile (users.info), and is then linked for next time. Unknown and inactive people get a
// polite refusal that says what to ask an admin.
import type { WebClient } from '@slack/web-api';
import { findEmployeeByEmail } from '../domain/employees/find-employee-by-email.ts';
import { findEmployeeBySlackUserId } from '../domain/employees/find-employee-by-slack-user-id.ts';
import { linkSlackUser } from '../domain/employees/link-slack-user.ts';
import type { Actor } from '../domain/shared/actor.ts';
import { translator, type Translator } from '../../views/i18n/messages.ts';
import type { SlackDeps } from './slack-deps.ts';

export type SlackEmployee = NonNullable<Awaited<ReturnType<typeof findEmployeeBySlackUserId>>>;

/** A known, active employee acting from Slack: their row, the actor for the domain and their language. */
export type SlackUser = { employee: SlackEmployee; actor: Actor; t: Translator; slackUserId: string };

export type Identified = { ok: true; user: SlackUser } | { ok: false; message: string };

export const slackUserFor = (employee: SlackEmployee, slackUserId: string): SlackUser => ({
  employee,
  slackUserId,
  actor: { employeeId: employee.id, role: employee.role, channel: 'slack' },
  t: translator(employee.locale, employee.timeZone),
});

export async function identify(deps: SlackDeps, client: WebClient, slackUserId: string): Promise<Identified> {
  let employee = await findEmployeeBySlackUserId(deps.db, slackUserId);
  let email: string | null = null;
  let slackLocale: string | null = null;
  if (!employee) {
    const info = await client.users.info({ user: slackUserId, include_locale: true }).catch((error: Error) => {
      deps.logger.warn({ err: error.message, slackUserId }, 'slack: users.info failed');
      return null;
    });
    email = info?.user?.profile?.email ?? null;
    slackLocale = info?.user?.locale ?? null;
    const byEmail = email ? await findEmployeeByEmail(deps.db, email) : null;
    if (byEmail && !byEmail.slackUserId) {
      employee = (await linkSlackUser(deps.db, { employeeId: byEmail.id, slackUserId, slackTimeZone: info?.user?.tz }, deps.settings.timeZone)) ?? byEmail;
      deps.logger.info({ employeeId: employee.id, slackUserId }, 'slack: linked a Slack user to an employee by e-mail');
    }
  }
  if (!employee) {
    const t = translator(slackLocale?.startsWith('en') ? 'en' : 'pl');
    return { ok: false, message: email ? t('slUnknownUserEmail', { email }) : t('slUnknownUser') };
  }
  if (!employee.active) return { ok: false, message: translator(employee.locale)('slInactiveUser') };
  return { ok: true, user: slackUserFor(employee, slackUserId) };
}
