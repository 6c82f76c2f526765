import type { Company } from '../../src/generated/prisma/client.ts';
import type { Translator } from '../i18n/messages.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { MoreRow } from '../partials/master-form.tsx';
import { COMPANY_KINDS, companyKindLabel } from './company-form.tsx';

export type CompaniesFilter = { q?: string; kind?: string; active?: string };

/** Result rows; the same component for the full page and the search-as-you-type swap. */
export function CompanyRows(props: { t: Translator; companies: Company[]; nextUrl: string | null }) {
  const { t } = props;
  return (
    <tbody id="results">
      {props.companies.length === 0 && <tr><td colspan={6} class="muted">{t('noResults')}</td></tr>}
      {props.companies.map((c) => (
        <tr class={c.active ? '' : 'md-inactive'}>
          <td><a href={`/companies/${c.id}`}>{c.name}</a></td>
          <td>{c.code}</td>
          <td>{c.nip ?? t('none')}</td>
          <td>{companyKindLabel(t, c.kind)}</td>
          <td>{[c.postalCode, c.city].filter(Boolean).join(' ') || t('none')}</td>
          <td>{c.active ? t('yes') : t('no')}</td>
        </tr>
      ))}
      <MoreRow t={t} colspan={6} nextUrl={props.nextUrl} />
    </tbody>
  );
}

export function CompaniesPage(props: Omit<LayoutProps, 'title' | 'children'> & { filter: CompaniesFilter; companies: Company[]; nextUrl: string | null }) {
  const { t, filter } = props;
  return (
    <Layout {...props} title={t('companies')}>
      <h1>{t('companies')}</h1>
      <p><a class="button" href="/companies/new">{t('mdNewCompany')}</a></p>
      <form class="filters" method="get" action="/companies" hx-get="/companies" hx-target="#results" hx-swap="outerHTML" hx-push-url="true"
        hx-trigger="input changed delay:300ms from:input[name=q], change">
        <input type="search" name="q" value={filter.q ?? ''} placeholder={t('mdCompanySearchPlaceholder')} aria-label={t('search')} />
        <select name="kind" aria-label={t('kind')}>
          <option value="">{t('kind')}: {t('all')}</option>
          {COMPANY_KINDS.map((k) => <option value={k} selected={filter.kind === k}>{companyKindLabel(t, k)}</option>)}
        </select>
        <select name="active" aria-label={t('active')}>
          <option value="">{t('mdActiveAndInactive')}</option>
          <option value="yes" selected={filter.active === 'yes'}>{t('mdOnlyActive')}</option>
          <option value="no" selected={filter.active === 'no'}>{t('mdOnlyInactive')}</option>
        </select>
        <button type="submit">{t('search')}</button>
      </form>
      <table>
        <thead>
          <tr><th>{t('mdName')}</th><th>{t('mdCode')}</th><th>NIP</th><th>{t('kind')}</th><th>{t('mdCity')}</th><th>{t('active')}</th></tr>
        </thead>
        <CompanyRows t={t} companies={props.companies} nextUrl={props.nextUrl} />
      </table>
    </Layout>
  );
}
