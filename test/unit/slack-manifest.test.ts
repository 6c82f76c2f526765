import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND, SHORTCUTS } from '../../src/slack/ids.ts';
import { slackManifest } from '../../src/slack/manifest.ts';

describe('Slack app manifest', () => {
  it('the checked-in example equals what `cli slack-manifest` builds (regenerate it when ids change)', () => {
    const checkedIn = JSON.parse(readFileSync(new URL('../../src/slack/slack-manifest.json', import.meta.url), 'utf8'));
    expect(checkedIn).toEqual(slackManifest({ publicUrl: 'https://kontakt.example.com', socketMode: false }));
  });

  it('HTTP mode points commands, events, interactivity and options at /slack/events; unfurls the panel host', () => {
    const m = slackManifest({ publicUrl: 'https://crm.firma.pl/', socketMode: false });
    const url = 'https://crm.firma.pl/slack/events';
    expect(m.features.slash_commands).toEqual([expect.objectContaining({ command: COMMAND, url, should_escape: true })]);
    expect(m.features.shortcuts.map((s) => s.callback_id).sort()).toEqual(Object.values(SHORTCUTS).sort());
    expect(m.settings.event_subscriptions).toEqual({ request_url: url, bot_events: ['app_home_opened', 'link_shared', 'message.im'] });
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: url, message_menu_options_url: url });
    expect(m.features.unfurl_domains).toEqual(['crm.firma.pl']);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('Socket Mode has no request URLs', () => {
    const m = slackManifest({ publicUrl: 'http://10.0.0.5:3000', socketMode: true });
    expect(JSON.stringify(m)).not.toContain('/slack/events');
    expect(m.settings.socket_mode_enabled).toBe(true);
  });
});
