import type { Tx } from '../../db.ts';
import type { HistoryEntity } from '../../generated/prisma/enums.ts';
import type { Actor } from '../shared/actor.ts';

export type FieldChange = { field: string; old: unknown; new: unknown };

/** JSON-safe form of a value for the history (dates as ISO strings, decimals as strings). */
export function historyValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && 'toFixed' in value) return String(value); // Prisma.Decimal
  return value;
}

/** The fields whose values differ between `before` and `after` (only keys present in `after`). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, next] of Object.entries(after)) {
    if (next === undefined) continue;
    const old = historyValue(before[field]);
    const now = historyValue(next);
    if (JSON.stringify(old) !== JSON.stringify(now)) changes.push({ field, old, new: now });
  }
  return changes;
}

export async function recordHistory(
  tx: Tx,
  actor: Actor,
  entry: { contactId: number; entity: HistoryEntity; entityId?: number | null; action: string; changes?: FieldChange[] },
): Promise<void> {
  await tx.historyEntry.create({
    data: {
      contactId: entry.contactId,
      actorId: actor.employeeId,
      channel: actor.channel,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      action: entry.action,
      changes: (entry.changes ?? []) as object[],
    },
  });
}
