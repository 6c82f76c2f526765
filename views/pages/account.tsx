import { Layout, type LayoutProps } from '../layouts/layout.tsx';

/** What the preferences form shows: the employee's own settings. */
export type Preferences = {
  locale: 'pl' | 'en';
  timeZone: string;
  reminderChannel: 'slack' | 'email' | 'both';
  workingHours: { days: number[]; start: string; end: string };
};

const TIME_ZONES = Intl.supportedValuesOf('timeZone');

export function AccountPage(props: Omit<LayoutProps, 'title' | 'children'> & { preferences: Preferences; message?: string; error?: string; preferencesError?: Record<string, string> }) {
  const { t, preferences: pref } = props;
  const errors = props.preferencesError ?? {};
  const weekdays = t('weekdays').split(',');
  return (
    <Layout {...props} title={t('account')}>
      {props.message && <p class="notice" role="status">{props.message}</p>}
      <h1>{t('preferences')}</h1>
      <form class="card stack" method="post" action="/account/preferences" id="preferences">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label>
          {t('language')}
          <select name="locale">
            <option value="pl" selected={pref.locale === 'pl'}>Polski</option>
            <option value="en" selected={pref.locale === 'en'}>English</option>
          </select>
        </label>
        <label>
          {t('timeZone')}
          <input name="timeZone" value={pref.timeZone} list="time-zones" required />
          {errors.timeZone && <span class="error" role="alert">{errors.timeZone}</span>}
        </label>
        <datalist id="time-zones">{TIME_ZONES.map((zone) => <option value={zone} />)}</datalist>
        <label>
          {t('reminderChannel')}
          <select name="reminderChannel">
            <option value="slack" selected={pref.reminderChannel === 'slack'}>{t('reminderSlack')}</option>
            <option value="email" selected={pref.reminderChannel === 'email'}>{t('reminderEmail')}</option>
            <option value="both" selected={pref.reminderChannel === 'both'}>{t('reminderBoth')}</option>
          </select>
        </label>
        <fieldset>
          <legend>{t('workingDays')}</legend>
          {weekdays.map((name, i) => (
            <label class="inline">
              <input type="checkbox" name="days" value={String(i + 1)} checked={pref.workingHours.days.includes(i + 1)} /> {name}
            </label>
          ))}
          {errors.workingHours && <span class="error" role="alert">{errors.workingHours}</span>}
        </fieldset>
        <label>{t('workingFrom')} <input type="time" name="start" value={pref.workingHours.start} required /></label>
        <label>{t('workingTo')} <input type="time" name="end" value={pref.workingHours.end} required /></label>
        <button type="submit">{t('save')}</button>
      </form>

      <h2>{t('changePassword')}</h2>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <form class="card stack" method="post" action="/account/password">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label>{t('currentPassword')} <input type="password" name="currentPassword" autocomplete="current-password" required /></label>
        <label>{t('newPassword')} <input type="password" name="newPassword" autocomplete="new-password" minlength={10} required /></label>
        <button type="submit">{t('changePassword')}</button>
      </form>
    </Layout>
  );
}
