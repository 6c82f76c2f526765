// Files a parsed message on a contact: a note (the forwarder's words, the original's From/Date/
// Subject and its body), a file item per attachment, and the raw message as an .eml (the panel
// previews it). Everything goes through insertItems (history per item, search words), with the source
// "email" and the dedupe key as the note's sourceRef: the same message is never filed twice on a
// contact — checked under a per-(contact, key) advisory lock, with Item's unique index as the
// final guard. A TIFF fax also gets a PDF rendition filed next to it (tiff-to-pdf.ts; the TIFF is
// kept as received); when none can be made, the note says why.
import type { Tx } from '../../db.ts';
import type { FileStore } from '../files/index.ts';
import { storeTiffAsPdf, type TiffRenditionResult } from '../files/tiff-to-pdf.ts';
import { diffFields } from '../history/record-history.ts';
import { sanitizeFileName } from '../files/index.ts';
import { insertItems, type BatchItem } from '../items/insert-item.ts';
import type { Actor } from '../shared/actor.ts';
import { foldText } from '../shared/fold-text.ts';
import type { MailAddress, ParsedAttachment, ParsedMail } from './parsed-mail.ts';

/** Longest note text; the whole message stays available as the .eml item. */
export const MAX_NOTE_CHARS = 20_000;

export type FileMailInput = {
  mail: { id: number; dedupeKey: string; rawFileId: number; subject: string | null; sentAt: Date | null };
  parsed: ParsedMail;
  contactId: number;
  noteKind: 'e-mail' | 'fax';
  /** The forwarding employee on channel email, else systemActor('email'). */
  author: Actor;
  /** Where the attachments are: a fax's TIFF is read from it and its PDF rendition stored in it. */
  store: FileStore;
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

const isTiff = (a: ParsedAttachment) => !a.inline && (a.mimeType === 'image/tiff' || (a.mimeType === 'application/octet-stream' && /\.tiff?$/i.test(a.fileName)));

/** A file name for the raw message: its subject, sanitised, with .eml. */
const emlName = (subject: string | null) => `${(subject ?? '').replace(/[^\p{L}\p{N} ._-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'message'}.eml`;

/** Files the message on the contact inside the caller's transaction. */
export async function fileMail(tx: Tx, input: FileMailInput): Promise<FileMailResult> {
  const { mail, parsed, contactId, author } = input;
  const actor: Actor = { ...author, channel: 'email' };
  // Serialises two workers filing the same message (or two forwards of it) on one contact.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mail-file:${contactId}:${mail.dedupeKey}`})::bigint)`;
  const [existing] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Item" WHERE "contactId" = ${contactId} AND source = 'email' AND "sourceRef" = ${mail.dedupeKey} LIMIT 1`;
  if (existing) return { itemId: existing.id, duplicate: true, fileItemIds: [] };

  // Before the note, so the note can say when a fax has no PDF view and why. A fax's .tif that the
  // store could not type (too damaged to sniff) is tried too, so the reason is recorded.
  const renditions = new Map<ParsedAttachment, TiffRenditionResult>();
  if (parsed.fax) {
    for (const a of parsed.attachments) if (isTiff(a)) renditions.set(a, await storeTiffAsPdf(tx, input.store, a));
  }
  const refused = [...renditions].flatMap(([a, r]) => (r.ok ? [] : [`No PDF view of ${a.fileName}: ${r.reason}.`]));
  const text = [mailNoteText(parsed), ...refused].join('\n\n');
  const occurredAt = parsed.forwarded?.date ?? parsed.date ?? mail.sentAt ?? new Date();
  // The note, each attachment (and a fax's PDF view) and the .eml, in one batch: one history
  // entry per item, one itemWords merge, one note-kind count (insertItems).
  const items: BatchItem[] = [{
    type: 'note', text, noteKind: input.noteKind, occurredAt, sourceRef: mail.dedupeKey, searchText: foldText(input.noteKind, text),
    action: 'note added',
    changes: diffFields({}, { noteKind: input.noteKind, text: text.slice(0, 2000), occurredAt, sourceRef: mail.dedupeKey }),
  }];
  const fileItem = (storedFileId: number, name: string, sourceRef: string, caption?: string): BatchItem => {
    const fileName = sanitizeFileName(name);
    return { type: 'file', text: caption?.trim() ?? '', occurredAt, sourceRef, searchText: foldText(caption, fileName), file: { storedFileId, fileName }, action: 'file added' };
  };
  let n = 0;
  for (const attachment of parsed.attachments) {
    if (attachment.inline) continue; // shown inside the .eml's body
    const rendition = renditions.get(attachment);
    const ref = `${mail.dedupeKey}#${++n}`;
    const tiffText = !rendition ? undefined : rendition.ok ? `The fax as received (TIFF); PDF view: ${rendition.fileName}` : `The fax as received (TIFF); no PDF view: ${rendition.reason}`;
    items.push(fileItem(attachment.storedFileId, attachment.fileName, ref, tiffText));
    if (rendition?.ok) {
      const pages = `${rendition.pages} ${rendition.pages === 1 ? 'page' : 'pages'}`;
      items.push(fileItem(rendition.storedFileId, rendition.fileName, `${ref}.pdf`, `PDF view of the fax ${attachment.fileName} (${pages}), converted from the TIFF as received`));
    }
  }
  items.push(fileItem(mail.rawFileId, emlName(parsed.subject || mail.subject), `${mail.dedupeKey}#eml`));
  const [noteId, ...fileItemIds] = await insertItems(tx, actor, contactId, items);
  return { itemId: noteId!, duplicate: false, fileItemIds };
}
