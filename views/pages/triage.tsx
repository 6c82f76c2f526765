import type { listTriage } from '../../src/domain/mail/list-triage.ts';
import { TRIAGE_TABS } from '../../src/domain/mail/list-triage.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

type List = Awaited<ReturnType<typeof listTriage>>;

export const TAB_LABEL: Record<(typeof TRIAGE_TABS)[number], MessageKey> = {
  unmatched: 'trTabUnmatched', rejected: 'trTabRejected', ignored: 'trTabIgnored', discarded: 'trTabDiscarded', filed: 'trTabFiled', received: 'trTabReceived',
};

/** The triage queue: one tab per status (unmatched first), newest first, with the reason. */
export function TriagePage(props: Omit<LayoutProps, 'title' | 'children'> & { list: List; q: string }) {
  const { t, list } = props;
  const query = (extra: Record<string, string>) => `/triage?${new URLSearchParams({ status: list.status, ...(props.q ? { q: props.q } : {}), ...extra }).toString()}`;
  return (
    <Layout {...props} title={t('triage')}>
      <h1>{t('triage')}</h1>
      <nav class="quick triage-tabs">
        {TRIAGE_TABS.map((s) => (
          <a href={`/triage?status=${s}`} class={s === list.status ? 'active' : undefined}>{t(TAB_LABEL[s])} ({list.counts[s]})</a>
        ))}
      </nav>
      <form class="filters" method="get" action="/triage">
        <input type="hidden" name="status" value={list.status} />
        <input type="search" name="q" value={props.q} placeholder={t('trSearch')} />
        <button type="submit">{t('trFilter')}</button>
      </form>
      {list.items.length === 0 ? (
        <p class="muted">{t('trEmpty')}</p>
      ) : (
        <table class="list triage-list">
          <thead><tr><th>{t('trReceived')}</th><th>{t('trSender')}</th><th>{t('trSubject')}</th><th>{t('trReason')}</th></tr></thead>
          <tbody>
            {list.items.map((m) => (
              <tr>
                <td>{t.dateTime(m.receivedAt)}</td>
                <td>{m.fromName ? `${m.fromName} <${m.fromAddress ?? ''}>` : (m.fromAddress ?? t('none'))}{m.originalFrom && <div class="muted">{m.originalFrom}</div>}</td>
                <td><a href={`/triage/${m.id}`}>{m.subject || t('none')}</a>{m.contact && <div class="muted">{t('trFiledOn', { number: m.contact.number })}</div>}</td>
                <td>{m.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.nextBefore && <p><a href={query({ before: String(list.nextBefore) })}>{t('trMore')}</a></p>}
    </Layout>
  );
}
