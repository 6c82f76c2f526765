import type { listPeople } from '../../src/domain/people/list-people.ts';
import type { Translator } from '../i18n/messages.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { MoreRow } from '../partials/master-form.tsx';

type PersonRow = Awaited<ReturnType<typeof listPeople>>[number];
export type PeopleFilter = { q?: string; companyId?: string };
type CompanyOption = { id: number; name: string; code: string };

export function PeopleRows(props: { t: Translator; people: PersonRow[]; nextUrl: string | null }) {
  const { t } = props;
  return (
    <tbody id="results">
      {props.people.length === 0 && <tr><td colspan={6} class="muted">{t('noResults')}</td></tr>}
      {props.people.map((p) => (
        <tr class={p.active ? '' : 'md-inactive'}>
          <td><a href={`/people/${p.id}`}>{p.name}</a></td>
          <td><a href={`/companies/${p.company.id}`}>{p.company.name}</a></td>
          <td>{p.position ?? t('none')}</td>
          <td>{p.email ?? t('none')}</td>
          <td>{p.phone ?? t('none')}</td>
          <td>{p.active ? t('yes') : t('no')}</td>
        </tr>
      ))}
      <MoreRow t={t} colspan={6} nextUrl={props.nextUrl} />
    </tbody>
  );
}

export function PeoplePage(props: Omit<LayoutProps, 'title' | 'children'> & { filter: PeopleFilter; people: PersonRow[]; companies: CompanyOption[]; nextUrl: string | null }) {
  const { t, filter } = props;
  return (
    <Layout {...props} title={t('people')}>
      <h1>{t('people')}</h1>
      <p><a class="button" href={filter.companyId ? `/people/new?companyId=${filter.companyId}` : '/people/new'}>{t('mdNewPerson')}</a></p>
      <form class="filters" method="get" action="/people" hx-get="/people" hx-target="#results" hx-swap="outerHTML" hx-push-url="true"
        hx-trigger="input changed delay:300ms from:input[name=q], change">
        <input type="search" name="q" value={filter.q ?? ''} placeholder={t('mdPersonSearchPlaceholder')} aria-label={t('search')} />
        <select name="companyId" aria-label={t('company')}>
          <option value="">{t('company')}: {t('all')}</option>
          {props.companies.map((c) => <option value={String(c.id)} selected={filter.companyId === String(c.id)}>{c.name} ({c.code})</option>)}
        </select>
        <button type="submit">{t('search')}</button>
      </form>
      <table>
        <thead>
          <tr><th>{t('mdName')}</th><th>{t('company')}</th><th>{t('mdPosition')}</th><th>{t('email')}</th><th>{t('mdPhone')}</th><th>{t('active')}</th></tr>
        </thead>
        <PeopleRows t={t} people={props.people} nextUrl={props.nextUrl} />
      </table>
    </Layout>
  );
}
