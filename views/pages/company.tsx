import type { getCompanyOverview } from '../../src/domain/companies/get-company-overview.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { companyKindLabel } from './company-form.tsx';

type Overview = Awaited<ReturnType<typeof getCompanyOverview>>;

/** A company: its fields, people, contacts and documents. */
export function CompanyPage(props: Omit<LayoutProps, 'title' | 'children'> & { overview: Overview; now: Date }) {
  const { t, overview: { company: c, people, contacts, documents } } = props;
  // The country only matters abroad; a Polish address is shown without it.
  const address = [c.street, [c.postalCode, c.city].filter(Boolean).join(' '), c.country === 'PL' ? '' : c.country].filter(Boolean).join(', ');
  return (
    <Layout {...props} title={c.name}>
      <h1>{c.name} {!c.active && <span class="badge low">{t('mdInactive')}</span>}</h1>
      <p>
        <a class="button" href={`/companies/${c.id}/edit`}>{t('edit')}</a>{' '}
        <a href={`/people/new?companyId=${c.id}`}>{t('mdNewPerson')}</a>
      </p>
      <section class="card">
        <dl class="fields">
          <dt>{t('mdCode')}</dt><dd>{c.code}</dd>
          <dt>{t('kind')}</dt><dd>{companyKindLabel(t, c.kind)}</dd>
          <dt>NIP</dt><dd>{c.nip ?? t('none')}</dd>
          <dt>{t('mdAddress')}</dt><dd>{address || t('none')}</dd>
          <dt>{t('mdPhone')}</dt><dd>{c.phone ?? t('none')}</dd>
          <dt>{t('mdFax')}</dt><dd>{c.fax ?? t('none')}</dd>
          <dt>{t('mdEmailDomains')}</dt><dd>{c.emailDomains.length ? c.emailDomains.join(', ') : t('none')}</dd>
          <dt>{t('mdNotes')}</dt><dd class="md-pre">{c.notes || t('none')}</dd>
        </dl>
      </section>

      <h2>{t('people')} ({people.length})</h2>
      {people.length === 0 ? <p class="muted">{t('noResults')}</p> : (
        <table>
          <thead><tr><th>{t('mdName')}</th><th>{t('mdPosition')}</th><th>{t('email')}</th><th>{t('mdPhone')}</th><th>{t('active')}</th></tr></thead>
          <tbody>
            {people.map((p) => (
              <tr class={p.active ? '' : 'md-inactive'}>
                <td><a href={`/people/${p.id}`}>{p.name}</a></td><td>{p.position ?? t('none')}</td>
                <td>{p.email ?? t('none')}</td><td>{p.phone ?? t('none')}</td><td>{p.active ? t('yes') : t('no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('contacts')} ({contacts.length})</h2>
      {contacts.length === 0 ? <p class="muted">{t('noResults')}</p> : (
        <table>
          <thead><tr><th>{t('number')}</th><th>{t('title')}</th><th>{t('owner')}</th><th>{t('deadline')}</th><th>{t('status')}</th></tr></thead>
          <tbody>
            {contacts.map((k) => (
              <tr>
                <td><a href={`/contacts/${k.id}`}>{k.number}</a></td><td>{k.title}</td>
                <td>{k.owner?.name ?? <span class="muted">{t('unassigned')}</span>}</td>
                <td class={k.status === 'open' && k.dueAt && k.dueAt < props.now ? 'overdue' : ''}>{t.dateTime(k.dueAt)}</td>
                <td><span class={`badge ${k.status}`}>{t(k.status)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('documents')} ({documents.length})</h2>
      {documents.length === 0 ? <p class="muted">{t('noResults')}</p> : (
        <table>
          <thead><tr><th>{t('number')}</th><th>{t('kind')}</th><th>{t('issueDate')}</th><th>{t('gross')}</th></tr></thead>
          <tbody>
            {documents.map((d) => (
              <tr>
                <td><a href={`/documents/${d.id}`}>{d.number}</a></td><td>{t.locale === 'pl' ? d.kind.namePl : d.kind.nameEn}</td>
                <td>{t.date(d.issueDate)}</td><td class="md-num">{t.money(d.grossTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
