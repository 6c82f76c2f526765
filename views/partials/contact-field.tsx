import type { MessageKey, Translator } from '../i18n/messages.ts';
import { formatLocalDateTime } from '../../src/web/local-time.ts';
import { OUTCOMES } from '../../src/domain/contacts/contact-fields.ts';

export const EDITABLE_FIELDS = [
  'title', 'priority', 'dueAt', 'externalNumber', 'companyId', 'personId', 'ownerId', 'kindId', 'description', 'probability',
  'expectedCloseAt', 'restrictToSalesLines',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Fields chosen from a list; '' in their select means none. */
export const REFERENCE_FIELDS = ['companyId', 'personId', 'ownerId', 'kindId'] as const;
export type FieldOption = { value: string; label: string };
export type FieldValue = string | number | boolean | Date | null;

/** The label of each contact field (also used by the history). */
export const FIELD_LABELS: Record<EditableField, MessageKey> = {
  title: 'title', priority: 'priority', dueAt: 'deadline', externalNumber: 'externalNumber', companyId: 'company', personId: 'person',
  ownerId: 'owner', kindId: 'kind', description: 'description', probability: 'contactProbability', expectedCloseAt: 'contactExpectedClose',
  restrictToSalesLines: 'onlyTheseArticles',
};

type Props = {
  t: Translator;
  contactId: number;
  field: EditableField;
  value: FieldValue;
  /** The choices of a reference field. */
  options?: FieldOption[];
  /** Shown when the field is empty (probability: the kind's default). */
  placeholder?: string;
  message?: { kind: 'error' | 'saved' | 'conflict'; text: string };
  /** Swapped out of band (the person field after the company changed). */
  oob?: boolean;
  /** For the form without htmx (htmx sends the X-CSRF-Token header). */
  csrfToken?: string;
};

const asDateInput = (value: FieldValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : '');

function FieldInput(props: Props) {
  const { t, field, value } = props;
  const label = t(FIELD_LABELS[field]);
  switch (field) {
    case 'priority':
      return (
        <select name="value" aria-label={label}>
          {(['high', 'normal', 'low'] as const).map((p) => <option value={p} selected={value === p}>{t(p)}</option>)}
        </select>
      );
    case 'dueAt':
      return <input type="datetime-local" name="value" aria-label={label} value={typeof value === 'string' ? value : formatLocalDateTime(value as Date | null, t.timeZone)} />;
    case 'expectedCloseAt':
      return <input type="date" name="value" aria-label={label} value={asDateInput(value)} />;
    case 'probability':
      return <input type="number" name="value" min="0" max="100" step="1" aria-label={label} placeholder={props.placeholder} value={value === null ? '' : String(value)} />;
    case 'description':
      return <textarea name="value" aria-label={label} rows={4}>{(value as string | null) ?? ''}</textarea>;
    case 'restrictToSalesLines':
      // An unchecked box sends nothing, so a hidden "false" comes first and a checked box overrides it.
      return (
        <label class="switch">
          <input type="hidden" name="value" value="false" />
          <input type="checkbox" name="value" value="true" checked={value === true || value === 'true'} /> {t('onlyTheseArticlesHint')}
        </label>
      );
    case 'companyId':
      return (
        <>
          <input type="search" name="q" aria-label={t('searchCompany')} placeholder={t('searchCompany')} autocomplete="off"
            hx-get={`/contacts/${props.contactId}/company-options`} hx-trigger="input changed delay:300ms" hx-target={`#company-options-${props.contactId}`} hx-swap="innerHTML" />
          <select name="value" id={`company-options-${props.contactId}`} aria-label={label}>
            <FieldOptions options={props.options ?? []} value={value} />
          </select>
        </>
      );
    case 'personId':
    case 'ownerId':
    case 'kindId':
      return (
        <select name="value" aria-label={label}>
          <option value="">{field === 'ownerId' ? t('unassigned') : t('none')}</option>
          <FieldOptions options={props.options ?? []} value={value} />
        </select>
      );
    default:
      return <input type="text" name="value" aria-label={label} value={(value as string | null) ?? ''} />;
  }
}

/** The options of a reference select (also the answer to the company search). */
export function FieldOptions(props: { options: FieldOption[]; value: FieldValue }) {
  return <>{props.options.map((o) => <option value={o.value} selected={String(props.value ?? '') === o.value}>{o.label}</option>)}</>;
}

/**
 * One inline-editable field of a contact. The form posts the field with the page's version
 * (hx-include #contact-version); the answer is this component again, with a message.
 */
export function ContactField(props: Props) {
  const { t, field } = props;
  return (
    <dd id={`field-${field}`} hx-swap-oob={props.oob ? 'true' : undefined}>
      <form class="inline-edit" method="post" action={`/contacts/${props.contactId}/fields`} hx-post={`/contacts/${props.contactId}/fields`}
        hx-target={`#field-${field}`} hx-swap="outerHTML" hx-include="#contact-version">
        <input type="hidden" name="field" value={field} />
        {props.csrfToken && <input type="hidden" name="_csrf" value={props.csrfToken} />}
        <FieldInput {...props} />
        <button type="submit">{t('save')}</button>
        {props.message && <span class={props.message.kind === 'saved' ? 'muted' : 'error'} role="status">{props.message.text}</span>}
      </form>
    </dd>
  );
}

/** Open / closed with its outcome; closing asks for the outcome, a closed contact can be reopened. */
export function ContactStatus(props: { t: Translator; contactId: number; status: string; outcome: string | null; csrfToken?: string; message?: { kind: 'error' | 'saved' | 'conflict'; text: string } }) {
  const { t } = props;
  const action = `/contacts/${props.contactId}/status`;
  return (
    <dd id="field-status">
      <form class="inline-edit" method="post" action={action} hx-post={action} hx-target="#field-status" hx-swap="outerHTML" hx-include="#contact-version">
        {props.csrfToken && <input type="hidden" name="_csrf" value={props.csrfToken} />}
        <span class={`badge ${props.status}`}>{t(props.status === 'closed' ? 'closed' : 'open')}</span>
        {props.outcome && <span class="muted"> ({t(`outcome_${props.outcome}` as MessageKey)})</span>}{' '}
        {props.status === 'open' ? (
          <>
            <input type="hidden" name="action" value="close" />
            <select name="outcome" aria-label={t('contactOutcome')}>
              <option value="">{t('contactOutcome')}: {t('none')}</option>
              {OUTCOMES.map((o) => <option value={o}>{t(`outcome_${o}`)}</option>)}
            </select>
            <button type="submit">{t('closeContact')}</button>
          </>
        ) : (
          <>
            <input type="hidden" name="action" value="reopen" />
            <button type="submit">{t('reopenContact')}</button>
          </>
        )}
        {props.message && <span class={props.message.kind === 'saved' ? 'muted' : 'error'} role="status">{props.message.text}</span>}
      </form>
    </dd>
  );
}

/** The contact's current version, swapped out of band after each save so later edits send it. */
export function VersionInput(props: { version: number; oob?: boolean }) {
  return <input type="hidden" id="contact-version" name="version" value={String(props.version)} hx-swap-oob={props.oob ? 'true' : undefined} />;
}
