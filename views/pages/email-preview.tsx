import { raw } from 'hono/html';
import { sanitizeEmailHtml } from '../../src/domain/files/sanitize-email-html.ts';
import type { ParsedEmail } from '../../src/domain/files/parse-email.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

/** Neutral typography for mail bodies; the frame's CSP allows inline styles, never scripts. */
const FRAME_CSS = 'body{font-family:system-ui,sans-serif;font-size:14px;line-height:1.45;margin:8px;color:#222;word-wrap:break-word}img{max-width:100%;height:auto}table{border-collapse:collapse}';

/**
 * THE ONE PLACE that outputs HTML unescaped: an e-mail's HTML body, always passed through
 * sanitizeEmailHtml here, and served only as the document of a sandboxed frame (/files/:id/email).
 */
export function SanitizedEmailDocument(props: { untrustedHtml: string }) {
  return (
    <html>
      <head>
        <meta charset="utf-8" />
        <meta name="referrer" content="no-referrer" />
        <style>{FRAME_CSS}</style>
      </head>
      <body>{raw(sanitizeEmailHtml(props.untrustedHtml))}</body>
    </html>
  );
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The e-mail's headers and attachments; its HTML body in a sandboxed frame, or its text. */
export function EmailPreviewPage(props: Omit<LayoutProps, 'title' | 'children'> & { versionId: number; fileName: string; email: ParsedEmail; contact: { id: number; number: string } | null }) {
  const { t, email } = props;
  return (
    <Layout {...props} title={email.subject || props.fileName}>
      <article class="card email-preview">
        <h1>{email.subject || props.fileName}</h1>
        <dl class="fields">
          <dt>{t('emailFrom')}</dt><dd>{email.from || t('none')}</dd>
          <dt>{t('emailTo')}</dt><dd>{email.to || t('none')}</dd>
          {email.cc && <><dt>{t('emailCc')}</dt><dd>{email.cc}</dd></>}
          <dt>{t('emailDate')}</dt><dd>{t.dateTime(email.date)}</dd>
          <dt>{t('emailSubject')}</dt><dd>{email.subject || t('none')}</dd>
        </dl>
        {email.attachments.length > 0 && (
          <>
            <h2>{t('emailAttachments')}</h2>
            <ul class="email-attachments">
              {email.attachments.map((a) => <li>{a.fileName || t('none')} ({a.mimeType}, {kb(a.size)})</li>)}
            </ul>
          </>
        )}
        {email.html !== null ? (
          <iframe class="email-body" sandbox="" referrerpolicy="no-referrer" src={`/files/${props.versionId}/email`} title={t('emailBodyFrame')}></iframe>
        ) : email.text ? (
          <pre class="email-text">{email.text}</pre>
        ) : (
          <p class="muted">{t('emailNoBody')}</p>
        )}
        <p><a href={`/files/${props.versionId}`} download>{props.fileName}</a></p>
      </article>
      {props.contact && <p><a href={`/contacts/${props.contact.id}`}>← {t('backToContact')} {props.contact.number}</a></p>}
    </Layout>
  );
}
