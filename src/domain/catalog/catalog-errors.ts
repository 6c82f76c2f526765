import { validation } from '../../errors.ts';
import { isUniqueViolation } from '../shared/unique-violation.ts';

/** Payment forms and contact kinds are picked by name, so a second one with the same name is refused. */
export function nameWriteError(error: unknown, name: string | undefined): unknown {
  if (isUniqueViolation(error, 'name')) return validation({ name: name ? `name ${name} already in use` : 'name already in use' });
  return error;
}
