import type { Channel, Role } from '../../generated/prisma/enums.ts';

/**
 * Who is doing something and through which channel. Every domain function that changes data
 * takes one, so history can say "who, when, through which channel".
 * `employeeId: null` is the system itself (workers, the mail ingester before it knows the sender).
 */
export type Actor = {
  employeeId: number | null;
  role: Role | 'system';
  channel: Channel;
};

export const systemActor = (channel: Channel = 'system'): Actor => ({ employeeId: null, role: 'system', channel });

export const isPrivileged = (actor: Actor) => actor.role === 'admin' || actor.role === 'system';
