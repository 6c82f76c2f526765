import type { ContactKind } from '../../src/generated/prisma/client.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { Checkbox, Input, MasterForm, OtherErrors, type FormErrors, type FormValues } from '../partials/master-form.tsx';

export function ContactKindsPage(props: Omit<LayoutProps, 'title' | 'children'> & { kinds: ContactKind[] }) {
  const { t } = props;
  return (
    <Layout {...props} title={t('contactKinds')}>
      <h1>{t('contactKinds')}</h1>
      <p><a class="button" href="/contact-kinds/new">{t('mdNewContactKind')}</a></p>
      <table>
        <thead><tr><th>{t('mdName')}</th><th>{t('mdDefaultProbability')}</th><th>{t('active')}</th></tr></thead>
        <tbody>
          {props.kinds.length === 0 && <tr><td colspan={3} class="muted">{t('noResults')}</td></tr>}
          {props.kinds.map((k) => (
            <tr class={k.active ? '' : 'md-inactive'}>
              <td><a href={`/contact-kinds/${k.id}`}>{k.name}</a></td><td>{k.defaultProbability}%</td><td>{k.active ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export const contactKindValues = (k: ContactKind): FormValues => ({ name: k.name, defaultProbability: String(k.defaultProbability), active: k.active ? 'on' : '' });

export function ContactKindFormPage(props: Omit<LayoutProps, 'title' | 'children'> & { kind?: { id: number; name: string }; values: FormValues; errors?: FormErrors }) {
  const { t, values: v, errors } = props;
  const title = props.kind ? t('mdEditContactKind', { name: props.kind.name }) : t('mdNewContactKind');
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <OtherErrors t={t} errors={errors} shown={['name', 'defaultProbability', 'active']} />
      <MasterForm t={t} action={props.kind ? `/contact-kinds/${props.kind.id}` : '/contact-kinds'} csrfToken={props.csrfToken}
        submit={props.kind ? t('save') : t('create')} cancelHref="/contact-kinds">
        <Input label={t('mdName')} name="name" values={v} errors={errors} required />
        <Input label={t('mdDefaultProbability')} name="defaultProbability" values={v} errors={errors} type="number" attrs={{ min: 0, max: 100 }} />
        <Checkbox label={t('active')} name="active" checked={v.active === 'on'} errors={errors} />
      </MasterForm>
    </Layout>
  );
}
