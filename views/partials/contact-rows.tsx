import type { ContactSummary } from '../../src/domain/contacts/search-contacts.ts';
import type { Translator } from '../i18n/messages.ts';

/** Result rows of the contacts list; the same component for the full page and the htmx swap. */
export function ContactRows(props: { t: Translator; contacts: ContactSummary[]; nextUrl: string | null; now: Date }) {
  const { t } = props;
  if (props.contacts.length === 0) {
    return (
      <tbody id="results">
        <tr>
          <td colspan={7} class="muted">{t('noResults')}</td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody id="results">
      {props.contacts.map((c) => (
        <tr>
          <td><a href={`/contacts/${c.id}`}>{c.number}</a></td>
          <td>{c.title}</td>
          <td>{c.companyName}</td>
          <td>{c.ownerName ?? <span class="muted">{t('unassigned')}</span>}</td>
          <td class={c.status === 'open' && c.dueAt && c.dueAt < props.now ? 'overdue' : ''}>{t.dateTime(c.dueAt)}</td>
          <td><span class={`badge ${c.priority}`}>{t(c.priority)}</span></td>
          <td><span class={`badge ${c.status}`}>{t(c.status)}</span></td>
        </tr>
      ))}
      {props.nextUrl && (
        <tr>
          <td colspan={7}>
            <a href={props.nextUrl}>{t('more')}</a>
          </td>
        </tr>
      )}
    </tbody>
  );
}
