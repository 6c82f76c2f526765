import { z } from 'zod';
import type { Db } from '../../db.ts';
import { AppError } from '../../errors.ts';
import { verifyPassword } from '../employees/password.ts';
import { parseInput } from '../shared/validate.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { DEFAULT_SESSION_POLICY, newToken, sessionIdOf, type SessionPolicy } from './session-tokens.ts';

const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'required').max(320),
  password: z.string().min(1, 'required').max(1024),
  ip: z.string().max(100),
  userAgent: z.string().max(500).optional(),
});

// Verifying against a real hash even for unknown e-mails keeps the answer time the same.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Checks the e-mail and password of an active employee and opens a new session (a new token at
 * every sign-in). Throttled per account and per IP; the error never says which part was wrong.
 */
export async function signIn(db: Db, throttle: LoginThrottle, input: z.input<typeof signInInput>, policy: SessionPolicy = DEFAULT_SESSION_POLICY) {
  const { email, password, ip, userAgent } = parseInput(signInInput, input);
  const wait = await throttle.retryAfter(email, ip);
  if (wait > 0) {
    throw new AppError('FORBIDDEN', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} min.`, { current: { retryAfterSeconds: wait } });
  }
  const employee = await db.employee.findUnique({ where: { email } });
  const ok = await verifyPassword(password, employee?.passwordHash ?? DUMMY_HASH);
  if (!employee || !employee.active || !employee.passwordHash || !ok) {
    await throttle.recordFailure(email, ip);
    throw new AppError('VALIDATION', 'Wrong e-mail or password', { fields: { password: 'wrong e-mail or password' } });
  }
  await throttle.recordSuccess(email);
  const token = newToken();
  const now = Date.now();
  await db.session.create({
    data: {
      id: sessionIdOf(token),
      employeeId: employee.id,
      csrfToken: newToken(),
      expiresAt: new Date(now + policy.absoluteMs),
      userAgent: userAgent ?? null,
    },
  });
  // Sessions past their absolute expiry are no use to anyone: sweep them now and then.
  if (Math.random() < 0.05) await db.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  return { token, employeeId: employee.id };
}
