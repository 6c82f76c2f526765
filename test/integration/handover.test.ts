import { describe, expect, it } from 'vitest';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { handover, previewHandover } from '../../src/domain/handover/handover.ts';
import { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { editItem } from '../../src/domain/items/edit-item.ts';
import { systemActor } from '../../src/domain/shared/actor.ts';
import { useTestDb } from '../helpers/db.ts';
import { actorFor, makeContact, makeEmployee } from '../factories/index.ts';

const t = useTestDb();

async function leaverWithWork() {
  const leaver = await makeEmployee(t.db);
  const actor = actorFor(leaver);
  const open1 = (await makeContact(t.db, { actor, title: 'Otwarta 1' })).contact;
  const open2 = (await makeContact(t.db, { actor, title: 'Otwarta 2' })).contact;
  const closed = (await makeContact(t.db, { actor, title: 'Zamknięta' })).contact;
  await closeContact(t.db, actor, { id: closed.id, outcome: 'won' });
  const task = await addNote(t.db, actor, { contactId: closed.id, text: 'Wysłać fakturę', dueAt: new Date('2031-01-10T09:00:00Z') });
  const doneTask = await addNote(t.db, actor, { contactId: open1.id, text: 'Zrobione', dueAt: new Date('2031-01-11T09:00:00Z') });
  await editItem(t.db, actor, { id: doneTask.id, done: true });
  return { leaver, open: [open1, open2], closed, task, doneTask };
}

describe('handover', () => {
  it('previews, then moves every open contact and open task to the successor, with history', async () => {
    const { leaver, open, closed, task, doneTask } = await leaverWithWork();
    const successor = await makeEmployee(t.db);
    const preview = await previewHandover(t.db, leaver.id);
    expect(preview.contacts.map((c) => c.id).sort()).toEqual(open.map((c) => c.id).sort());
    expect(preview.tasks.map((x) => x.id)).toEqual([task.id]);

    const moved = await handover(t.db, systemActor('panel'), { fromEmployeeId: leaver.id, toEmployeeId: successor.id });
    expect(moved).toEqual({ contacts: 2, tasks: 1 });
    for (const c of open) {
      const row = await t.db.contact.findUniqueOrThrow({ where: { id: c.id } });
      expect(row.ownerId).toBe(successor.id);
      expect(row.version).toBe(c.version + 1);
      expect((await listContactHistory(t.db, c.id))[0]).toMatchObject({ action: 'handover', channel: 'panel', changes: expect.arrayContaining([{ field: 'ownerId', old: leaver.id, new: successor.id }]) });
    }
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: closed.id } })).ownerId).toBe(leaver.id);
    expect((await t.db.item.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBe(successor.id);
    expect((await t.db.item.findUniqueOrThrow({ where: { id: doneTask.id } })).assigneeId).toBe(leaver.id);
    expect(await previewHandover(t.db, leaver.id)).toEqual({ contacts: [], tasks: [] });
  });

  it('is all or nothing: a failure part-way leaves every contact and task where it was', async () => {
    const { leaver, open, task } = await leaverWithWork();
    const successor = await makeEmployee(t.db);
    // Make the history insert for the second contact fail inside the handover's transaction.
    await t.db.$executeRawUnsafe(`ALTER TABLE "HistoryEntry" ADD CONSTRAINT test_fail_once CHECK (action <> 'handover' OR "entityId" <> ${open[1]!.id})`);
    try {
      await expect(handover(t.db, systemActor(), { fromEmployeeId: leaver.id, toEmployeeId: successor.id })).rejects.toThrow(/test_fail_once/);
    } finally {
      await t.db.$executeRawUnsafe('ALTER TABLE "HistoryEntry" DROP CONSTRAINT test_fail_once');
    }
    const owners = await t.db.contact.findMany({ where: { id: { in: open.map((c) => c.id) } }, select: { ownerId: true } });
    expect(owners.map((o) => o.ownerId)).toEqual([leaver.id, leaver.id]);
    expect((await t.db.item.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBe(leaver.id);
    expect(await t.db.historyEntry.count({ where: { action: 'handover', contactId: { in: open.map((c) => c.id) } } })).toBe(0);
  });

  it('refuses members, the same person and an inactive successor', async () => {
    const { leaver } = await leaverWithWork();
    const member = await makeEmployee(t.db);
    const inactive = await makeEmployee(t.db, { active: false });
    await expect(handover(t.db, actorFor(member), { fromEmployeeId: leaver.id, toEmployeeId: member.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(handover(t.db, systemActor(), { fromEmployeeId: leaver.id, toEmployeeId: leaver.id })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { toEmployeeId: 'choose a different successor' } } });
    await expect(handover(t.db, systemActor(), { fromEmployeeId: leaver.id, toEmployeeId: inactive.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await t.db.contact.count({ where: { ownerId: leaver.id, status: 'open' } })).toBe(2);
  });
});
