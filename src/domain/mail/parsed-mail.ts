// The contract between the mail parser (parse-mail.ts) and the router (route-mail.ts): what one
// received message says, as plain data. Attachments are already in the file store (streamed
// there while parsing); bodies are capped; the HTML is sanitized. No IMAP or mailparser types.

export type MailAddress = { address: string; name: string };

export type ParsedAttachment = {
  /** The StoredFile the bytes went to (typed from its bytes by the store). */
  storedFileId: number;
  /** Sanitized file name ("faks.pdf", "image001.png", "winmail.dat"). */
  fileName: string;
  mimeType: string;
  size: number;
  /** An inline image referenced by the HTML (cid:), rather than a real attachment. */
  inline: boolean;
};

/** The original message inside a forward (inline forward or message/rfc822 attachment). */
export type ForwardedOriginal = {
  from: MailAddress | null;
  to: MailAddress[];
  date: Date | null;
  subject: string;
  /** The original body as plain text. */
  text: string;
  /** How it was found: "inline forward (Gmail)", "message/rfc822 attachment"… */
  detectedBy: string;
};

export type ParsedMail = {
  /** Message-ID without angle brackets; null when missing. */
  messageId: string | null;
  inReplyTo: string | null;
  /** Message-IDs from References, without angle brackets, oldest first. */
  references: string[];
  /** The forwarder (who sent it to the contacts inbox). */
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Envelope recipients seen in Delivered-To / X-Original-To (plus-addresses live here too). */
  deliveredTo: string[];
  subject: string;
  date: Date | null;
  /** Plain-text body (from text/plain, else derived from the HTML), capped. */
  text: string;
  /** Sanitized HTML body (sanitizeEmailHtml), or null when the message has none. */
  html: string | null;
  attachments: ParsedAttachment[];
  /** Set when the message forwards another one: the original's sender, date, subject and body. */
  forwarded: ForwardedOriginal | null;
  /** The forwarder's own words above a forward ("FYI, please file"), else the whole text. */
  forwarderText: string;
  /** Auto-reply, bounce (DSN) or list traffic: kept and marked ignored, never routed. */
  automatic: { kind: 'auto-reply' | 'bounce' | 'list'; header: string } | null;
  /** Fax gateway details when the sender is a configured fax gateway. */
  fax: { senderFax: string | null; pages: number | null } | null;
  /** Limits hit while parsing (the message is kept raw and rejected with these reasons). */
  problems: string[];
};

/** Limits for one message (MAIL_MAX_MESSAGE_MB, MAIL_MAX_ATTACHMENTS and fixed caps). */
export type MailLimits = {
  maxMessageBytes: number;
  maxAttachments: number;
  /** Deepest MIME nesting accepted. */
  maxDepth: number;
  /** mailparser's maxHtmlLengthToParse: it has no default. */
  maxHtmlChars: number;
  maxTextChars: number;
};

export const DEFAULT_MAIL_LIMITS: MailLimits = {
  maxMessageBytes: 50 * 1024 * 1024,
  maxAttachments: 100,
  maxDepth: 20,
  maxHtmlChars: 2_000_000,
  maxTextChars: 1_000_000,
};

/** Mail settings from configuration that parsing and routing need. */
export type MailSettings = {
  limits: MailLimits;
  /** Forwarder domains accepted besides active employees. */
  allowedDomains: string[];
  /** Fax gateway addresses or domains. */
  faxSenders: string[];
};
