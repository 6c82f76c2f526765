// Files a parsed message on a contact: a note (the forwarder's words, the original's From/Date/
// Subject and its body), a file item per attachment, and the raw message as an .eml (the panel
// previews it). Everything goes through insertItem (history, search words), with the source
// "email" and the dedupe key as the note's sourceRef: the same message is never filed twice on a
// contact — checked under a per-(contact, key) advisory lock, with Item's unique index as the
// final guard.
import type { Tx } from '../../db.ts';
import { diffFields } from '../history/record-history.ts';
import { addStoredFile } from '../items/add-stored-file.ts';
import { insertItem } from '../items/insert-item.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import type { MailAddress, ParsedMail } from './parsed-mail.ts';

/** Longest note text; the whole message stays available as the .eml item. */
export const MAX_NOTE_CHARS = 20_000;

export type FileMailInput = {
  mail: { id: number; dedupeKey: string; rawFileId: number; subject: string | null; sentAt: Date | null };
  parsed: ParsedMail;
  contactId: number;
  noteKind: 'e-mail' | 'fax';
  /** The forwarding employee on channel email, else systemActor('email'). */
  author: Actor;
};

export type FileMailResult = { itemId: number; duplicate: boolean; fileItemIds: number[] };

const who = (a: MailAddress | null) => (a ? (a.name ? `${a.name} <${a.address}>` : a.address) : '—');
const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

/** The note's text: the forwarder's words, then the original's header lines and body; capped. */
export function mailNoteText(parsed: ParsedMail): string {
  const parts: string[] = [];
  if (parsed.fax) {
    const pages = parsed.fax.pages === null ? '' : `, ${parsed.fax.pages} ${parsed.fax.pages === 1 ? 'page' : 'pages'}`;
    parts.push(`Fax from ${parsed.fax.senderFax ?? 'an unknown number'}${pages}`);
  }
  const original = parsed.forwarded;
  if (original) {
    if (parsed.forwarderText.trim()) parts.push(parsed.forwarderText.trim());
    parts.push([`From: ${who(original.from)}`, `Date: ${when(original.date)}`, `Subject: ${original.subject || '—'}`].join('\n'));
    parts.push(original.text.trim());
  } else {
    parts.push([`From: ${who(parsed.from)}`, `Date: ${when(parsed.date)}`, `Subject: ${parsed.subject || '—'}`].join('\n'));
    parts.push(parsed.text.trim());
  }
  const text = parts.filter(Boolean).join('\n\n');
  return text.length > MAX_NOTE_CHARS ? `${text.slice(0, MAX_NOTE_CHARS - 1)}…` : text;
}

/** A file name for the raw message: its subject, sanitised, with .eml. */
const emlName = (subject: string | null) => `${(subject ?? '').replace(/[^\p{L}\p{N} ._-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'message'}.eml`;

/** Files the message on the contact inside the caller's transaction. */
export async function fileMail(tx: Tx, input: FileMailInput): Promise<FileMailResult> {
  const { mail, parsed, contactId, author } = input;
  const actor: Actor = { ...author, channel: 'email' };
  // Serialises two workers filing the same message (or two forwards of it) on one contact.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mail-file:${contactId}:${mail.dedupeKey}`})::bigint)`;
  const existing = await tx.item.findFirst({ where: { contactId, source: 'email', sourceRef: mail.dedupeKey }, select: { id: true } });
  if (existing) return { itemId: existing.id, duplicate: true, fileItemIds: [] };

  const text = mailNoteText(parsed);
  const occurredAt = parsed.forwarded?.date ?? parsed.date ?? mail.sentAt ?? new Date();
  const note = await insertItem(tx, actor, {
    data: { contactId, type: 'note', text, noteKind: input.noteKind, occurredAt, sourceRef: mail.dedupeKey, searchText: foldText(input.noteKind, text) },
    action: 'note added',
    changes: diffFields({}, { noteKind: input.noteKind, text: text.slice(0, 2000), occurredAt, sourceRef: mail.dedupeKey }),
  });
  const fileItemIds: number[] = [];
  let n = 0;
  for (const attachment of parsed.attachments) {
    if (attachment.inline) continue; // shown inside the .eml's body
    const item = await addStoredFile(tx, actor, { contactId, storedFileId: attachment.storedFileId, fileName: attachment.fileName, occurredAt, sourceRef: `${mail.dedupeKey}#${++n}` });
    fileItemIds.push(item.id);
  }
  const eml = await addStoredFile(tx, actor, { contactId, storedFileId: mail.rawFileId, fileName: emlName(parsed.subject || mail.subject), occurredAt, sourceRef: `${mail.dedupeKey}#eml` });
  fileItemIds.push(eml.id);
  return { itemId: note.id, duplicate: false, fileItemIds };
}
