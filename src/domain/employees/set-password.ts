import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { forbidden, notFound, validation } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { hashPassword, verifyPassword } from './password.ts';

const setPasswordInput = z.object({
  employeeId: id,
  password: z.string(),
  /** Required when an employee changes their own existing password, so a left-open session cannot. */
  currentPassword: z.string().optional(),
});
export type SetPasswordInput = z.input<typeof setPasswordInput>;

/** Sets an employee's password: admins for anyone, an employee for themselves. */
export async function setPassword(db: Db | Tx, actor: Actor, input: unknown): Promise<void> {
  const { employeeId, password, currentPassword } = parseInput(setPasswordInput, input);
  const privileged = isPrivileged(actor);
  if (!privileged && actor.employeeId !== employeeId) throw forbidden("only admins may set another employee's password");
  const employee = await db.employee.findUnique({ where: { id: employeeId }, select: { passwordHash: true } });
  if (!employee) throw notFound('employee', employeeId);
  if (!privileged && employee.passwordHash && !(await verifyPassword(currentPassword ?? '', employee.passwordHash))) {
    throw validation({ currentPassword: 'wrong password' });
  }
  await db.employee.update({ where: { id: employeeId }, data: { passwordHash: await hashPassword(password) } });
}
