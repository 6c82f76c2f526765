// The names a contact's history mentions by id (owners, assignees, people, companies, kinds,
// payment forms), so a reader sees "Anna Nowak" where the entry stored 12.
import type { Db, Tx } from '../../db.ts';

/** Field name → id → name. */
export type HistoryNames = Partial<Record<string, Map<number, string>>>;

/** Names for the ids a history shows (owners, people, companies, kinds, payment forms): one small query each. */
export async function getHistoryNames(db: Db | Tx, history: { changes: { field: string; old: unknown; new: unknown }[] }[]): Promise<HistoryNames> {
  const ids = (field: string) => [...new Set(history.flatMap((h) => h.changes.filter((c) => c.field === field).flatMap((c) => [c.old, c.new])).filter((v): v is number => typeof v === 'number'))];
  const byField = { ownerId: ids('ownerId'), assigneeId: ids('assigneeId'), personId: ids('personId'), companyId: ids('companyId'), kindId: ids('kindId'), paymentFormId: ids('paymentFormId') };
  const employeeIds = [...new Set([...byField.ownerId, ...byField.assigneeId])];
  const [employees, people, companies, kinds, paymentForms] = await Promise.all([
    employeeIds.length ? db.employee.findMany({ where: { id: { in: employeeIds } }, select: { id: true, name: true } }) : [],
    byField.personId.length ? db.person.findMany({ where: { id: { in: byField.personId } }, select: { id: true, name: true } }) : [],
    byField.companyId.length ? db.company.findMany({ where: { id: { in: byField.companyId } }, select: { id: true, name: true } }) : [],
    byField.kindId.length ? db.contactKind.findMany({ where: { id: { in: byField.kindId } }, select: { id: true, name: true } }) : [],
    byField.paymentFormId.length ? db.paymentForm.findMany({ where: { id: { in: byField.paymentFormId } }, select: { id: true, name: true } }) : [],
  ]);
  const map = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const employeeNames = map(employees);
  return { ownerId: employeeNames, assigneeId: employeeNames, personId: map(people), companyId: map(companies), kindId: map(kinds), paymentFormId: map(paymentForms) };
}
