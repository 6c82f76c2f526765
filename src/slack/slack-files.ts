import type { SlackUser } from './identity.ts';
import type { SlackDeps } from './slack-deps.ts';

/** A file as Slack describes it in message payloads and events (files[]). */
export type SlackFile = { id: string; name?: string; title?: string; mimetype?: string; size?: number; url_private_download?: string; url_private?: string; mode?: string };

export type CapturedFiles = { itemIds: number[]; skipped: { name: string; reason: string }[] };

/**
 * TODO(slack-modals): downloads each Slack file with the bot token (size cap: deps.maxFileBytes,
 * checked on the declared size AND while streaming) and stores it as a file item on the contact
 * through the domain's addFile (one code path with the panel and mail); `sourceRef` + file id keep
 * a repeated capture from doubling files. Files that cannot be fetched are reported in `skipped`.
 */
export async function captureSlackFiles(_deps: SlackDeps, _user: SlackUser, _input: { contactId: number; files: SlackFile[]; sourceRef: string }): Promise<CapturedFiles> {
  return { itemIds: [], skipped: [] };
}
