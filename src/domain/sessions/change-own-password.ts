import type { Db } from '../../db.ts';
import { notFound, validation } from '../../errors.ts';
import { hashPassword, verifyPassword } from '../employees/password.ts';
import { endOtherSessions } from './resolve-session.ts';

/**
 * An employee changes their own password from the panel: the current one is always required
 * (admins too), and every other session of theirs ends.
 */
export async function changeOwnPassword(db: Db, input: { employeeId: number; sessionId: string; currentPassword: string; newPassword: string }) {
  const employee = await db.employee.findUnique({ where: { id: input.employeeId }, select: { passwordHash: true } });
  if (!employee) throw notFound('employee', input.employeeId);
  if (!employee.passwordHash || !(await verifyPassword(input.currentPassword, employee.passwordHash))) {
    throw validation({ currentPassword: 'wrong password' });
  }
  await db.employee.update({ where: { id: input.employeeId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  return { endedSessions: await endOtherSessions(db, input.employeeId, input.sessionId) };
}
