import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Db } from '../../db.ts';
import { getEmployee } from '../../domain/employees/get-employee.ts';
import { updateEmployee } from '../../domain/employees/update-employee.ts';
import { changeOwnPassword } from '../../domain/sessions/change-own-password.ts';
import type { LoginThrottle } from '../../domain/sessions/login-throttle.ts';
import { endSession } from '../../domain/sessions/resolve-session.ts';
import type { SessionPolicy } from '../../domain/sessions/session-tokens.ts';
import { signIn } from '../../domain/sessions/sign-in.ts';
import { isAppError } from '../../errors.ts';
import { localeFromAcceptLanguage, translator } from '../../../views/i18n/messages.ts';
import { AccountPage, type Preferences } from '../../../views/pages/account.tsx';
import { LoginPage } from '../../../views/pages/login.tsx';
import { fieldMessages, formFields, panel } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';

type AuthDeps = { db: Db; throttle: LoginThrottle; policy: SessionPolicy; cookieName: string; secureCookie: boolean };

/** Only local paths: `next` must not send anyone to another site after sign-in. */
const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/contacts');

function clientIp(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function authRoutes(deps: AuthDeps) {
  const app = new Hono<PanelEnv>();

  app.get('/login', (c) => {
    if (c.get('signedIn')) return c.redirect('/contacts', 303);
    const t = translator(localeFromAcceptLanguage(c.req.header('Accept-Language')));
    return c.html(<LoginPage t={t} next={c.req.query('next')} />);
  });

  app.post('/login', async (c) => {
    const form = await formFields(c);
    const t = translator(localeFromAcceptLanguage(c.req.header('Accept-Language')));
    try {
      const { token } = await signIn(deps.db, deps.throttle, { email: form.email ?? '', password: form.password ?? '', ip: clientIp(c), userAgent: c.req.header('User-Agent') }, deps.policy);
      setCookie(c, deps.cookieName, token, { httpOnly: true, secure: deps.secureCookie, sameSite: 'Lax', path: '/', maxAge: Math.floor(deps.policy.absoluteMs / 1000) });
      return c.redirect(safeNext(form.next), 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const throttled = error.code === 'FORBIDDEN';
      const wait = (error.details.current as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
      const message = throttled ? t('tooManyAttempts', { minutes: Math.ceil(wait / 60) }) : t('wrongCredentials');
      if (throttled) c.header('Retry-After', String(wait));
      return c.html(<LoginPage t={t} email={form.email} error={message} next={form.next} />, throttled ? 429 : 401);
    }
  });

  app.post('/logout', async (c) => {
    const session = c.get('signedIn');
    if (session) await endSession(deps.db, session.sessionId);
    deleteCookie(c, deps.cookieName, { path: '/', secure: deps.secureCookie });
    return c.redirect('/login', 303);
  });

  const preferences = async (employeeId: number): Promise<Preferences> => {
    const e = await getEmployee(deps.db, employeeId);
    return { locale: e.locale, timeZone: e.timeZone, reminderChannel: e.reminderChannel, workingHours: e.workingHours as Preferences['workingHours'] };
  };

  app.get('/account', requireSignIn, async (c) => {
    const p = panel(c);
    return c.html(<AccountPage {...p.layout} preferences={await preferences(p.employeeId)} />);
  });

  /** The employee's own language, time zone, reminder channel and working hours. */
  app.post('/account/preferences', requireSignIn, async (c) => {
    const p = panel(c);
    const body = await c.req.parseBody({ all: true });
    const one = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const days = ([] as unknown[]).concat(body.days ?? []).map(Number);
    const input = { locale: one('locale'), timeZone: one('timeZone'), reminderChannel: one('reminderChannel'), workingHours: { days, start: one('start'), end: one('end') } };
    try {
      const updated = await updateEmployee(deps.db, p.actor, { id: p.employeeId, ...input });
      // The answer already speaks the chosen language.
      const t = translator(updated.locale, updated.timeZone);
      return c.html(<AccountPage {...p.layout} t={t} preferences={await preferences(p.employeeId)} message={t('preferencesSaved')} />);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      const fields = Object.fromEntries(Object.entries(error.details.fields ?? {}).map(([k, v]) => [k.split('.')[0]!, v]));
      return c.html(<AccountPage {...p.layout} preferences={input as Preferences} preferencesError={fields} />, 422);
    }
  });

  app.post('/account/password', requireSignIn, async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const current = await preferences(p.employeeId);
    try {
      await changeOwnPassword(deps.db, { employeeId: p.employeeId, sessionId: p.sessionId, currentPassword: form.currentPassword ?? '', newPassword: form.newPassword ?? '' });
      return c.html(<AccountPage {...p.layout} preferences={current} message={p.t('passwordChanged')} />);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(<AccountPage {...p.layout} preferences={current} error={fieldMessages(error)} />, 422);
    }
  });

  return app;
}
