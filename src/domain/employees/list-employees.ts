import type { Db, Tx } from '../../db.ts';
import type { Role } from '../../generated/prisma/enums.ts';
import { employeeOmit } from './employee-fields.ts';

/** Options for listEmployees. */
export type ListEmployeesOptions = {
  active?: boolean;
  role?: Role;
  managerId?: number;
  /** Part of the name or e-mail, case-insensitive. */
  search?: string;
  /** At most 1000; 200 by default. */
  limit?: number;
};

/** Employees ordered by name. */
export async function listEmployees(db: Db | Tx, options: ListEmployeesOptions = {}) {
  const search = options.search?.trim();
  return db.employee.findMany({
    where: {
      active: options.active,
      role: options.role,
      managerId: options.managerId,
      ...(search && {
        OR: [{ name: { contains: search, mode: 'insensitive' } }, { email: { contains: search, mode: 'insensitive' } }],
      }),
    },
    omit: employeeOmit,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: Math.min(Math.max(options.limit ?? 200, 1), 1000),
  });
}
