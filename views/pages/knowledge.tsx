// The knowledge base: one search box over the items of all contacts, with filters; each hit shows
// its contact (a link), what it is, when, and a snippet with the searched words marked. Text is
// rendered only through JSX (escaped); a match is a <mark> around a piece of the original text.
import type { KnowledgeHit, KnowledgeResult, Segment } from '../../src/domain/analytics/search-knowledge.ts';
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

/** The page's filter as it appears in the URL (all strings; empty means "not set"). */
export type KnowledgeFilter = { q?: string; company?: string; person?: string; type?: string; kind?: string; from?: string; to?: string };
export const KNOWLEDGE_FILTER_KEYS = ['q', 'company', 'person', 'type', 'kind', 'from', 'to'] as const;

/** The filter as a query string, with some values replaced. */
export function knowledgeQuery(filter: KnowledgeFilter, replace: Record<string, string> = {}): string {
  const merged: Record<string, string | undefined> = { ...filter, ...replace };
  return new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1]))).toString();
}

export type KnowledgeChoices = {
  companies: { id: number; name: string; code: string }[];
  people: { id: number; name: string }[];
  noteKinds: string[];
};

const TYPE_LABELS: Record<KnowledgeHit['item']['type'], MessageKey> = { note: 'kbItemNote', file: 'kbItemFile', document: 'kbItemDocument' };

/** Text pieces, the matched ones marked. */
export function Highlighted(props: { segments: Segment[] }) {
  return <>{props.segments.map((s) => (s.match ? <mark>{s.text}</mark> : s.text))}</>;
}

function Hit(props: { t: Translator; hit: KnowledgeHit }) {
  const { t, hit } = props;
  const { contact, item } = hit;
  return (
    <li class="kb-hit" data-item-id={String(item.id)}>
      <p class="kb-contact">
        <a href={`/contacts/${contact.id}#item-${item.id}`}>{contact.number}</a> {contact.title}
        <span class="muted"> · {contact.companyName}{contact.personName ? ` · ${contact.personName}` : ''}</span>
      </p>
      <p class="kb-item muted">
        {t(TYPE_LABELS[item.type])}{item.noteKind ? `: ${item.noteKind}` : ''} · <time datetime={item.occurredAt.toISOString()}>{t.dateTime(item.occurredAt)}</time>
        {hit.label && <> · <span class="kb-label"><Highlighted segments={hit.label} /></span></>}
      </p>
      {hit.snippet.length > 0 && <p class="kb-snippet"><Highlighted segments={hit.snippet} /></p>}
    </li>
  );
}

/** The results; the same component for the full page and the htmx swap. */
export function KnowledgeResults(props: { t: Translator; filter: KnowledgeFilter; result: KnowledgeResult; offset: number }) {
  const { t, result } = props;
  const nextUrl = result.nextOffset !== null ? `/knowledge?${knowledgeQuery(props.filter, { offset: String(result.nextOffset) })}` : null;
  return (
    <section id="kb-results" aria-live="polite">
      {result.terms.length === 0 ? (
        <p class="muted">{t('kbPrompt')}</p>
      ) : result.total === 0 ? (
        <p class="muted">{t('noResults')}</p>
      ) : (
        <>
          <p class="muted kb-summary">{result.capped ? t('kbCapped', { count: result.total }) : t('kbMatches', { count: result.total })}</p>
          <ol class="kb-hits" start={props.offset + 1}>
            {result.hits.map((hit) => <Hit t={t} hit={hit} />)}
          </ol>
          {nextUrl && <p><a href={nextUrl} class="kb-more">{t('kbMore')}</a></p>}
        </>
      )}
    </section>
  );
}

/** The person filter: people of the chosen company (swapped out of band when the company changes). */
export function PersonSelect(props: { t: Translator; filter: KnowledgeFilter; people: KnowledgeChoices['people']; oob?: boolean }) {
  const { t, filter } = props;
  return (
    <select name="person" id="kb-person" aria-label={t('person')} hx-swap-oob={props.oob ? 'true' : undefined}
      title={filter.company ? undefined : t('kbPersonOfCompany')}>
      <option value="">{t('kbPersonAny')}</option>
      {props.people.map((p) => <option value={String(p.id)} selected={filter.person === String(p.id)}>{p.name}</option>)}
    </select>
  );
}

export function KnowledgePage(props: Omit<LayoutProps, 'title' | 'children'> & { filter: KnowledgeFilter; choices: KnowledgeChoices; result: KnowledgeResult; offset: number }) {
  const { t, filter, choices } = props;
  const types: [string, MessageKey][] = [['', 'kbTypeAny'], ['note', 'kbTypeNote'], ['file', 'kbTypeFile'], ['document', 'kbTypeDocument']];
  return (
    <Layout {...props} title={t('kbNav')}>
      <h1>{t('kbNav')}</h1>
      <p class="muted">{t('kbIntro')}</p>
      {/* Search as you type: htmx replaces the results (and, out of band, the person list); without
          JavaScript the form still works. Everything lives in the URL. */}
      <form id="kb-filters" class="filters" method="get" action="/knowledge" role="search" hx-get="/knowledge" hx-target="#kb-results" hx-swap="outerHTML"
        hx-push-url="true" hx-trigger="input changed delay:300ms from:input[name=q], change">
        <input type="search" name="q" value={filter.q ?? ''} placeholder={t('kbSearchPlaceholder')} aria-label={t('kbSearch')} autofocus />
        <input type="search" name="companySearch" aria-label={t('listSearchCompany')} placeholder={t('listSearchCompany')} autocomplete="off"
          hx-get="/companies/options" hx-trigger="input changed delay:300ms" hx-target="#kb-company" hx-swap="innerHTML" hx-include="this"
          hx-vals={JSON.stringify({ any: '1', selected: filter.company ?? '' })} />
        <select name="company" id="kb-company" aria-label={t('company')}>
          <option value="">{t('listCompanyAny')}</option>
          {choices.companies.map((c) => <option value={String(c.id)} selected={filter.company === String(c.id)}>{`${c.name} (${c.code})`}</option>)}
        </select>
        <PersonSelect t={t} filter={filter} people={choices.people} />
        <select name="type" aria-label={t('kbType')}>
          {types.map(([value, label]) => <option value={value} selected={(filter.type ?? '') === value}>{t(label)}</option>)}
        </select>
        <select name="kind" aria-label={t('noteKind')}>
          <option value="">{t('kbKindAny')}</option>
          {choices.noteKinds.map((k) => <option value={k} selected={filter.kind === k}>{k}</option>)}
        </select>
        <label>{t('kbFrom')} <input type="date" name="from" value={filter.from ?? ''} /></label>
        <label>{t('kbTo')} <input type="date" name="to" value={filter.to ?? ''} /></label>
        <button type="submit">{t('search')}</button>
      </form>
      <KnowledgeResults t={t} filter={filter} result={props.result} offset={props.offset} />
    </Layout>
  );
}
