import { z } from 'zod';
import { Prisma, type Db, type Tx } from '../../db.ts';
import type { Contact } from '../../generated/prisma/client.ts';
import { diffFields } from '../history/record-history.ts';
import { contactNumbering } from '../numbering/next-number.ts';
import type { Actor } from '../shared/actor.ts';
import { instant } from '../shared/schemas.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';
import { parseInput } from '../shared/validate.ts';
import { checkContactReferences } from './check-references.ts';
import { contactFields } from './contact-fields.ts';
import { contactSearchText } from './refresh-search-text.ts';
import { insertSearchWordsSql, wordHashesSql } from './search-words.ts';

const createContactInput = z
  .object({ ...contactFields, registeredAt: instant })
  .partial()
  .required({ companyId: true, title: true });
export type CreateContactInput = z.input<typeof createContactInput>;

/**
 * Registers a new contact with the next number of its registration year (K/2026/0042).
 * The owner defaults to the acting employee. Returns the contact row.
 *
 * Contact creation is the busiest write (Slack, mail, imports), so after one validation query
 * the number, the contact and its history entry are written by ONE statement: the numbering
 * row lock (see numbering/next-number.ts) is then held only for that statement and the commit.
 * Given a transaction, it runs inside it, and the lock lasts until the caller commits.
 */
export async function createContact(db: Db | Tx, actor: Actor, input: CreateContactInput, settings: DomainSettings = DEFAULT_SETTINGS): Promise<Contact> {
  const { description = '', priority = 'normal', restrictToSalesLines = false, registeredAt = new Date(), ...rest } = parseInput(createContactInput, input);
  const data = { ...rest, description, priority, restrictToSalesLines, ownerId: rest.ownerId === undefined ? actor.employeeId : rest.ownerId };
  const { company, person } = await checkContactReferences(db, data);
  const numbering = contactNumbering(registeredAt, settings.timeZone);
  const searchText = contactSearchText({ ...data, number: '', externalNumber: data.externalNumber ?? null, company, person });
  const changes = diffFields({}, { ...data, registeredAt });

  const rows = await db.$queryRaw<Contact[]>`
    WITH seq AS (
      INSERT INTO "NumberSequence" ("scope", "lastValue") VALUES (${numbering.scope}, 1)
      ON CONFLICT ("scope") DO UPDATE SET "lastValue" = "NumberSequence"."lastValue" + 1
      RETURNING ${numbering.prefix} || lpad("lastValue"::text, greatest(4, length("lastValue"::text)), '0') AS number
    ), search AS (
      SELECT rtrim(lower(number) || ' ' || ${searchText}) AS text FROM seq
    ), words AS (${insertSearchWordsSql(Prisma.sql`(SELECT text FROM search)`)}
    ), contact AS (
      INSERT INTO "Contact" (
        "number", "registeredAt", "companyId", "personId", "ownerId", "createdById", "kindId", "title", "description",
        "externalNumber", "dueAt", "priority", "restrictToSalesLines", "probability", "expectedCloseAt", "snoozedUntil",
        "searchText", "wordHashes", "updatedAt")
      SELECT seq.number, ${registeredAt}, ${data.companyId}, ${data.personId ?? null}, ${data.ownerId ?? null}, ${actor.employeeId},
        ${data.kindId ?? null}, ${data.title}, ${description}, ${data.externalNumber ?? null}, ${data.dueAt ?? null},
        ${priority}::"Priority", ${restrictToSalesLines}, ${data.probability ?? null}, ${data.expectedCloseAt ?? null}::date,
        ${data.snoozedUntil ?? null}, search.text, ${wordHashesSql(Prisma.sql`search.text`)}, now()
      FROM seq, search
      RETURNING *
    ), history AS (
      INSERT INTO "HistoryEntry" ("contactId", "actorId", "channel", "entity", "entityId", "action", "changes")
      SELECT contact.id, ${actor.employeeId}, ${actor.channel}::"Channel", 'contact', contact.id, 'created',
        jsonb_build_array(jsonb_build_object('field', 'number', 'old', null, 'new', contact.number)) || ${JSON.stringify(changes)}::jsonb
      FROM contact
    )
    SELECT * FROM contact`;
  return rows[0]!;
}

