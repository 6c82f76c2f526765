// Form pieces shared by the master-data pages: a labelled field with its validation message next
// to it, a checkbox, a select, and the message for errors no field shows.
import type { Child } from 'hono/jsx';
import type { Translator } from '../i18n/messages.ts';

/** Field messages of a VALIDATION error, keyed like the domain's (e.g. "workingHours.end"). */
export type FormErrors = Record<string, string>;
/** The submitted (or current) values, as strings. */
export type FormValues = Record<string, string | undefined>;

/** The message for a field, also for nested keys ("emailDomains.2", "workingHours.days"). */
export function errorFor(errors: FormErrors | undefined, name: string): string | undefined {
  if (!errors) return undefined;
  if (errors[name]) return errors[name];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${name}.`));
  return nested ? errors[nested] : undefined;
}

export function FieldError(props: { errors?: FormErrors; name: string }) {
  const message = errorFor(props.errors, props.name);
  return message ? <span class="error" role="alert" id={`${props.name}-error`}> {message}</span> : null;
}

/** Messages of errors no field on the form shows (e.g. "_"), so nothing is lost. */
export function OtherErrors(props: { t: Translator; errors?: FormErrors; shown: readonly string[] }) {
  const rest = Object.entries(props.errors ?? {}).filter(([k]) => !props.shown.some((s) => k === s || k.startsWith(`${s}.`)));
  if (rest.length === 0) return null;
  return <p class="notice error" role="alert">{props.t('mdFixErrors')} {rest.map(([k, v]) => `${k}: ${v}`).join('; ')}</p>;
}

type InputProps = {
  label: string;
  name: string;
  values: FormValues;
  errors?: FormErrors;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'tel';
  required?: boolean;
  hint?: string;
  /** Extra attributes for the input (min, max, autocomplete, list…). */
  attrs?: Record<string, string | number>;
};

export function Input(props: InputProps) {
  const invalid = Boolean(errorFor(props.errors, props.name));
  return (
    <label>
      {props.label}{' '}
      <input
        type={props.type ?? 'text'} name={props.name} value={props.values[props.name] ?? ''} required={props.required}
        aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? `${props.name}-error` : undefined} {...props.attrs}
      />
      {props.hint && <span class="muted"> {props.hint}</span>}
      <FieldError errors={props.errors} name={props.name} />
    </label>
  );
}

export function TextArea(props: { label: string; name: string; values: FormValues; errors?: FormErrors; hint?: string }) {
  return (
    <label>
      {props.label}
      {props.hint && <span class="muted"> {props.hint}</span>}
      <textarea name={props.name}>{props.values[props.name] ?? ''}</textarea>
      <FieldError errors={props.errors} name={props.name} />
    </label>
  );
}

/** A checkbox sent as "on"; an unticked box sends nothing, which the handlers read as false. */
export function Checkbox(props: { label: string; name: string; checked: boolean; errors?: FormErrors }) {
  return (
    <label class="md-check">
      <input type="checkbox" name={props.name} checked={props.checked} /> {props.label}
      <FieldError errors={props.errors} name={props.name} />
    </label>
  );
}

export function Select(props: { label: string; name: string; values: FormValues; errors?: FormErrors; options: [string, string][]; required?: boolean }) {
  const current = props.values[props.name] ?? '';
  return (
    <label>
      {props.label}{' '}
      <select name={props.name} required={props.required}>
        {props.options.map(([value, label]) => <option value={value} selected={current === value}>{label}</option>)}
      </select>
      <FieldError errors={props.errors} name={props.name} />
    </label>
  );
}

/** The form frame: POST with the CSRF token, fields, and a save button. */
export function MasterForm(props: { action: string; csrfToken?: string; submit: string; children: Child; cancelHref?: string; t: Translator }) {
  return (
    <form class="card stack md-form" method="post" action={props.action}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.children}
      <p>
        <button type="submit">{props.submit}</button>{' '}
        {props.cancelHref && <a href={props.cancelHref}>{props.t('cancel')}</a>}
      </p>
    </form>
  );
}

/** Rows of a list table ending in a "more" link when another page follows. */
export function MoreRow(props: { t: Translator; colspan: number; nextUrl: string | null }) {
  if (!props.nextUrl) return null;
  return (
    <tr>
      <td colspan={props.colspan}><a href={props.nextUrl}>{props.t('more')}</a></td>
    </tr>
  );
}

/** Query string from non-empty values ("?q=x&offset=50"). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '' && v !== 0).map(([k, v]): [string, string] => [k, String(v)]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}
