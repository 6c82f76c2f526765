import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Checkbox, FieldError, Input, MasterForm, OtherErrors, Select, type FormErrors, type FormValues } from '../partials/master-form.tsx';

/** ISO weekdays 1 (Monday) … 7 (Sunday), sent as day1 … day7 checkboxes. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const DAY_KEYS: Record<number, MessageKey> = { 1: 'mdMon', 2: 'mdTue', 3: 'mdWed', 4: 'mdThu', 5: 'mdFri', 6: 'mdSat', 7: 'mdSun' };

type EmployeeRecord = {
  name: string; email: string; role: string; active: boolean; slackUserId: string | null; locale: string; timeZone: string;
  reminderChannel: string; workingHours: unknown; managerId: number | null;
};

/** The form's values for an existing employee. */
export function employeeValues(e: EmployeeRecord): FormValues {
  const hours = (e.workingHours ?? {}) as { days?: number[]; start?: string; end?: string };
  return {
    name: e.name, email: e.email, role: e.role, active: e.active ? 'on' : '', slackUserId: e.slackUserId ?? '', locale: e.locale,
    timeZone: e.timeZone, reminderChannel: e.reminderChannel, managerId: e.managerId ? String(e.managerId) : '',
    workStart: hours.start ?? '', workEnd: hours.end ?? '',
    ...Object.fromEntries(WEEKDAYS.map((d) => [`day${d}`, hours.days?.includes(d) ? 'on' : ''])),
  };
}

/** Defaults of a new employee (the database's defaults). */
export const NEW_EMPLOYEE_VALUES: FormValues = {
  role: 'member', active: 'on', locale: 'pl', timeZone: 'Europe/Warsaw', reminderChannel: 'slack', workStart: '08:00', workEnd: '17:00',
  day1: 'on', day2: 'on', day3: 'on', day4: 'on', day5: 'on',
};

const SHOWN = ['name', 'email', 'role', 'active', 'slackUserId', 'locale', 'timeZone', 'reminderChannel', 'workingHours', 'managerId', 'password'] as const;

/** New employee (no `employee`) or edit of one, with the admin's password reset on the edit page. */
export function EmployeeFormPage(props: Omit<LayoutProps, 'title' | 'children'> & {
  /** The employee being edited (absent for a new one); `employee` is the signed-in one. */
  editing?: { id: number; name: string; hasPassword: boolean };
  managers: { id: number; name: string }[];
  timeZones: string[];
  values: FormValues;
  errors?: FormErrors;
  passwordErrors?: FormErrors;
  notice?: string;
}) {
  const { t, values: v, errors } = props;
  const e = props.editing;
  const title = e ? t('mdEditEmployee', { name: e.name }) : t('mdNewEmployee');
  const managers: [string, string][] = [['', t('none')], ...props.managers.filter((m) => m.id !== e?.id).map((m): [string, string] => [String(m.id), m.name])];
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      <OtherErrors t={t} errors={errors} shown={SHOWN} />
      <MasterForm t={t} action={e ? `/employees/${e.id}` : '/employees'} csrfToken={props.csrfToken} submit={e ? t('save') : t('create')} cancelHref="/employees">
        <Input label={t('mdName')} name="name" values={v} errors={errors} required />
        <Input label={t('email')} name="email" values={v} errors={errors} type="email" required />
        <Select label={t('role')} name="role" values={v} errors={errors} options={[['member', t('mdRoleMember')], ['admin', t('mdRoleAdmin')]]} />
        <Checkbox label={t('active')} name="active" checked={v.active === 'on'} errors={errors} />
        <Input label={t('mdSlackUserId')} name="slackUserId" values={v} errors={errors} hint={t('mdSlackUserIdHint')} />
        <Select label={t('language')} name="locale" values={v} errors={errors} options={[['pl', 'Polski'], ['en', 'English']]} />
        <Input label={t('mdTimeZone')} name="timeZone" values={v} errors={errors} required attrs={{ list: 'time-zones' }} hint={t('mdTimeZoneHint')} />
        <datalist id="time-zones">{props.timeZones.map((z) => <option value={z} />)}</datalist>
        <Select label={t('mdReminderChannel')} name="reminderChannel" values={v} errors={errors}
          options={[['slack', 'Slack'], ['email', t('email')], ['both', t('mdReminderBoth')]]} />
        <fieldset class="md-days">
          <legend>{t('mdWorkingHours')}</legend>
          {WEEKDAYS.map((d) => <label class="md-check"><input type="checkbox" name={`day${d}`} checked={v[`day${d}`] === 'on'} /> {t(DAY_KEYS[d]!)}</label>)}
          <FieldError errors={errors} name="workingHours.days" />
          <Input label={t('mdWorkStart')} name="workStart" values={v} errors={errors} type="time" />
          <FieldError errors={errors} name="workingHours.start" />
          <Input label={t('mdWorkEnd')} name="workEnd" values={v} errors={errors} type="time" />
          <FieldError errors={errors} name="workingHours.end" />
        </fieldset>
        <Select label={t('mdManager')} name="managerId" values={v} errors={errors} options={managers} />
        {!e && <Input label={t('password')} name="password" values={{}} errors={errors} type="password" hint={t('mdInitialPasswordHint')} attrs={{ autocomplete: 'new-password' }} />}
      </MasterForm>
      {e && (
        <form class="card stack md-form" method="post" action={`/employees/${e.id}/password`}>
          <h2>{t('mdSetPassword')}</h2>
          <p class="muted">{e.hasPassword ? t('mdHasPassword') : t('mdNoPassword')}</p>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <Input label={t('newPassword')} name="password" values={{}} errors={props.passwordErrors} type="password" required attrs={{ autocomplete: 'new-password' }} />
          <p><button type="submit">{t('mdSetPassword')}</button></p>
        </form>
      )}
    </Layout>
  );
}
