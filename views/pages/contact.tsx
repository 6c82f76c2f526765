import type { getContact } from '../../src/domain/contacts/get-contact.ts';
import type { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import type { ReferenceOptions } from '../../src/web/contact-page.tsx';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { ContactField, ContactStatus, VersionInput } from '../partials/contact-field.tsx';
import { HISTORY_PAGE, HistoryList, type HistoryNames } from '../partials/history.tsx';
import { SalesGrid, type SalesGridProps } from '../partials/sales-grid.tsx';
import { Timeline } from '../partials/timeline.tsx';

type Contact = Awaited<ReturnType<typeof getContact>>;
type History = Awaited<ReturnType<typeof listContactHistory>>;

export type ContactPageProps = Omit<LayoutProps, 'title' | 'children'> & {
  contact: Contact;
  history: History;
  historyNames: HistoryNames;
  options: ReferenceOptions;
  noteKinds: string[];
  documentKinds: { code: string; namePl: string; nameEn: string }[];
  documentError?: string;
  articles: SalesGridProps['articles'];
  paymentForms: SalesGridProps['paymentForms'];
};

export function ContactPage(props: ContactPageProps) {
  const { t, contact: c, csrfToken } = props;
  const field = { t, contactId: c.id, csrfToken };
  return (
    <Layout {...props} title={c.number}>
      <h1>
        {c.number} — {c.title} <span class={`badge ${c.status}`}>{t(c.status)}</span>
      </h1>
      <VersionInput version={c.version} />
      <section class="card">
        <dl class="fields">
          <dt>{t('title')}</dt>
          <ContactField {...field} field="title" value={c.title} />
          <dt>{t('status')}</dt>
          <ContactStatus t={t} contactId={c.id} status={c.status} outcome={c.outcome} csrfToken={csrfToken} />
          <dt>{t('priority')}</dt>
          <ContactField {...field} field="priority" value={c.priority} />
          <dt>{t('deadline')}</dt>
          <ContactField {...field} field="dueAt" value={c.dueAt} />
          <dt>{t('externalNumber')}</dt>
          <ContactField {...field} field="externalNumber" value={c.externalNumber} />
          <dt>{t('company')}</dt>
          <ContactField {...field} field="companyId" value={c.companyId} options={props.options.companyId} />
          <dt class="muted">NIP</dt>
          <dd class="muted">{c.company.nip ?? t('none')}</dd>
          <dt>{t('person')}</dt>
          <ContactField {...field} field="personId" value={c.personId} options={props.options.personId} />
          <dt>{t('owner')}</dt>
          <ContactField {...field} field="ownerId" value={c.ownerId} options={props.options.ownerId} />
          <dt>{t('kind')}</dt>
          <ContactField {...field} field="kindId" value={c.kindId} options={props.options.kindId} />
          <dt>{t('contactProbability')}</dt>
          <ContactField {...field} field="probability" value={c.probability}
            placeholder={c.kind ? t('kindDefault', { value: c.kind.defaultProbability }) : undefined} />
          <dt>{t('contactExpectedClose')}</dt>
          <ContactField {...field} field="expectedCloseAt" value={c.expectedCloseAt} />
          <dt>{t('onlyTheseArticles')}</dt>
          <ContactField {...field} field="restrictToSalesLines" value={c.restrictToSalesLines} />
          <dt>{t('registered')}</dt>
          <dd>{t.dateTime(c.registeredAt)}</dd>
          <dt>{t('description')}</dt>
          <ContactField {...field} field="description" value={c.description} />
        </dl>
      </section>
      <SalesGrid t={t} contactId={c.id} salesSubject={{ lines: c.salesLines, netTotal: c.salesNetTotal }} articles={props.articles} paymentForms={props.paymentForms} csrfToken={csrfToken} />
      <form class="filters" method="post" action={`/contacts/${c.id}/documents`} id="issue-document">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <select name="kindCode" aria-label={t('issueDocument')}>
          {props.documentKinds.map((k) => <option value={k.code}>{t.locale === 'pl' ? k.namePl : k.nameEn}</option>)}
        </select>
        <button type="submit">{t('issueDocument')}</button>
        {props.documentError && <span class="error" role="alert">{props.documentError}</span>}
      </form>
      <Timeline t={t} contactId={c.id} items={c.items} noteKinds={props.noteKinds} csrfToken={csrfToken} documentKinds={props.documentKinds} />
      <HistoryList t={t} history={props.history.slice(0, HISTORY_PAGE)} names={props.historyNames} olderUrl={props.history.length > HISTORY_PAGE ? `/contacts/${c.id}/history?offset=${HISTORY_PAGE}` : null} />
    </Layout>
  );
}
