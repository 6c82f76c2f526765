// `/contact forecast` and `/contact activity [@user] [week|month]`: the dashboards' figures in a
// few ephemeral lines with a link to the page. The figures come from the same domain functions
// as the panel's dashboards, in the asker's time zone.
import { getActivitySummary } from '../../domain/analytics/activity.ts';
import { getForecast, type ForecastFigures } from '../../domain/analytics/forecast.ts';
import { esc } from '../blocks/mrkdwn.ts';
import { employeeFor } from './change-commands.ts';
import { reply, type CommandContext } from './command-context.ts';
import type { Command } from './parse-command.ts';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

/** Grosze (bigint) as money in the asker's language. */
const money = (ctx: CommandContext, grosze: bigint) => ctx.user.t.money(Number(grosze) / 100);

/** How many months of the forecast the summary lists one by one (the page shows six). */
const SUMMARY_MONTHS = 3;

export async function forecastCommand(ctx: CommandContext): Promise<void> {
  const t = ctx.user.t;
  const forecast = await getForecast(ctx.deps.db, { now: new Date(), timeZone: t.timeZone });
  const row = (label: string, f: ForecastFigures) => t('scForecastRow', { label, count: f.count, value: money(ctx, f.value), weighted: money(ctx, f.weighted) });
  const monthName = new Intl.DateTimeFormat(t.locale === 'pl' ? 'pl-PL' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const lines = [t('scForecastTitle')];
  for (const m of forecast.months) {
    if (m.bucket === 'month' && m.month && forecast.window.indexOf(m.month) < SUMMARY_MONTHS) lines.push(row(monthName.format(new Date(`${m.month}-01T00:00:00Z`)), m));
    else if (m.bucket === 'overdue' && m.count > 0) lines.push(row(t('scForecastOverdue'), m));
    else if (m.bucket === 'undated' && m.count > 0) lines.push(row(t('scForecastUndated'), m));
  }
  lines.push(t('scForecastTotal', { count: forecast.total.count, value: money(ctx, forecast.total.value), weighted: money(ctx, forecast.total.weighted) }));
  lines.push(t('scForecastLink', { url: `${ctx.deps.publicUrl}/forecast` }));
  await reply(ctx, lines.join('\n'));
}

export async function activityCommand(ctx: CommandContext, command: Of<'activity'>): Promise<void> {
  const t = ctx.user.t;
  const employee = command.who ? await employeeFor(ctx, command.who) : ctx.user.employee;
  const s = await getActivitySummary(ctx.deps.db, { employeeId: employee.id, bucket: command.bucket, now: new Date(), timeZone: t.timeZone });
  const now = s.current.figures;
  const before = s.previous.figures;
  const lines = [
    t('scActivityTitle', { name: esc(employee.name), current: s.current.label, previous: s.previous.label }),
    t('scActivityNotes', { current: now.notesTotal, previous: before.notesTotal }),
    ...s.notesByKind.map((k) => t('scActivityNoteKind', { kind: esc(k.kind), current: k.current, previous: k.previous })),
    t('scActivityTasks', { planned: now.tasksPlanned, previousPlanned: before.tasksPlanned, onTime: now.tasksDoneOnTime, late: now.tasksDoneLate, overdue: now.tasksOverdue }),
    t('scActivityContacts', {
      opened: now.contactsOpened, previousOpened: before.contactsOpened, won: now.contactsWon, previousWon: before.contactsWon, lost: now.contactsLost, previousLost: before.contactsLost,
    }),
    t('scActivityDocuments', { count: now.documentsIssued, previousCount: before.documentsIssued, value: money(ctx, now.documentsNetGrosze), previousValue: money(ctx, before.documentsNetGrosze) }),
    t('scActivityLink', { url: `${ctx.deps.publicUrl}/activity?${new URLSearchParams({ bucket: command.bucket, employee: String(employee.id) })}` }),
  ];
  await reply(ctx, lines.join('\n'));
}
