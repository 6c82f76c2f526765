import type { Context } from 'hono';
import { translator, type Translator } from '../../views/i18n/messages.ts';
import type { Actor } from '../domain/shared/actor.ts';
import { isAppError, notFound, type AppError } from '../errors.ts';
import type { PanelEnv } from './security.ts';

/** What every signed-in page handler needs: who acts, their language, and the layout props. */
export function panel(c: Context<PanelEnv>): { actor: Actor; t: Translator; layout: { t: Translator; employee: { name: string; role: 'admin' | 'member' }; csrfToken: string }; employeeId: number; sessionId: string } {
  const session = c.get('signedIn');
  if (!session) throw new Error('panel() used on a route without requireSignIn');
  const { employee } = session;
  const t = translator(employee.locale, employee.timeZone);
  return {
    actor: { employeeId: employee.id, role: employee.role, channel: 'panel' },
    t,
    layout: { t, employee, csrfToken: session.csrfToken },
    employeeId: employee.id,
    sessionId: session.sessionId,
  };
}

/** Form fields as strings (files and repeated fields are not used by these forms). */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** A positive integer id from the path; anything else is simply not found. */
export function pathId(raw: string, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound(what, raw);
  return id;
}

/** A VALIDATION error's field messages as one line for a form. */
export const fieldMessages = (error: AppError) => Object.values(error.details.fields ?? {}).join('; ');

/** Runs a domain write; a VALIDATION error comes back as the field messages to show (422). */
export async function attempt<T>(write: () => Promise<T>): Promise<{ saved: T } | { errors: Record<string, string> }> {
  try {
    return { saved: await write() };
  } catch (error) {
    if (!isAppError(error, 'VALIDATION')) throw error;
    return { errors: error.details.fields ?? { _: error.message } };
  }
}
