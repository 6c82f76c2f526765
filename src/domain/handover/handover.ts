// Handover: when an employee leaves or changes role, all their open contacts and open tasks move
// to a successor in one transaction, each with a history entry. All or nothing.
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { forbidden, validation } from '../../errors.ts';
import { isPrivileged, type Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { inTransaction } from '../shared/transaction.ts';
import { parseInput } from '../shared/validate.ts';

const handoverInput = z
  .object({ fromEmployeeId: id, toEmployeeId: id })
  .refine((v) => v.fromEmployeeId !== v.toEmployeeId, { message: 'choose a different successor', path: ['toEmployeeId'] });

const openContactsOf = (employeeId: number) => ({ ownerId: employeeId, status: 'open' as const });
const openTasksOf = (employeeId: number) => ({ assigneeId: employeeId, dueAt: { not: null }, doneAt: null });

/** What a handover would move: shown to the admin before they confirm. */
export async function previewHandover(db: Db, fromEmployeeId: number) {
  const [contacts, tasks] = await Promise.all([
    db.contact.findMany({ where: openContactsOf(fromEmployeeId), orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], select: { id: true, number: true, title: true, dueAt: true, priority: true } }),
    db.item.findMany({ where: openTasksOf(fromEmployeeId), orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], select: { id: true, text: true, dueAt: true, contact: { select: { id: true, number: true } } } })
  ]);
  return { contacts, tasks };
}

export async function handover(db: Db | Tx, actor: Actor, input: z.input<typeof handoverInput>) {
  if (!isPrivileged(actor)) throw forbidden('Only an admin may hand over contacts');
  const { fromEmployeeId: from, toEmployeeId: to } = parseInput(handoverInput, input);
  return inTransaction(db, async (tx) => {
    const employees = await tx.employee.findMany({ where: { id: { in: [from, to] } }, select: { id: true, name: true, active: true } });
    const fromEmployee = employees.find((e) => e.id === from);
    const toEmployee = employees.find((e) => e.id === to);
    if (!fromEmployee) throw validation({ fromEmployeeId: `employee ${from} does not exist` });
    if (!toEmployee?.active) throw validation({ toEmployeeId: `employee ${to} does not exist or is inactive` });

    // Lock the rows being moved so a concurrent edit cannot slip between the read and the update.
    const contacts = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Contact" WHERE "ownerId" = ${from} AND status = 'open' ORDER BY id FOR UPDATE`;
    const tasks = await tx.$queryRaw<{ id: number; contactId: number }[]>`
      SELECT id, "contactId" FROM "Item" WHERE "assigneeId" = ${from} AND "dueAt" IS NOT NULL AND "doneAt" IS NULL ORDER BY id FOR UPDATE`;

    const contactIds = contacts.map((c) => c.id);
    await tx.contact.updateMany({ where: { id: { in: contactIds } }, data: { ownerId: to, version: { increment: 1 } } });
    await tx.item.updateMany({ where: { id: { in: tasks.map((t) => t.id) } }, data: { assigneeId: to } });

    const entry = { actorId: actor.employeeId, channel: actor.channel, action: 'handover' };
    await tx.historyEntry.createMany({
      data: [
        ...contactIds.map((contactId) => ({
          ...entry, contactId, entity: 'contact' as const, entityId: contactId,
          changes: [{ field: 'ownerId', old: from, new: to }, { field: 'owner', old: fromEmployee.name, new: toEmployee.name }],
        })),
        ...tasks.map((task) => ({
          ...entry, contactId: task.contactId, entity: 'item' as const, entityId: task.id,
          changes: [{ field: 'assigneeId', old: from, new: to }, { field: 'assignee', old: fromEmployee.name, new: toEmployee.name }],
        })),
      ],
    });
    return { contacts: contactIds.length, tasks: tasks.length };
  });
}
