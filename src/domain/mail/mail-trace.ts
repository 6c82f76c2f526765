// The routing trace ("why it landed here") and the triage candidates, as stored in
// MailMessage.trace and MailMessage.candidates (JSON). One step per rule tried, in order.

export type RouteRule =
  | 'reroute'
  | 'limits'
  | 'automatic'
  | 'forwarder'
  | 'flood'
  | 'contact-number'
  | 'reply'
  | 'sender'
  | 'domain'
  | 'fax'
  | 'triage'
  | 'dedupe';

export type TraceStep = {
  rule: RouteRule;
  /** matched: this step decided; none: it found nothing (routing goes on); skipped: did not apply. */
  outcome: 'matched' | 'none' | 'skipped' | 'passed' | 'stopped';
  detail: string;
};

/** A contact the router considered, for triage and the Slack "which contact?" buttons. */
export type MailCandidate = { contactId: number; number: string; title: string; company: string; why: string };

export const asTrace = (value: unknown): TraceStep[] => (Array.isArray(value) ? (value as TraceStep[]) : []);
export const asCandidates = (value: unknown): MailCandidate[] => (Array.isArray(value) ? (value as MailCandidate[]) : []);
