// Triage by DM: when the mail ingester cannot place a forwarded e-mail, the forwarder (an active
// employee with a Slack user id) gets a DM with the likeliest contacts as buttons, plus "New
// contact" and "Leave in triage" (listeners/triage.ts handles the clicks). Nobody to ask (no
// forwarder, a fax gateway, no Slack id, deactivated): no DM, the message waits in the panel's
// triage as always.
//
// main.ts wires it: processMail(…, { onUnmatched: triageHook(deps, client) }) through the
// mail-route worker's WorkerDeps.onUnmatched (workers stay free of Slack imports).
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { getEmployee } from '../domain/employees/get-employee.ts';
import type { MailCandidate } from '../domain/mail/mail-trace.ts';
import type { ProcessMailHooks } from '../domain/mail/process-mail.ts';
import type { MailMessage } from '../generated/prisma/client.ts';
import { translator, type Translator } from '../../views/i18n/messages.ts';
import { link, mrkdwnSection } from './blocks/home-blocks.ts';
import { esc } from './blocks/mrkdwn.ts';
import { ACTIONS } from './ids.ts';
import type { SlackDeps } from './slack-deps.ts';

export type TriageDmDeps = Pick<SlackDeps, 'db' | 'logger' | 'publicUrl'>;

/** Candidate buttons at most (the router considers up to 10). */
export const MAX_TRIAGE_CANDIDATES = 5;
/** The block a click keeps: which e-mail it was. */
export const TRIAGE_HEAD_BLOCK = 'triage_head';
export const TRIAGE_OUTCOME_BLOCK = 'triage_outcome';

/** What a triage button carries (ids.ts: "value: JSON {mail, contact?}"). */
export type TriageValue = { mail: number; contact?: number };
export const triageValue = (value: TriageValue) => JSON.stringify(value);

export const triageUrl = (deps: Pick<SlackDeps, 'publicUrl'>, mailId: number) => `${deps.publicUrl}/triage/${mailId}`;

type MailHead = Pick<MailMessage, 'id' | 'subject' | 'originalFrom' | 'fromAddress' | 'receivedAt'>;

/** The DM: which e-mail, why it waits, one button per candidate, New contact and Leave in triage. */
export function triageBlocks(mail: MailHead, candidates: MailCandidate[], t: Translator, deps: Pick<SlackDeps, 'publicUrl'>): KnownBlock[] {
  const head = t('shTriageHead', {
    subject: esc(mail.subject || t('shTriageNoSubject')),
    from: esc(mail.originalFrom ?? mail.fromAddress ?? '—'),
    at: t.dateTime(mail.receivedAt),
  });
  const blocks: KnownBlock[] = [
    mrkdwnSection(`${head}\n${link(triageUrl(deps, mail.id), t('shTriageOpen'))}`, TRIAGE_HEAD_BLOCK),
  ];
  const shown = candidates.slice(0, MAX_TRIAGE_CANDIDATES);
  blocks.push(mrkdwnSection(t(shown.length ? 'shTriageWhich' : 'shTriageNoCandidates'), 'triage_question'));
  shown.forEach((c, i) => {
    blocks.push({
      type: 'section',
      block_id: `triage_candidate_${i}`,
      text: { type: 'mrkdwn', text: `*${esc(c.number)}* · ${esc(c.title)}\n${esc(c.company)} — _${esc(c.why)}_` },
      accessory: { type: 'button', action_id: ACTIONS.triageAssign, text: { type: 'plain_text', text: t('shTriageFileHere') }, value: triageValue({ mail: mail.id, contact: c.contactId }) },
    });
  });
  blocks.push({
    type: 'actions',
    block_id: 'triage_actions',
    elements: [
      { type: 'button', action_id: ACTIONS.triageNewContact, text: { type: 'plain_text', text: t('newContact') }, value: triageValue({ mail: mail.id }) },
      { type: 'button', action_id: ACTIONS.triageLeave, text: { type: 'plain_text', text: t('shTriageLeave') }, value: triageValue({ mail: mail.id }) },
    ],
  });
  return blocks;
}

/** The DM after a click: the e-mail's head line kept, every button gone, what happened and who did it. */
export function triageOutcomeBlocks(original: KnownBlock[], outcome: string): KnownBlock[] {
  return [...original.filter((b) => b.block_id === TRIAGE_HEAD_BLOCK), mrkdwnSection(outcome, TRIAGE_OUTCOME_BLOCK)];
}

/**
 * DMs the forwarder of an unmatched e-mail with up to five candidate contacts as buttons. Returns
 * where it was posted, or null when there is nobody to ask. Slack errors are thrown (processMail
 * records them as hookError; the e-mail is in triage either way).
 */
export async function sendTriageDm(deps: TriageDmDeps, client: WebClient, mail: MailMessage, candidates: MailCandidate[]): Promise<{ channel: string; ts: string } | null> {
  if (mail.forwarderId === null) return null;
  const forwarder = await getEmployee(deps.db, mail.forwarderId);
  if (!forwarder.active || !forwarder.slackUserId) return null;
  const t = translator(forwarder.locale, forwarder.timeZone);
  const text = t('shTriageText', { subject: mail.subject || t('shTriageNoSubject') });
  const posted = await client.chat.postMessage({ channel: forwarder.slackUserId, text, blocks: triageBlocks(mail, candidates, t, deps), unfurl_links: false });
  deps.logger.info({ mailMessageId: mail.id, forwarderId: forwarder.id, candidates: Math.min(candidates.length, MAX_TRIAGE_CANDIDATES) }, 'slack: triage DM sent');
  return { channel: posted.channel ?? forwarder.slackUserId, ts: posted.ts ?? '' };
}

/** processMail's onUnmatched for main.ts: the triage DM through this Slack client. */
export function triageHook(deps: TriageDmDeps, client: WebClient): NonNullable<ProcessMailHooks['onUnmatched']> {
  return async (mail, candidates) => {
    await sendTriageDm(deps, client, mail, candidates);
  };
}
