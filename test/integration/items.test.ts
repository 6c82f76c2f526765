import { describe, expect, it } from 'vitest';
import { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { deleteItem } from '../../src/domain/items/delete-item.ts';
import { editItem } from '../../src/domain/items/edit-item.ts';
import { listItems } from '../../src/domain/items/list-items.ts';
import { REFRESH_NOTE_KINDS_SQL } from '../../src/domain/items/note-kinds.ts';
import { suggestNoteKinds } from '../../src/domain/items/suggest-note-kinds.ts';
import { AppError } from '../../src/errors.ts';
import { useTestDb } from '../helpers/db.ts';
import { actorFor, makeContact, makeEmployee, uid } from '../factories/index.ts';

const t = useTestDb();

describe('notes and tasks', () => {
  it('adds a note with a kind, authored by the actor, recorded in history', async () => {
    const { contact, owner, actor } = await makeContact(t.db);
    const note = await addNote(t.db, { ...actor, channel: 'slack' }, { contactId: contact.id, text: 'Klient prosi o ofertę na 12 biurek', noteKind: 'Telefon' });
    expect(note).toMatchObject({ type: 'note', noteKind: 'telefon', authorId: owner.id, source: 'slack', dueAt: null });
    const [entry] = await listContactHistory(t.db, contact.id);
    expect(entry).toMatchObject({ action: 'note added', entity: 'item', entityId: note.id, channel: 'slack' });
    expect(entry!.changes).toContainEqual({ field: 'text', old: null, new: 'Klient prosi o ofertę na 12 biurek' });
  });

  it('refuses to file the same source twice on one contact, but allows it on another', async () => {
    const { contact, actor } = await makeContact(t.db);
    const { contact: other } = await makeContact(t.db);
    const mail = { ...actor, channel: 'email' as const };
    const first = await addNote(t.db, mail, { contactId: contact.id, text: 'E-mail od klienta', sourceRef: '<abc@firma.pl>' });
    const again = await addNote(t.db, mail, { contactId: contact.id, text: 'E-mail od klienta', sourceRef: '<abc@firma.pl>' }).catch((e: AppError) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe('CONFLICT');
    expect((again as AppError).details.current).toEqual({ id: first.id });
    await expect(addNote(t.db, mail, { contactId: other.id, text: 'E-mail od klienta', sourceRef: '<abc@firma.pl>' })).resolves.toMatchObject({ contactId: other.id });
    expect(await t.db.item.count({ where: { sourceRef: '<abc@firma.pl>' } })).toBe(2);
  });

  it('files a source exactly once when two channels race', async () => {
    const { contact, actor } = await makeContact(t.db);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => addNote(t.db, { ...actor, channel: 'slack' }, { contactId: contact.id, text: 'Wiadomość', sourceRef: '1712345678.000100' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('CONFLICT');
    expect(await t.db.item.count({ where: { contactId: contact.id } })).toBe(1);
  });

  it('makes a task with a due date, assigned to the author unless said otherwise, and marks it done', async () => {
    const { contact, owner, actor } = await makeContact(t.db);
    const due = new Date('2030-01-15T09:00:00Z');
    const task = await addNote(t.db, actor, { contactId: contact.id, text: 'Zadzwonić po decyzję', dueAt: due });
    expect(task).toMatchObject({ dueAt: due, assigneeId: owner.id, doneAt: null });
    const done = await editItem(t.db, actor, { id: task.id, done: true });
    expect(done.doneAt).toBeInstanceOf(Date);
    expect((await listContactHistory(t.db, contact.id))[0]).toMatchObject({ action: 'task done', changes: [{ field: 'doneAt', old: null }] });
  });

  it('suggests note kinds used before, most frequent first', async () => {
    const { contact, actor } = await makeContact(t.db);
    // Kinds are shared by all contacts: a unique prefix keeps other tests' notes out of the count.
    const p = `q${uid()}`;
    const kinds = [`${p} Spotkanie`, `${p} telefon`, `${p} prezentacja`, `${p} telefon`, `${p} spotkanie`, `${p} telefon`];
    for (const noteKind of kinds) await addNote(t.db, actor, { contactId: contact.id, text: 'x', noteKind });
    expect(await suggestNoteKinds(t.db, { prefix: p.toUpperCase() })).toEqual([
      { kind: `${p} telefon`, count: 3 },
      { kind: `${p} spotkanie`, count: 2 },
      { kind: `${p} prezentacja`, count: 1 },
    ]);
    expect((await suggestNoteKinds(t.db, { prefix: `${p} sp` })).map((s) => s.kind)).toEqual([`${p} spotkanie`]);
  });

  it('counts a kind given by an edit, and a full recount agrees with the counts kept note by note', async () => {
    const { contact, actor } = await makeContact(t.db);
    const p = `r${uid()}`;
    for (const noteKind of [`${p} faks`, `${p} faks`, `${p} wizyta`]) await addNote(t.db, actor, { contactId: contact.id, text: 'x', noteKind });
    const plain = await addNote(t.db, actor, { contactId: contact.id, text: 'bez rodzaju' });
    await editItem(t.db, actor, { id: plain.id, noteKind: `${p} wizyta` });
    const kept = await suggestNoteKinds(t.db, { prefix: p });
    expect(kept).toEqual([{ kind: `${p} faks`, count: 2 }, { kind: `${p} wizyta`, count: 2 }]);
    await t.db.$executeRawUnsafe(REFRESH_NOTE_KINDS_SQL);
    expect(await suggestNoteKinds(t.db, { prefix: p })).toEqual(kept);
  });

  it('lets only the author, the owner or an admin edit or delete an item', async () => {
    const { contact, actor } = await makeContact(t.db);
    const note = await addNote(t.db, actor, { contactId: contact.id, text: 'Notatka właściciela' });
    const colleague = await makeEmployee(t.db);
    const error = await editItem(t.db, actorFor(colleague), { id: note.id, text: 'zmiana' }).catch((e: AppError) => e);
    expect((error as AppError).code).toBe('FORBIDDEN');
    await expect(deleteItem(t.db, actorFor(colleague), { id: note.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await makeEmployee(t.db, { role: 'admin' });
    const edited = await editItem(t.db, actorFor(admin), { id: note.id, text: 'Poprawione przez admina' });
    expect(edited.text).toBe('Poprawione przez admina');
    expect(edited.searchText).toBe('poprawione przez admina');
  });

  it("lets a task's assignee tick it done or not done, but not edit it", async () => {
    const { contact, actor } = await makeContact(t.db);
    const assignee = await makeEmployee(t.db);
    const task = await addNote(t.db, actor, { contactId: contact.id, text: 'Zadzwonić', dueAt: new Date(Date.now() + 86_400_000), assigneeId: assignee.id });
    const done = await editItem(t.db, actorFor(assignee), { id: task.id, done: true });
    expect(done.doneAt).toBeInstanceOf(Date);
    const undone = await editItem(t.db, actorFor(assignee), { id: task.id, done: false });
    expect(undone.doneAt).toBeNull();
    await expect(editItem(t.db, actorFor(assignee), { id: task.id, text: 'Inny tekst' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(editItem(t.db, actorFor(assignee), { id: task.id, done: true, text: 'Inny tekst' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const bystander = await makeEmployee(t.db);
    await expect(editItem(t.db, actorFor(bystander), { id: task.id, done: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('deletes an item and keeps its old values in history', async () => {
    const { contact, actor } = await makeContact(t.db);
    const note = await addNote(t.db, actor, { contactId: contact.id, text: 'Do usunięcia', noteKind: 'spotkanie' });
    await deleteItem(t.db, actor, { id: note.id });
    expect(await t.db.item.findUnique({ where: { id: note.id } })).toBeNull();
    const [entry] = await listContactHistory(t.db, contact.id);
    expect(entry).toMatchObject({ action: 'item deleted', entityId: note.id });
    expect(entry!.changes).toEqual(expect.arrayContaining([{ field: 'text', old: 'Do usunięcia', new: null }, { field: 'noteKind', old: 'spotkanie', new: null }]));
  });

  it('pages the timeline newest first without gaps or repeats', async () => {
    const { contact, actor } = await makeContact(t.db);
    const base = Date.parse('2026-01-01T08:00:00Z');
    for (let i = 0; i < 12; i++) {
      // Two items share each timestamp, so the id breaks ties.
      await addNote(t.db, actor, { contactId: contact.id, text: `n${i}`, occurredAt: new Date(base + Math.floor(i / 2) * 60_000) });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listItems>> = await listItems(t.db, { contactId: contact.id, limit: 5, cursor });
      seen.push(...page.items.map((i) => i.text));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['n11', 'n10', 'n9', 'n8', 'n7', 'n6', 'n5', 'n4', 'n3', 'n2', 'n1', 'n0']);
  });

  it('refuses an empty note and an unknown contact', async () => {
    const { contact, actor } = await makeContact(t.db);
    await expect(addNote(t.db, actor, { contactId: contact.id, text: '  ' })).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: { text: 'write something' } } });
    await expect(addNote(t.db, actor, { contactId: 99999999, text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
