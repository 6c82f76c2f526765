import type { Db, Tx } from '../../db.ts';
import { canonicalTimeZone, employeeOmit, employeeWriteError } from './employee-fields.ts';

/**
 * Links a Slack user to the employee found by e-mail (first use of Slack). The employee's time zone
 * is taken from the Slack profile while it still has the default one: what the person set in
 * Slack is a better guess than ours; a zone chosen in the panel is never overwritten.
 * An employee already linked to another Slack user is left as it is (returns null).
 */
export async function linkSlackUser(db: Db | Tx, input: { employeeId: number; slackUserId: string; slackTimeZone?: string | null }, defaultTimeZone = 'Europe/Warsaw') {
  const slackUserId = input.slackUserId.trim().toUpperCase();
  const zone = input.slackTimeZone ? canonicalTimeZone(input.slackTimeZone) : null;
  try {
    const { count } = await db.employee.updateMany({ where: { id: input.employeeId, slackUserId: null }, data: { slackUserId } });
    if (count === 0) return null;
    if (zone) await db.employee.updateMany({ where: { id: input.employeeId, timeZone: defaultTimeZone }, data: { timeZone: zone } });
    return db.employee.findUnique({ where: { id: input.employeeId }, omit: employeeOmit });
  } catch (error) {
    throw employeeWriteError(error);
  }
}
