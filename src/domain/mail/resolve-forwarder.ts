import type { Db, Tx } from '../../db.ts';
import { findEmployeeByEmail } from '../employees/find-employee-by-email.ts';
import type { Actor } from '../shared/actor.ts';
import { systemActor } from '../shared/actor.ts';
import { isAllowedDomain, isFaxGateway } from './mail-settings.ts';
import type { MailSettings, ParsedMail } from './parsed-mail.ts';

export type ForwarderCheck =
  | { accepted: true; employee: { id: number; email: string; name: string; role: 'admin' | 'member' } | null; author: Actor; detail: string }
  | { accepted: false; detail: string };

/** What the forwarder check needs to know of the employee with the From address (null: none). */
export type ForwarderEmployee = { id: number; email: string; name: string; role: 'admin' | 'member'; active: boolean } | null;

/**
 * Who may feed the inbox: an active employee, an address in an allowed domain, or a configured fax
 * gateway. Anything else is quarantined (kept raw, never attached). The note's author is the
 * employee when it is one, otherwise the system (channel email).
 */
export async function resolveForwarder(db: Db | Tx, parsed: Pick<ParsedMail, 'from' | 'fax'>, settings: MailSettings): Promise<ForwarderCheck> {
  const address = forwarderAddress(parsed);
  return checkForwarder(address ? await findEmployeeByEmail(db, address) : null, parsed, settings);
}

/** The From address as the forwarder check reads it (trimmed, lower case; '' when missing). */
export const forwarderAddress = (parsed: Pick<ParsedMail, 'from'>) => parsed.from?.address?.trim().toLowerCase() ?? '';

/** resolveForwarder for a caller that already looked the employee up (processMail, in its own query). */
export function checkForwarder(employee: ForwarderEmployee, parsed: Pick<ParsedMail, 'from' | 'fax'>, settings: MailSettings): ForwarderCheck {
  const address = forwarderAddress(parsed);
  if (!address) return { accepted: false, detail: 'unknown forwarder: the message has no From address' };
  if (employee?.active) {
    return {
      accepted: true,
      employee: { id: employee.id, email: employee.email, name: employee.name, role: employee.role },
      author: { employeeId: employee.id, role: employee.role, channel: 'email' },
      detail: `forwarded by ${employee.name} <${employee.email}>, an active employee`,
    };
  }
  if (parsed.fax || isFaxGateway(address, settings.faxSenders)) return { accepted: true, employee: null, author: systemActor('email'), detail: `${address} is a fax gateway` };
  if (isAllowedDomain(address, settings.allowedDomains)) return { accepted: true, employee: null, author: systemActor('email'), detail: `${address} is in an allowed domain` };
  const why = employee ? 'an inactive employee' : 'not an active employee nor in an allowed domain';
  return { accepted: false, detail: `unknown forwarder ${address}: ${why}` };
}
