// What `/contact help` says, and how a command that could not be read is explained: what was wrong
// plus the closest valid command or the subcommand's usage line.
import type { MessageKey, Translator } from '../../../views/i18n/messages.ts';
import { longDateTime } from './format.ts';
import { ALIASES, SUBCOMMANDS, type CommandProblem, type Subcommand } from './parse-command.ts';

const HELP_LINES: Record<Subcommand, MessageKey> = {
  help: 'scHelpHelp', new: 'scHelpNew', note: 'scHelpNote', task: 'scHelpTask', show: 'scHelpShow', find: 'scHelpFind', mine: 'scHelpMine',
  overdue: 'scHelpOverdue', high: 'scHelpHigh', due: 'scHelpDue', assign: 'scHelpAssign', priority: 'scHelpPriority', close: 'scHelpClose', reopen: 'scHelpReopen',
  forecast: 'scHelpForecast', activity: 'scHelpActivity',
};

/** The subcommand's name in the employee's language (the first alias). */
export const subcommandName = (name: Subcommand, t: Translator) => ALIASES[name][t.locale][0] ?? name;

/** Every subcommand with an example, its other names, then the accepted numbers and dates. */
export function helpText(t: Translator): string {
  const other = t.locale === 'pl' ? 'en' : 'pl';
  const lines = SUBCOMMANDS.map((name) => {
    const names = [...ALIASES[name][t.locale].slice(1), ...ALIASES[name][other]];
    return `• ${t(HELP_LINES[name])} _${t('scHelpAlso', { names: names.join(', ') })}_`;
  });
  return [t('scHelpTitle'), ...lines, t('scHelpNumbers', { zone: t.timeZone })].join('\n');
}

const usage = (name: Subcommand, t: Translator) => t('scUsage', { line: t(HELP_LINES[name]) });

export function problemText(problem: CommandProblem, t: Translator): string {
  switch (problem.problem) {
    case 'unknownSubcommand':
      return problem.suggestion
        ? t('scUnknownSubcommand', { word: problem.word, suggestion: problem.suggestion })
        : t('scUnknownSubcommandNoGuess', { word: problem.word });
    case 'usage':
      return `${t('scProblemUsage', { name: subcommandName(problem.name, t) })} ${usage(problem.name, t)}`;
    case 'badNumber':
      return `${t('scBadNumber', { value: problem.value })} ${usage(problem.name, t)}`;
    case 'badWhen':
      return t('scBadWhen', { value: problem.value });
    case 'whenLeftover':
      return t('scWhenLeftover', { matched: problem.matched, when: longDateTime(problem.at, t), rest: problem.rest });
    case 'noTaskText':
      return t('scNoTaskText', { when: longDateTime(problem.at, t) });
    case 'badPriority':
      return t('scBadPriority', { value: problem.value });
    case 'badOutcome':
      return t('scBadOutcome', { value: problem.value });
  }
}
