import type { Translator } from '../i18n/messages.ts';
import { formatLocalDateTime } from '../../src/web/local-time.ts';

export const EDITABLE_FIELDS = ['title', 'priority', 'dueAt', 'externalNumber'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

type Props = {
  t: Translator;
  contactId: number;
  field: EditableField;
  value: string | Date | null;
  message?: { kind: 'error' | 'saved' | 'conflict'; text: string };
};

/**
 * One inline-editable field of a contact. The form posts the field with the page's version
 * (hx-include #contact-version); the answer is this component again, with a message.
 */
export function ContactField(props: Props) {
  const { t, field } = props;
  const input =
    field === 'priority' ? (
      <select name="value" aria-label={t('priority')}>
        {(['high', 'normal', 'low'] as const).map((p) => <option value={p} selected={props.value === p}>{t(p)}</option>)}
      </select>
    ) : field === 'dueAt' ? (
      <input type="datetime-local" name="value" aria-label={t('deadline')} value={typeof props.value === 'string' ? props.value : formatLocalDateTime(props.value, t.timeZone)} />
    ) : (
      <input type="text" name="value" aria-label={t(field)} value={(props.value as string | null) ?? ''} />
    );
  return (
    <dd id={`field-${field}`}>
      <form class="inline-edit" method="post" action={`/contacts/${props.contactId}/fields`} hx-post={`/contacts/${props.contactId}/fields`}
        hx-target={`#field-${field}`} hx-swap="outerHTML" hx-include="#contact-version">
        <input type="hidden" name="field" value={field} />
        {input}
        <button type="submit">{t('save')}</button>
        {props.message && <span class={props.message.kind === 'saved' ? 'muted' : 'error'} role="status">{props.message.text}</span>}
      </form>
    </dd>
  );
}

/** The contact's current version, swapped out of band after each save so later edits send it. */
export function VersionInput(props: { version: number; oob?: boolean }) {
  return <input type="hidden" id="contact-version" name="version" value={String(props.version)} hx-swap-oob={props.oob ? 'true' : undefined} />;
}
