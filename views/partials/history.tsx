import type { listContactHistory } from '../../src/domain/history/list-contact-history.ts';
import { en as contactPageMessages } from '../i18n/catalogue/contact-page.ts';
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { FIELD_LABELS } from './contact-field.tsx';

type History = Awaited<ReturnType<typeof listContactHistory>>;

/** History entries per page on the contact page (one more is read to know whether older ones exist). */
export const HISTORY_PAGE = 20;

/** Names of the rows history values point at, by field ("ownerId" → id → name); loaded by the caller. */
export type { HistoryNames } from '../../src/domain/history/get-history-names.ts';
import type { HistoryNames } from '../../src/domain/history/get-history-names.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CALENDAR_FIELDS = new Set(['expectedCloseAt', 'issueDate', 'dueDate']);
const ENUM_VALUES = new Set(['high', 'normal', 'low', 'open', 'closed']);

export function historyFieldLabel(t: Translator, field: string): string {
  const known = FIELD_LABELS[field as keyof typeof FIELD_LABELS];
  if (known) return t(known);
  if (field === 'quantity' || field === 'unitNetPrice') return t(field);
  if (field === 'paymentFormId') return t('paymentForm');
  if (field === 'registeredAt') return t('registered');
  const keyed = `historyField_${field}`;
  return keyed in contactPageMessages ? t(keyed as MessageKey) : field;
}

/** A stored history value for reading: names instead of ids, dates in the reader's zone, words for enums. */
export function historyValue(t: Translator, field: string, value: unknown, names: HistoryNames): string {
  if (value === null || value === undefined || value === '') return t('none');
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  if (typeof value === 'number' && names[field]) return names[field]!.get(value) ?? `#${value}`;
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    const date = new Date(value);
    return CALENDAR_FIELDS.has(field) ? t.date(date) : t.dateTime(date);
  }
  if (field === 'outcome' && typeof value === 'string') return t(`outcome_${value}` as MessageKey);
  if (typeof value === 'string' && ENUM_VALUES.has(value) && (field === 'priority' || field === 'status')) return t(value as MessageKey);
  if (field === 'unitNetPrice' && typeof value === 'string') return t.money(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function historyActionLabel(t: Translator, action: string): string {
  const key = `historyAction_${action.replaceAll(' ', '_')}`;
  return key in contactPageMessages ? t(key as MessageKey) : action;
}

/** A page of history entries, newest first, and the link that loads the next (older) page in place. */
export function HistoryEntries(props: { t: Translator; history: History; names: HistoryNames; olderUrl?: string | null }) {
  const { t } = props;
  return (
    <>
      <ul class="timeline history">
        {props.history.map((h) => (
          <li>
            <div class="meta">{t.dateTime(h.at)} · {h.actor?.name ?? h.channel} · {h.channel} · <strong>{historyActionLabel(t, h.action)}</strong></div>
            {h.changes.length > 0 && (
              <ul class="changes">
                {h.changes.map((ch) => (
                  <li>
                    <span class="field">{historyFieldLabel(t, ch.field)}</span>:{' '}
                    {ch.old !== null && <><del>{historyValue(t, ch.field, ch.old, props.names)}</del> → </>}
                    <ins>{historyValue(t, ch.field, ch.new, props.names)}</ins>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {props.olderUrl && (
        <a class="more" href={props.olderUrl} hx-get={props.olderUrl} hx-target="this" hx-swap="outerHTML">{t('historyOlder')}</a>
      )}
    </>
  );
}

/** The contact's history section: the latest entries, older ones on demand. */
export function HistoryList(props: { t: Translator; history: History; names: HistoryNames; olderUrl?: string | null }) {
  const { t } = props;
  return (
    <section id="history">
      <h2>{t('history')}</h2>
      {props.history.length === 0 && <p class="muted">{t('historyEmpty')}</p>}
      <HistoryEntries {...props} />
    </section>
  );
}
