// The employee's own account page: language, time zone, reminder channel and working hours.
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../helpers/db.ts';
import { usePanelApp } from '../helpers/panel.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

const preferences = (overrides: Record<string, string | string[]> = {}) => {
  const fields = { locale: 'en', timeZone: 'America/New_York', reminderChannel: 'email', start: '09:30', end: '18:00', days: ['1', '2', '3', '4'], ...overrides };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of ([] as string[]).concat(v)) params.append(k, one);
  return params;
};

describe('account preferences', () => {
  it('switches the language: the answer and every later page speak it', async () => {
    const b = await panelApp.browser({ locale: 'pl' });
    expect(await (await b.get('/account')).text()).toContain('Ustawienia');
    const res = await b.post('/account/preferences', preferences());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Preferences saved.');
    expect(html).toContain('<html lang="en"');
    const stored = await t.db.employee.findUniqueOrThrow({ where: { id: b.employee.id } });
    expect(stored).toMatchObject({ locale: 'en', timeZone: 'America/New_York', reminderChannel: 'email', workingHours: { days: [1, 2, 3, 4], start: '09:30', end: '18:00' } });
    expect(await (await b.get('/contacts')).text()).toContain('New contact');
  });

  it('refuses an unknown time zone and an empty week next to the fields, changing nothing', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const res = await b.post('/account/preferences', preferences({ timeZone: 'Mars/Olympus', days: [] }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('unknown time zone');
    expect(html).toContain('at least one day');
    expect((await t.db.employee.findUniqueOrThrow({ where: { id: b.employee.id } })).timeZone).toBe('Europe/Warsaw');
  });

  it('may not change the role through the preferences form', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const params = preferences();
    params.append('role', 'admin');
    expect((await b.post('/account/preferences', params)).status).toBe(200);
    expect((await t.db.employee.findUniqueOrThrow({ where: { id: b.employee.id } })).role).toBe('member');
  });

  it('needs the CSRF token', async () => {
    const b = await panelApp.browser();
    const res = await b.post('/account/preferences', preferences(), { 'X-CSRF-Token': 'forged' });
    expect(res.status).toBe(403);
    expect((await t.db.employee.findUniqueOrThrow({ where: { id: b.employee.id } })).locale).toBe('pl');
  });
});
