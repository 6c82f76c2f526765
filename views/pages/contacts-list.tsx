import type { ContactSummary } from '../../src/domain/contacts/search-contacts.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { ContactRows } from '../partials/contact-rows.tsx';

export type ContactsFilter = { q?: string; status?: string; priority?: string; view?: string; sort?: string };

export function ContactsListPage(props: Omit<LayoutProps, 'title' | 'children'> & { filter: ContactsFilter; contacts: ContactSummary[]; nextUrl: string | null; now: Date }) {
  const { t, filter } = props;
  const views: [string, string][] = [['', t('all')], ['mine', t('mine')], ['overdue', t('overdue')], ['high', t('highPriority')]];
  return (
    <Layout {...props} title={t('contacts')}>
      <h1>{t('contacts')}</h1>
      <p class="quick">
        {views.map(([view, label]) => (
          <a href={view ? `/contacts?view=${view}` : '/contacts'} class={(filter.view ?? '') === view ? 'active' : ''}>{label}</a>
        ))}
      </p>
      {/* Search as you type: htmx replaces only the rows; without JavaScript the form still works. */}
      <form class="filters" method="get" action="/contacts" hx-get="/contacts" hx-target="#results" hx-swap="outerHTML" hx-push-url="true"
        hx-trigger="input changed delay:300ms from:input[name=q], change">
        <input type="hidden" name="view" value={filter.view ?? ''} />
        <input type="search" name="q" value={filter.q ?? ''} placeholder={t('searchPlaceholder')} aria-label={t('search')} />
        <select name="status" aria-label={t('status')}>
          <option value="">{t('status')}: {t('all')}</option>
          {(['open', 'closed'] as const).map((s) => <option value={s} selected={filter.status === s}>{t(s)}</option>)}
        </select>
        <select name="priority" aria-label={t('priority')}>
          <option value="">{t('priority')}: {t('all')}</option>
          {(['high', 'normal', 'low'] as const).map((p) => <option value={p} selected={filter.priority === p}>{t(p)}</option>)}
        </select>
        <select name="sort" aria-label="sort">
          <option value="recent" selected={filter.sort !== 'due'}>{t('registered')} ↓</option>
          <option value="due" selected={filter.sort === 'due'}>{t('deadline')} ↑</option>
        </select>
        <button type="submit">{t('search')}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>{t('number')}</th><th>{t('title')}</th><th>{t('company')}</th><th>{t('owner')}</th>
            <th>{t('deadline')}</th><th>{t('priority')}</th><th>{t('status')}</th>
          </tr>
        </thead>
        <ContactRows t={t} contacts={props.contacts} nextUrl={props.nextUrl} now={props.now} />
      </table>
    </Layout>
  );
}
