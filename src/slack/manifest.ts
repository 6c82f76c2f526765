// The Slack app manifest (https://docs.slack.dev/reference/app-manifest), built from the same ids
// the listeners use (ids.ts), for this installation's address. `npm run cli -- slack-manifest`
// prints it; paste it into "Create New App → From a manifest" (README, "Slack app").
import { COMMAND, SHORTCUTS } from './ids.ts';

export const BOT_SCOPES = [
  'commands', // /contact, shortcuts
  'chat:write', // replies, DMs (reminders, triage, confirmations), message updates after a button
  'im:write', // open a DM with an employee
  'im:history', // read DMs sent to the bot (filing them as notes)
  'users:read', // who is who: users.info
  'users:read.email', // … matched to employees by e-mail
  'files:read', // download files of captured messages
  'links:read', // link_shared for panel URLs
  'links:write', // chat.unfurl
] as const;

export function slackManifest(options: { publicUrl: string; socketMode: boolean; name?: string }) {
  const url = `${options.publicUrl.replace(/\/+$/, '')}/slack/events`;
  const withUrl = <T extends object>(value: T) => (options.socketMode ? value : { ...value, url });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: options.name ?? 'Kontakt',
      description: 'Contacts and cases: notes, deadlines, files — from Slack',
      long_description:
        'Kontakt keeps every matter with a customer in one place. From Slack you can create contacts, add notes and tasks, change deadlines, reassign, close, turn a message and its files into a note, and act on reminders. Everything shows up in the Kontakt panel and in the contact\'s history.',
      background_color: '#1f4e79',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: options.name ?? 'Kontakt', always_online: true },
      shortcuts: [
        { name: 'Add to contact', type: 'message', callback_id: SHORTCUTS.addToContact, description: 'File this message and its files as a note on a contact' },
        { name: 'New contact', type: 'global', callback_id: SHORTCUTS.newContact, description: 'Register a new contact' },
      ],
      slash_commands: [
        withUrl({
          command: COMMAND,
          description: 'Contacts: new, note, task, show, find, due, assign, close…',
          usage_hint: 'help | new | note 42 text | show 42 | due 42 jutro 15:00',
          // Mentions arrive as <@U123|name>: `assign 42 @anna` needs the user id.
          should_escape: true,
        }),
      ],
      unfurl_domains: [new URL(options.publicUrl).hostname],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: {
        ...(options.socketMode ? {} : { request_url: url }),
        bot_events: ['app_home_opened', 'link_shared', 'message.im'],
      },
      interactivity: { is_enabled: true, ...(options.socketMode ? {} : { request_url: url, message_menu_options_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
