import type { Db, Tx } from '../../db.ts';
import { employeeOmit } from './employee-fields.ts';

/** The employee linked to a Slack user id; null if none. Inactive ones included: callers decide. */
export async function findEmployeeBySlackUserId(db: Db | Tx, slackUserId: string) {
  const slackId = slackUserId.trim().toUpperCase();
  if (!slackId) return null;
  return db.employee.findUnique({ where: { slackUserId: slackId }, omit: employeeOmit });
}
