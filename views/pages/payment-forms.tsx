import type { PaymentForm } from '../../src/generated/prisma/client.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { Checkbox, Input, MasterForm, OtherErrors, type FormErrors, type FormValues } from '../partials/master-form.tsx';

export function PaymentFormsPage(props: Omit<LayoutProps, 'title' | 'children'> & { paymentForms: PaymentForm[] }) {
  const { t } = props;
  return (
    <Layout {...props} title={t('paymentForms')}>
      <h1>{t('paymentForms')}</h1>
      <p><a class="button" href="/payment-forms/new">{t('mdNewPaymentForm')}</a></p>
      <table>
        <thead><tr><th>{t('mdName')}</th><th>{t('mdPaymentDays')}</th><th>{t('active')}</th></tr></thead>
        <tbody>
          {props.paymentForms.length === 0 && <tr><td colspan={3} class="muted">{t('noResults')}</td></tr>}
          {props.paymentForms.map((f) => (
            <tr class={f.active ? '' : 'md-inactive'}>
              <td><a href={`/payment-forms/${f.id}`}>{f.name}</a></td><td>{f.days}</td><td>{f.active ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export const paymentFormValues = (f: PaymentForm): FormValues => ({ name: f.name, days: String(f.days), active: f.active ? 'on' : '' });

export function PaymentFormFormPage(props: Omit<LayoutProps, 'title' | 'children'> & { paymentForm?: { id: number; name: string }; values: FormValues; errors?: FormErrors }) {
  const { t, values: v, errors } = props;
  const title = props.paymentForm ? t('mdEditPaymentForm', { name: props.paymentForm.name }) : t('mdNewPaymentForm');
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <OtherErrors t={t} errors={errors} shown={['name', 'days', 'active']} />
      <MasterForm t={t} action={props.paymentForm ? `/payment-forms/${props.paymentForm.id}` : '/payment-forms'} csrfToken={props.csrfToken}
        submit={props.paymentForm ? t('save') : t('create')} cancelHref="/payment-forms">
        <Input label={t('mdName')} name="name" values={v} errors={errors} required />
        <Input label={t('mdPaymentDays')} name="days" values={v} errors={errors} type="number" attrs={{ min: 0, max: 365 }} />
        <Checkbox label={t('active')} name="active" checked={v.active === 'on'} errors={errors} />
      </MasterForm>
    </Layout>
  );
}
