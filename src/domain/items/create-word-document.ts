// "New Word document" on a contact: a .docx opened with the contact's header (number, title,
// company with NIP and address, person, owner, date), filed on the timeline as a file item so
// later edits are uploaded as its new versions.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { notFound } from '../../errors.ts';
import type { FileStore } from '../files/index.ts';
import type { Actor } from '../shared/actor.ts';
import { id } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { addFile } from './add-file.ts';

/** What the document's header shows. */
export type WordDocumentHeader = {
  number: string;
  title: string;
  company: { name: string; nip: string | null; address: string };
  person: string | null;
  owner: string | null;
  /** Already formatted for the reader ("12.03.2026"). */
  date: string;
};

const LABELS = {
  pl: { number: 'Numer', company: 'Kontrahent', nip: 'NIP', address: 'Adres', person: 'Osoba', owner: 'Odpowiedzialny', date: 'Data', none: '—' },
  en: { number: 'Number', company: 'Company', nip: 'NIP', address: 'Address', person: 'Person', owner: 'Owner', date: 'Date', none: '—' },
} as const;

/** The .docx bytes: a heading with number and title, a two-column header table, an empty body paragraph. */
export async function buildWordDocument(header: WordDocumentHeader, locale: 'pl' | 'en' = 'pl'): Promise<Buffer> {
  const l = LABELS[locale];
  const rows: [string, string][] = [
    [l.number, header.number],
    [l.company, header.company.name],
    [l.nip, header.company.nip ?? l.none],
    [l.address, header.company.address || l.none],
    [l.person, header.person ?? l.none],
    [l.owner, header.owner ?? l.none],
    [l.date, header.date],
  ];
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  const document = new Document({
    creator: 'Kontakt',
    title: `${header.number} ${header.title}`,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${header.number} — ${header.title}`)] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: rows.map(([label, value]) => new TableRow({ children: [cell(label, true), cell(value)] })) }),
          new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun('')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** "K/2026/0042" + "Oferta" → "K-2026-0042 Oferta.docx" (a slash would cut the name in the store). */
export const wordDocumentFileName = (number: string, title: string) => `${number.replaceAll('/', '-')} ${title.replace(/[/\\]/g, '-')}`.slice(0, 180).trim() + '.docx';

const createWordDocumentInput = z.object({
  contactId: id,
  locale: z.enum(['pl', 'en']).default('pl'),
  /** The reader's zone, for the date in the header. */
  timeZone: z.string().default('Europe/Warsaw'),
  now: z.date().optional(),
});

/** Builds the .docx for the contact and files it on its timeline (version 1 of a new file item). */
export async function createWordDocument(db: Db | Tx, store: FileStore, actor: Actor, input: z.input<typeof createWordDocumentInput>) {
  const data = parseInput(createWordDocumentInput, input);
  const contact = await db.contact.findUnique({
    where: { id: data.contactId },
    select: {
      id: true, number: true, title: true,
      company: { select: { name: true, nip: true, street: true, postalCode: true, city: true } },
      person: { select: { name: true } },
      owner: { select: { name: true } },
    },
  });
  if (!contact) throw notFound('Contact', data.contactId);
  const { company } = contact;
  const address = [company.street, [company.postalCode, company.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const date = new Intl.DateTimeFormat(data.locale === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: data.timeZone, dateStyle: 'long' }).format(data.now ?? new Date());
  const bytes = await buildWordDocument(
    { number: contact.number, title: contact.title, company: { name: company.name, nip: company.nip, address }, person: contact.person?.name ?? null, owner: contact.owner?.name ?? null, date },
    data.locale,
  );
  return addFile(db, store, actor, { contactId: contact.id, file: { stream: new Uint8Array(bytes), fileName: wordDocumentFileName(contact.number, contact.title) } });
}
