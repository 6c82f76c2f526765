import type { ParsedEmail } from '../../src/domain/files/parse-email.ts';
import type { getMail } from '../../src/domain/mail/get-mail.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { TAB_LABEL } from './triage.tsx';

type Mail = Awaited<ReturnType<typeof getMail>>;

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;
const ACTIONABLE = new Set(['unmatched', 'rejected', 'ignored', 'discarded']);

/**
 * One message: who sent and forwarded it, its body (sanitized HTML only inside the sandboxed frame
 * served under /files/), attachments, why it is here (reason and trace), and what to do with it.
 */
export function TriageMailPage(
  props: Omit<LayoutProps, 'title' | 'children'> & { mail: Mail; email: ParsedEmail | null; problem: string | null; companies: { id: number; name: string }[]; error?: string },
) {
  const { t, mail, email } = props;
  const csrf = <input type="hidden" name="_csrf" value={props.csrfToken} />;
  const actionable = ACTIONABLE.has(mail.status);
  return (
    <Layout {...props} title={mail.subject || t('triage')}>
      <p><a href={`/triage?status=${mail.status}`}>← {t('triage')}: {t(TAB_LABEL[mail.status])}</a></p>
      <h1>{mail.subject || t('none')}</h1>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <article class="card triage-mail">
        <dl class="fields">
          <dt>{t('trStatus')}</dt><dd><span class={`badge mail-${mail.status}`}>{t(TAB_LABEL[mail.status])}</span>{mail.contact && <> <a href={`/contacts/${mail.contact.id}`}>{t('trFiledOn', { number: mail.contact.number })}</a></>}</dd>
          <dt>{t('trSender')}</dt><dd>{mail.fromName ? `${mail.fromName} <${mail.fromAddress ?? ''}>` : (mail.fromAddress ?? t('none'))}</dd>
          {mail.forwarder && <><dt>{t('trForwarder')}</dt><dd>{mail.forwarder.name}</dd></>}
          <dt>{t('trOriginalSender')}</dt><dd>{mail.originalFrom ?? t('none')}</dd>
          <dt>{t('trDate')}</dt><dd>{t.dateTime(mail.sentAt)} ({t('trReceived')}: {t.dateTime(mail.receivedAt)})</dd>
          <dt>{t('trReason')}</dt><dd class="mail-reason">{mail.reason ?? t('none')}</dd>
        </dl>
        {mail.trace.length > 0 && (
          <details open>
            <summary>{t('trTrace')}</summary>
            <ol class="mail-trace">
              {mail.trace.map((s) => <li class={`trace-${s.outcome}`}><strong>{s.rule}</strong> ({s.outcome}): {s.detail}</li>)}
            </ol>
          </details>
        )}
      </article>

      {actionable && (
        <section class="card triage-actions">
          {mail.candidates.length > 0 && (
            <>
              <h2>{t('trCandidates')}</h2>
              <ul class="mail-candidates">
                {mail.candidates.map((c) => (
                  <li>
                    <form method="post" action={`/triage/${mail.id}/assign`} class="inline-edit">
                      {csrf}
                      <input type="hidden" name="contactId" value={String(c.contactId)} />
                      <button type="submit">{t('trAssign')} {c.number}</button> {c.title} — {c.company} <span class="muted">({c.why})</span>
                    </form>
                  </li>
                ))}
              </ul>
            </>
          )}
          <form method="post" action={`/triage/${mail.id}/assign`} class="filters">
            {csrf}
            <label>{t('trAssignTo')} <input type="text" name="contact" required placeholder="K/2026/0042" /></label>
            <button type="submit">{t('trAssign')}</button>
          </form>
          <form method="post" action={`/triage/${mail.id}/create-contact`} class="filters">
            {csrf}
            <strong>{t('trCreateContact')}</strong>
            <label>{t('trCompanyId')}{' '}
              <select name="companyId">
                <option value="">{t('trChooseCompany')}</option>
                {props.companies.map((c) => <option value={String(c.id)} selected={c.id === mail.suggestion.company?.id}>{c.name}</option>)}
              </select>
            </label>
            <label>{t('trTitle')} <input type="text" name="title" value={mail.suggestion.title} maxlength={200} /></label>
            <button type="submit">{t('trCreate')}</button>
          </form>
          <form method="post" action={`/triage/${mail.id}/reroute`} class="filters">
            {csrf}
            <button type="submit">{t('trReroute')}</button>
          </form>
          {mail.status !== 'discarded' && (
            <form method="post" action={`/triage/${mail.id}/discard`} class="filters">
              {csrf}
              <label>{t('trDiscardNote')} <input type="text" name="note" maxlength={500} /></label>
              <button type="submit">{t('trDiscard')}</button>
            </form>
          )}
        </section>
      )}

      <section class="card triage-body">
        {email && email.attachments.length > 0 && (
          <>
            <h2>{t('trAttachments')}</h2>
            <ul class="email-attachments">
              {email.attachments.map((a, i) => <li><a href={`/files/mail/${mail.id}/attachments/${i}`} download>{a.fileName || t('none')}</a> ({a.mimeType}, {kb(a.size)})</li>)}
            </ul>
          </>
        )}
        {props.problem !== null ? (
          <p class="muted">{t('trNoPreview', { problem: props.problem })}</p>
        ) : email?.html ? (
          <iframe class="email-body" sandbox="" referrerpolicy="no-referrer" src={`/files/mail/${mail.id}/body`} title={t('trBodyFrame')}></iframe>
        ) : (
          <pre class="email-text">{email?.text ?? ''}</pre>
        )}
        <p><a href={`/files/mail/${mail.id}/raw`} download>{t('trRawMessage')}</a></p>
      </section>
    </Layout>
  );
}
