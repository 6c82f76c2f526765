// Files shared in Slack, filed on a contact: downloaded with the bot token and stored through the
// domain's addFile, the same path as panel uploads and mail attachments.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { WebClient } from '@slack/web-api';
import { addFile } from '../domain/items/add-file.ts';
import { isAppError } from '../errors.ts';
import type { SlackUser } from './identity.ts';
import type { SlackDeps } from './slack-deps.ts';

/** A file as Slack describes it in message payloads and events (files[]). */
export type SlackFile = { id: string; name?: string; title?: string; mimetype?: string; size?: number; url_private_download?: string; url_private?: string; mode?: string };

export type CapturedFiles = {
  itemIds: number[];
  /** The files stored, in order (itemIds with their names). */
  filed: { name: string; itemId: number }[];
  skipped: { name: string; reason: string }[];
};

/** A stalled download must not hold a listener forever. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

/** The display name of a Slack file. */
export const slackFileName = (file: SlackFile) => file.name || file.title || file.id;

/**
 * Downloads each Slack file with the bot token (size cap: deps.maxFileBytes, checked on the
 * declared size AND while streaming) and stores it as a file item on the contact through the
 * domain's addFile; each file's sourceRef is `<sourceRef>:<file id>`, so a repeated capture does
 * not double it. Files that cannot be fetched are reported in `skipped` with a reason in the
 * employee's language (a redirect or an HTML page instead of the file counts as a failure: that is
 * Slack's login page when the token has no access). Never throws for one bad file.
 *
 * The token is only ever sent to Slack's own hosts, or to the origin of `options.client`'s API
 * URL (a Slack API stand-in in tests).
 */
export async function captureSlackFiles(deps: SlackDeps, user: SlackUser, input: { contactId: number; files: SlackFile[]; sourceRef: string }, options: { client?: WebClient } = {}): Promise<CapturedFiles> {
  const result: CapturedFiles = { itemIds: [], filed: [], skipped: [] };
  const trusted = options.client ? new URL(options.client.slackApiUrl).origin : null;
  // One at a time: each file streams to disk, and Slack's file servers prefer it that way.
  for (const file of input.files) {
    const outcome = await captureOne(deps, user, file, `${input.sourceRef}:${file.id}`, input.contactId, trusted);
    if (typeof outcome === 'number') {
      result.itemIds.push(outcome);
      result.filed.push({ name: slackFileName(file), itemId: outcome });
    } else result.skipped.push({ name: slackFileName(file), reason: outcome });
  }
  return result;
}

/** The new item's id, or why the file was skipped. */
async function captureOne(deps: SlackDeps, user: SlackUser, file: SlackFile, sourceRef: string, contactId: number, trustedOrigin: string | null): Promise<number | string> {
  const { t } = user;
  const tooLarge = () => t('smSkipTooLarge', { mb: megabytes(deps.maxFileBytes) });
  const url = file.url_private_download ?? file.url_private;
  // External files (Google Drive…) and deleted ones ("tombstone") have no bytes at Slack.
  if (!url || (file.mode && !['hosted', 'snippet', 'post', 'docs'].includes(file.mode)) || !isSlackUrl(url, trustedOrigin)) return t('smSkipNotHosted');
  if (file.size !== undefined && file.size > deps.maxFileBytes) return tooLarge();

  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${deps.botToken}` }, redirect: 'manual', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message, fileId: file.id }, 'slack: file download failed');
    return t('smSkipDownload', { detail: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' });
  }
  const skip = (reason: string) => {
    void response.body?.cancel().catch(() => {});
    return reason;
  };
  if (response.status >= 300 && response.status < 400) return skip(t('smSkipLoginPage'));
  if (!response.ok || !response.body) return skip(t('smSkipDownload', { detail: `HTTP ${response.status}` }));
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('text/html') && !file.mimetype?.startsWith('text/html')) return skip(t('smSkipLoginPage'));
  if (Number(response.headers.get('content-length') ?? 0) > deps.maxFileBytes) return skip(tooLarge());

  try {
    const item = await addFile(deps.db, deps.fileStore, user.actor, {
      contactId,
      file: { stream: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), fileName: slackFileName(file), maxBytes: deps.maxFileBytes },
      sourceRef,
    });
    return item.id;
  } catch (error) {
    void response.body.cancel().catch(() => {});
    if (isAppError(error, 'TOO_LARGE')) return tooLarge();
    if (isAppError(error, 'CONFLICT')) return t('smSkipAlreadyFiled');
    if (isAppError(error, 'VALIDATION') && error.details.fields?.file) return t('smSkipEmpty');
    deps.logger.error({ err: error, fileId: file.id }, 'slack: storing a file failed');
    return t('smSkipFailed', { detail: isAppError(error) ? error.message : 'internal error' });
  }
}

/** Slack serves files from slack.com hosts (files.slack.com, <workspace>.slack.com) over HTTPS. */
function isSlackUrl(raw: string, trustedOrigin: string | null): boolean {
  try {
    const url = new URL(raw);
    if (trustedOrigin && url.origin === trustedOrigin) return true;
    return url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'));
  } catch {
    return false;
  }
}

const megabytes = (bytes: number) => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3, useGrouping: false }).format(bytes / 2 ** 20);
