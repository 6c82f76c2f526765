import type { getContact } from '../../src/domain/contacts/get-contact.ts';
import type { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { ContactField, VersionInput } from '../partials/contact-field.tsx';
import { Timeline } from '../partials/timeline.tsx';

type Contact = Awaited<ReturnType<typeof getContact>>;
type History = Awaited<ReturnType<typeof listContactHistory>>;

export function ContactPage(props: Omit<LayoutProps, 'title' | 'children'> & { contact: Contact; history: History; noteKinds: string[]; documentKinds: { code: string; namePl: string; nameEn: string }[]; documentError?: string }) {
  const { t, contact: c } = props;
  return (
    <Layout {...props} title={c.number}>
      <h1>
        {c.number} — {c.title} <span class={`badge ${c.status}`}>{t(c.status)}</span>
      </h1>
      <VersionInput version={c.version} />
      <section class="card">
        <dl class="fields">
          <dt>{t('title')}</dt>
          <ContactField t={t} contactId={c.id} field="title" value={c.title} />
          <dt>{t('priority')}</dt>
          <ContactField t={t} contactId={c.id} field="priority" value={c.priority} />
          <dt>{t('deadline')}</dt>
          <ContactField t={t} contactId={c.id} field="dueAt" value={c.dueAt} />
          <dt>{t('externalNumber')}</dt>
          <ContactField t={t} contactId={c.id} field="externalNumber" value={c.externalNumber} />
          <dt>{t('company')}</dt>
          <dd>{c.company.name} ({c.company.code}{c.company.nip ? `, NIP ${c.company.nip}` : ''})</dd>
          <dt>{t('person')}</dt>
          <dd>{c.person?.name ?? t('none')}</dd>
          <dt>{t('owner')}</dt>
          <dd>{c.owner?.name ?? t('unassigned')}</dd>
          <dt>{t('kind')}</dt>
          <dd>{c.kind?.name ?? t('none')}</dd>
          <dt>{t('registered')}</dt>
          <dd>{t.dateTime(c.registeredAt)}</dd>
          <dt>{t('description')}</dt>
          <dd>{c.description || t('none')}</dd>
        </dl>
      </section>
      <section>
        <h2>{t('salesSubject')}</h2>
        <table>
          <thead>
            <tr><th>{t('article')}</th><th>{t('quantity')}</th><th>{t('unitNetPrice')}</th><th>{t('netValue')}</th></tr>
          </thead>
          <tbody>
            {c.salesLines.map((l) => (
              <tr>
                <td>{l.article.code} {l.article.name}</td>
                <td>{String(l.quantity)} {l.article.unit}</td>
                <td>{t.money(String(l.unitNetPrice))}</td>
                <td>{t.money(l.netValue)}</td>
              </tr>
            ))}
            <tr><th colspan={3}>{t('total')}</th><th>{t.money(c.salesNetTotal)}</th></tr>
          </tbody>
        </table>
        <form class="filters" method="post" action={`/contacts/${c.id}/documents`} id="issue-document">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <select name="kindCode" aria-label={t('issueDocument')}>
            {props.documentKinds.map((k) => <option value={k.code}>{t.locale === 'pl' ? k.namePl : k.nameEn}</option>)}
          </select>
          <button type="submit">{t('issueDocument')}</button>
          {props.documentError && <span class="error" role="alert">{props.documentError}</span>}
        </form>
      </section>
      <Timeline t={t} contactId={c.id} items={c.items} noteKinds={props.noteKinds} csrfToken={props.csrfToken} />
      <section>
        <h2>{t('history')}</h2>
        <ul class="timeline">
          {props.history.map((h) => (
            <li>
              <div class="meta">{t.dateTime(h.at)} · {h.actor?.name ?? h.channel} · {h.channel} · {h.action}</div>
              <div>{h.changes.map((ch) => `${ch.field}: ${JSON.stringify(ch.old)} → ${JSON.stringify(ch.new)}`).join('; ')}</div>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
