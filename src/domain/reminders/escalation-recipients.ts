// Who hears about a subject overdue for too long: shared by planning and the check at sending time.
import type { Role } from '../../generated/prisma/enums.ts';

/**
 * The owner's manager when active, else every active admin but the owner. `employees` and
 * `admins` hold active employees only.
 */
export function escalationRecipients<E extends { id: number; role: Role }>(
  ctx: { employees: ReadonlyMap<number, E>; admins: readonly E[] },
  owner: { id: number; managerId: number | null },
): E[] {
  const manager = owner.managerId !== null ? ctx.employees.get(owner.managerId) : undefined;
  if (manager && manager.id !== owner.id) return [manager];
  return ctx.admins.filter((a) => a.id !== owner.id);
}
