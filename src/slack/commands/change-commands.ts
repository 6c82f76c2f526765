// The subcommands that change a contact: due, assign, priority, close, reopen. Each calls one
// domain use case with the employee's actor (so history says "slack" and who), replies with what
// happened, then refreshes App Home.
import { esc } from '../blocks/mrkdwn.ts';
import { closeContact } from '../../domain/contacts/close-contact.ts';
import { reassignContact } from '../../domain/contacts/reassign-contact.ts';
import { reopenContact } from '../../domain/contacts/reopen-contact.ts';
import { updateContact } from '../../domain/contacts/update-contact.ts';
import { findEmployeeByEmail } from '../../domain/employees/find-employee-by-email.ts';
import { findEmployeeBySlackUserId } from '../../domain/employees/find-employee-by-slack-user-id.ts';
import { listEmployees } from '../../domain/employees/list-employees.ts';
import { DEFAULT_TIME } from '../../domain/shared/parse-when.ts';
import { foldText } from '../../domain/shared/fold-text.ts';
import { isAppError } from '../../errors.ts';
import { slackUserFor, type SlackEmployee } from '../identity.ts';
import { CommandRefusal, contactFor, refreshHome, reply, type CommandContext } from './command-context.ts';
import { longDateTime } from './format.ts';
import type { Assignee, Command } from './parse-command.ts';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

export async function dueCommand(ctx: CommandContext, command: Of<'due'>): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  await updateContact(ctx.deps.db, ctx.user.actor, { id: contact.id, dueAt: command.at });
  const t = ctx.user.t;
  if (!command.at) {
    await reply(ctx, t('scDueCleared', { number: contact.number }));
  } else {
    // Say exactly what was understood, so a misread date is noticed now rather than at the deadline.
    const notes = [
      t('scDueSet', { number: contact.number, when: longDateTime(command.at, t), zone: t.timeZone }),
      ...(command.hasTime ? [] : [t('scDueDefaultTime', { time: DEFAULT_TIME })]),
      ...(command.at.getTime() < Date.now() ? [t('scDuePast')] : []),
    ];
    await reply(ctx, notes.join(' '));
  }
  await refreshHome(ctx);
}

/** The employee a mention or a typed name means; refused when there is none, several or an inactive one. */
/** The active employee a mention or a typed name means; a refusal saying why otherwise. */
export async function employeeFor(ctx: CommandContext, assignee: Assignee): Promise<SlackEmployee> {
  const t = ctx.user.t;
  let employee: SlackEmployee | null;
  if ('slackUserId' in assignee) {
    employee = await findEmployeeBySlackUserId(ctx.deps.db, assignee.slackUserId);
    if (!employee) {
      // Not linked yet: the e-mail of their Slack profile may still name an employee.
      const info = await ctx.client.users.info({ user: assignee.slackUserId }).catch(() => null);
      const email = info?.user?.profile?.email;
      employee = email ? await findEmployeeByEmail(ctx.deps.db, email) : null;
    }
    if (!employee) throw new CommandRefusal(t('scUnknownAssignee', { id: assignee.slackUserId }));
  } else {
    const found = await listEmployees(ctx.deps.db, { search: assignee.name, active: true, limit: 10 });
    const exact = found.filter((e) => foldText(e.name) === foldText(assignee.name) || e.email.toLowerCase() === assignee.name.toLowerCase());
    const candidates = exact.length === 1 ? exact : found;
    if (candidates.length === 0) throw new CommandRefusal(t('scNoSuchEmployee', { name: esc(assignee.name) }));
    if (candidates.length > 1) {
      throw new CommandRefusal(t('scAmbiguousEmployee', { name: esc(assignee.name), names: candidates.map((e) => esc(e.name)).join(', ') }));
    }
    employee = candidates[0]!;
  }
  if (!employee.active) throw new CommandRefusal(t('scInactiveAssignee', { name: esc(employee.name) }));
  return employee;
}

export async function assignCommand(ctx: CommandContext, command: Of<'assign'>): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  const employee = await employeeFor(ctx, command.assignee);
  await reassignContact(ctx.deps.db, ctx.user.actor, { id: contact.id, ownerId: employee.id });
  await reply(ctx, ctx.user.t('scAssigned', { number: contact.number, name: esc(employee.name) }));
  await refreshHome(ctx);
  // The new owner's App Home now lists the contact too.
  if (employee.slackUserId && employee.id !== ctx.user.employee.id) await refreshHome(ctx, slackUserFor(employee, employee.slackUserId));
}

export async function priorityCommand(ctx: CommandContext, command: Of<'priority'>): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  await updateContact(ctx.deps.db, ctx.user.actor, { id: contact.id, priority: command.priority });
  const t = ctx.user.t;
  await reply(ctx, t('scPrioritySet', { number: contact.number, priority: t(command.priority) }));
  await refreshHome(ctx);
}

/** A CONFLICT whose current contact already has `status`: the close/reopen was not needed. */
const alreadyIn = (error: unknown, status: 'open' | 'closed') =>
  isAppError(error, 'CONFLICT') && (error.details.current as { status?: string } | undefined)?.status === status;

export async function closeCommand(ctx: CommandContext, command: Of<'close'>): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  const t = ctx.user.t;
  try {
    await closeContact(ctx.deps.db, ctx.user.actor, { id: contact.id, outcome: command.outcome });
  } catch (error) {
    if (alreadyIn(error, 'closed')) throw new CommandRefusal(t('scAlreadyClosed', { number: contact.number }));
    throw error;
  }
  const outcome = command.outcome ? t(`outcome_${command.outcome}`) : null;
  await reply(ctx, outcome ? t('scClosedOutcome', { number: contact.number, outcome }) : t('scClosed', { number: contact.number }));
  await refreshHome(ctx);
}

export async function reopenCommand(ctx: CommandContext, command: Of<'reopen'>): Promise<void> {
  const contact = await contactFor(ctx, command.ref);
  try {
    await reopenContact(ctx.deps.db, ctx.user.actor, { id: contact.id });
  } catch (error) {
    if (alreadyIn(error, 'open')) throw new CommandRefusal(ctx.user.t('scAlreadyOpen', { number: contact.number }));
    throw error;
  }
  await reply(ctx, ctx.user.t('scReopened', { number: contact.number }));
  await refreshHome(ctx);
}
