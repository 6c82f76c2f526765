// One `/contact` invocation after its ack: who is asking, what they typed, which handler runs.
// Every refusal and error ends as an ephemeral reply in the employee's language.
import { openNewContactModal } from '../modals/new-contact-modal.ts';
import { asEmployee } from '../listener-kit.ts';
import { showCommand } from './card-commands.ts';
import { assignCommand, closeCommand, dueCommand, priorityCommand, reopenCommand } from './change-commands.ts';
import { CommandRefusal, reply, type CommandContext } from './command-context.ts';
import { helpText, problemText } from './help.ts';
import { listCommand } from './list-commands.ts';
import { activityCommand, forecastCommand } from './analytics-commands.ts';
import { noteCommand, taskCommand } from './note-commands.ts';
import { parseCommand, type Command } from './parse-command.ts';

export type Invocation = Omit<CommandContext, 'user'> & { slackUserId: string; text: string };

export async function runCommand(invocation: Invocation): Promise<void> {
  const { slackUserId, text, ...rest } = invocation;
  const sendText = (message: string) => rest.respond({ response_type: 'ephemeral', replace_original: false, text: message });
  await asEmployee(rest.deps, rest.client, slackUserId, sendText, async (user) => {
    const ctx: CommandContext = { ...rest, user };
    const parsed = parseCommand(text, { timeZone: user.t.timeZone });
    try {
      await (parsed.ok ? run(ctx, parsed.command) : reply(ctx, problemText(parsed.problem, user.t)));
    } catch (error) {
      // Refusals are expected answers; anything else goes to asEmployee (errorText, logged).
      if (!(error instanceof CommandRefusal)) throw error;
      await reply(ctx, error.text);
    }
  });
}

/** `new` and `note <number>` without text open a modal: the trigger id expires 3 s after the command. */
const opensModal = (command: Command) => command.name === 'new' || (command.name === 'note' && command.text === '');

function run(ctx: CommandContext, command: Command): Promise<unknown> {
  // Everything else waits its turn in the work lane (a burst is worked off 16 at a time).
  const lane = ctx.deps.lane;
  return lane && !opensModal(command) ? lane(() => execute(ctx, command)) : execute(ctx, command);
}

function execute(ctx: CommandContext, command: Command): Promise<unknown> {
  switch (command.name) {
    case 'help': return reply(ctx, helpText(ctx.user.t));
    case 'new': return openNewContactModal(ctx.deps, ctx.client, ctx.triggerId, ctx.user);
    case 'note': return noteCommand(ctx, command);
    case 'task': return taskCommand(ctx, command);
    case 'show': return showCommand(ctx, command);
    case 'find': case 'mine': case 'overdue': case 'high': return listCommand(ctx, command);
    case 'due': return dueCommand(ctx, command);
    case 'assign': return assignCommand(ctx, command);
    case 'priority': return priorityCommand(ctx, command);
    case 'close': return closeCommand(ctx, command);
    case 'reopen': return reopenCommand(ctx, command);
    case 'forecast': return forecastCommand(ctx);
    case 'activity': return activityCommand(ctx, command);
  }
}
