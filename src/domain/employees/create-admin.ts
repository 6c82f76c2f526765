import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { requiredText } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { employeeFields, employeeOmit } from './employee-fields.ts';
import { hashPassword } from './password.ts';

const createAdminInput = z.object({ name: requiredText(200), email: employeeFields.email, password: z.string() });
export type CreateAdminInput = z.input<typeof createAdminInput>;

/**
 * For the CLI's create-admin: creates an active admin, or — when the e-mail already exists —
 * makes that employee an active admin with the new password (their name is kept). Running it
 * twice is harmless, and it is the way back in when every admin is locked out.
 */
export async function createAdmin(db: Db | Tx, input: CreateAdminInput) {
  const { name, email, password } = parseInput(createAdminInput, input);
  const passwordHash = await hashPassword(password);
  const admin = { role: 'admin', active: true, passwordHash } as const;
  return db.employee.upsert({ where: { email }, create: { name, email, ...admin }, update: admin, omit: employeeOmit });
}
