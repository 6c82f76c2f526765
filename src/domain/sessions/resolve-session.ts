import type { Db } from '../../db.ts';
import { DEFAULT_SESSION_POLICY, sessionIdOf, type SessionPolicy } from './session-tokens.ts';

/** How often lastSeenAt is written: not on every request. */
const TOUCH_EVERY_MS = 60_000;

export type SignedIn = {
  sessionId: string;
  csrfToken: string;
  employee: { id: number; name: string; email: string; role: 'admin' | 'member'; locale: 'pl' | 'en'; timeZone: string };
};

/** The session for a cookie token, or null when unknown, expired, idle too long or its employee is inactive. */
export async function resolveSession(db: Db, token: string | undefined, policy: SessionPolicy = DEFAULT_SESSION_POLICY, now = new Date()): Promise<SignedIn | null> {
  if (!token || token.length > 100) return null;
  const id = sessionIdOf(token);
  const session = await db.session.findUnique({
    where: { id },
    include: { employee: { select: { id: true, name: true, email: true, role: true, locale: true, timeZone: true, active: true } } },
  });
  if (!session) return null;
  const expired = session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > policy.idleMs;
  if (expired || !session.employee.active) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id }, data: { lastSeenAt: now } });
  }
  const { active: _active, ...employee } = session.employee;
  return { sessionId: id, csrfToken: session.csrfToken, employee };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** After a password change: every other session of the employee ends. */
export async function endOtherSessions(db: Db, employeeId: number, keepSessionId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { employeeId, id: { not: keepSessionId } } });
  return count;
}
