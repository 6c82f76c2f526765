import type { Db, Tx } from '../../db.ts';
import type { MailMessage, Prisma } from '../../generated/prisma/client.ts';
import { isAppError, notFound } from '../../errors.ts';
import type { FileStore } from '../files/index.ts';
import { isDuplicateSource } from '../items/item-access.ts';
import { inTransaction } from '../shared/transaction.ts';
import { fileMail } from './file-mail.ts';
import type { MailParser } from './mail-parser.ts';
import { outcomeOf, type MailOutcome } from './mail-outcome.ts';
import { DEFAULT_FLOOD_LIMIT, type IngestSettings } from './mail-settings.ts';
import type { MailCandidate, TraceStep } from './mail-trace.ts';
import type { ParsedMail } from './parsed-mail.ts';
import { parseStoredSource } from './read-stored-mail.ts';
import { checkForwarder, forwarderAddress, type ForwarderCheck, type ForwarderEmployee } from './resolve-forwarder.ts';
import { routeMail, type SentMessageLookup } from './route-mail.ts';

export type ProcessMailHooks = {
  /**
   * EXTENSION POINT for Slack (and anything else that should react to triage): called once, after
   * the message was committed as `unmatched`, with the row (forwarderId says whom to ask) and the
   * candidates the router considered, likeliest first — e.g. DM the forwarder with one button per
   * candidate that calls assignMail. Errors are caught and returned as `hookError`: the message is
   * safely in triage whatever the hook does, and a retry of processMail does not call it again.
   */
  onUnmatched?: (mail: MailMessage, candidates: MailCandidate[]) => Promise<void>;
  /** The parser (default: parseMail from parse-mail.ts). */
  parse?: MailParser;
  /** Replies to e-mails Kontakt sent (issue 6); see route-mail.ts. */
  sentMessages?: SentMessageLookup;
  /** Steps put before the routing trace (reroute-mail: who asked for it). */
  prelude?: TraceStep[];
};

type Decision = Pick<Prisma.MailMessageUncheckedUpdateInput, 'status' | 'reason' | 'forwarderId' | 'originalFrom' | 'contactId' | 'itemId'> & {
  trace: TraceStep[];
  candidates?: MailCandidate[];
};

/**
 * Parses a received message from its raw source and decides its fate: rejected (over a limit,
 * unreadable, unknown forwarder), ignored (automatic, flood), filed on a contact, or unmatched
 * (triage). The decision is committed under a row lock that also re-checks the status, so a
 * retry or a second worker gets the first one's outcome; filing is deduplicated on top of that
 * (file-mail.ts). A message no longer `received` is returned as it is.
 */
export async function processMail(db: Db, store: FileStore, mailMessageId: number, settings: IngestSettings, hooks: ProcessMailHooks = {}): Promise<MailOutcome & { hookError?: string }> {
  // Counting the attempt and loading the row (with its raw source's hash) is one statement; only a
  // message that is missing or already decided takes a second look.
  const [claimed] = await db.$queryRaw<(MailMessage & { rawSha256: string })[]>`
    UPDATE "MailMessage" AS m SET attempts = m.attempts + 1, "updatedAt" = now()
    FROM "StoredFile" AS f
    WHERE m.id = ${mailMessageId} AND m.status = 'received' AND f.id = m."rawFileId"
    RETURNING m.*, f.sha256 AS "rawSha256"`;
  if (!claimed) {
    const row = await db.mailMessage.findUnique({ where: { id: mailMessageId } });
    if (!row) throw notFound('E-mail', mailMessageId);
    return outcomeOf(row);
  }
  const { rawSha256, ...row } = claimed;
  const rawFile = { sha256: rawSha256 };
  const trace: TraceStep[] = [...(hooks.prelude ?? [])];

  let parsed: ParsedMail;
  try {
    parsed = await parseStoredSource(db, store, rawFile.sha256, settings, hooks.parse);
  } catch (error) {
    if (!isAppError(error)) throw error; // the database or the disk: let the job retry
    const detail = `unreadable: ${error.message}`;
    return outcomeOf((await settle(db, row.id, async () => ({ status: 'rejected', reason: detail, trace: [...trace, { rule: 'limits', outcome: 'stopped', detail }] }))).row);
  }

  const checked = await decide(db, row, parsed, settings, trace);
  if ('decision' in checked) return outcomeOf((await settle(db, row.id, async () => checked.decision)).row);
  const { forwarder } = checked;
  let settled: { row: MailMessage; decidedHere: boolean } | undefined;
  for (let attempt = 0; !settled; attempt++) {
    try {
      settled = await settle(db, row.id, async (tx, current): Promise<Decision> => {
        const route = await routeMail(tx, parsed, { forwarder: forwarder.employee, domain: settings.domain, sentMessages: hooks.sentMessages });
        const common = { forwarderId: forwarder.employee?.id ?? null, originalFrom: route.originalFrom };
        if (route.contactId === null) return { ...common, status: 'unmatched', reason: route.reason, trace: [...trace, ...route.trace], candidates: route.candidates };
        const filed = await fileMail(tx, { mail: current, parsed, contactId: route.contactId, noteKind: route.noteKind, author: forwarder.author, store });
        const steps = [...trace, ...route.trace];
        if (filed.duplicate) steps.push({ rule: 'dedupe', outcome: 'matched', detail: `already filed on this contact as item ${filed.itemId}` });
        const reason = filed.duplicate ? `already filed (item ${filed.itemId}): ${route.reason}` : route.reason;
        return { ...common, status: 'filed', reason, trace: steps, contactId: route.contactId, itemId: filed.itemId };
      });
    } catch (error) {
      // Item's unique index caught a concurrent filing the lock did not see: once more, as a duplicate.
      if (!isDuplicateSource(error) || attempt >= 2) throw error;
    }
  }
  const outcome = outcomeOf(settled.row);
  if (settled.row.status === 'unmatched' && settled.decidedHere && hooks.onUnmatched) {
    try {
      await hooks.onUnmatched(settled.row, outcome.candidates);
    } catch (error) {
      return { ...outcome, hookError: (error as Error).message };
    }
  }
  return outcome;
}

/** The checks before routing: limits, automatic mail, the forwarder, the flood limit. */
async function decide(db: Db, row: MailMessage, parsed: ParsedMail, settings: IngestSettings, trace: TraceStep[]): Promise<{ decision: Decision } | { forwarder: Extract<ForwarderCheck, { accepted: true }> }> {
  if (parsed.problems.length > 0) {
    const detail = `over a limit: ${parsed.problems.join('; ')}`;
    return { decision: { status: 'rejected', reason: detail, trace: [...trace, { rule: 'limits', outcome: 'stopped', detail }] } };
  }
  trace.push({ rule: 'limits', outcome: 'passed', detail: 'within the limits' });
  if (parsed.automatic) {
    const detail = `automatic message (${parsed.automatic.kind}): ${parsed.automatic.header}`;
    return { decision: { status: 'ignored', reason: detail, trace: [...trace, { rule: 'automatic', outcome: 'stopped', detail }] } };
  }
  trace.push({ rule: 'automatic', outcome: 'passed', detail: 'not an auto-reply, bounce or list message' });
  // The forwarder and the sender's recent messages (flood limit) in one statement.
  const flood = settings.flood ?? DEFAULT_FLOOD_LIMIT;
  const sender = forwarderAddress(parsed);
  const [looked] = await db.$queryRaw<{ employee: ForwarderEmployee; recent: number }[]>`
    SELECT
      (SELECT json_build_object('id', id, 'email', email, 'name', name, 'role', role, 'active', active)
        FROM "Employee" WHERE email = ${sender}::citext) AS employee,
      (SELECT count(*)::int FROM "MailMessage"
        WHERE "fromAddress" = ${sender} AND id < ${row.id} AND "receivedAt" >= ${new Date(row.receivedAt.getTime() - flood.windowMinutes * 60_000)}) AS recent`;
  const forwarder = checkForwarder(sender ? looked!.employee : null, parsed, settings);
  if (!forwarder.accepted) {
    return { decision: { status: 'rejected', reason: forwarder.detail, originalFrom: parsed.forwarded?.from?.address ?? null, trace: [...trace, { rule: 'forwarder', outcome: 'stopped', detail: forwarder.detail }] } };
  }
  trace.push({ rule: 'forwarder', outcome: 'passed', detail: forwarder.detail });
  const recent = looked!.recent;
  if (recent >= flood.maxPerSender) {
    const detail = `flood: more than ${flood.maxPerSender} messages from ${sender} within ${flood.windowMinutes} minutes`;
    return { decision: { status: 'ignored', reason: detail, forwarderId: forwarder.employee?.id ?? null, trace: [...trace, { rule: 'flood', outcome: 'stopped', detail }] } };
  }
  trace.push({ rule: 'flood', outcome: 'passed', detail: `${recent + 1} message(s) from ${sender} within ${flood.windowMinutes} minutes (limit ${flood.maxPerSender})` });
  return { forwarder };
}

/**
 * Commits a decision if the message is still `received`, under a row lock: of two workers (or a
 * retry racing the first attempt) exactly one decides; the other gets the row as decided.
 */
async function settle(db: Db | Tx, id: number, decideIn: (tx: Tx, current: MailMessage) => Promise<Decision>): Promise<{ row: MailMessage; decidedHere: boolean }> {
  return inTransaction(db, async (tx) => {
    const [current] = await tx.$queryRaw<MailMessage[]>`SELECT * FROM "MailMessage" WHERE id = ${id} FOR UPDATE`;
    if (!current) throw notFound('E-mail', id);
    if (current.status !== 'received') return { row: current, decidedHere: false };
    const { trace, candidates, ...data } = await decideIn(tx, current);
    const row = await tx.mailMessage.update({
      where: { id },
      data: { ...data, trace: trace as object[], candidates: (candidates ?? []) as object[], processedAt: new Date() },
    });
    return { row, decidedHere: true };
  });
}
