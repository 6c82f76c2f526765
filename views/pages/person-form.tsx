import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { Checkbox, Input, MasterForm, OtherErrors, Select, type FormErrors, type FormValues } from '../partials/master-form.tsx';

type CompanyOption = { id: number; name: string; code: string };

/** The form's values for an existing person. */
export const personValues = (p: { companyId: number; name: string; position: string | null; email: string | null; phone: string | null; active: boolean }): FormValues => ({
  companyId: String(p.companyId), name: p.name, position: p.position ?? '', email: p.email ?? '', phone: p.phone ?? '', active: p.active ? 'on' : '',
});

const SHOWN = ['companyId', 'name', 'position', 'email', 'phone', 'active'] as const;

/** New person (no `person`) or edit of one. */
export function PersonFormPage(props: Omit<LayoutProps, 'title' | 'children'> & { person?: { id: number; name: string }; companies: CompanyOption[]; values: FormValues; errors?: FormErrors }) {
  const { t, values: v, errors } = props;
  const title = props.person ? t('mdEditPerson', { name: props.person.name }) : t('mdNewPerson');
  const companies: [string, string][] = [['', t('none')], ...props.companies.map((c): [string, string] => [String(c.id), `${c.name} (${c.code})`])];
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <OtherErrors t={t} errors={errors} shown={SHOWN} />
      <MasterForm t={t} action={props.person ? `/people/${props.person.id}` : '/people'} csrfToken={props.csrfToken}
        submit={props.person ? t('save') : t('create')} cancelHref={v.companyId ? `/companies/${v.companyId}` : '/people'}>
        <Select label={t('company')} name="companyId" values={v} errors={errors} options={companies} required />
        <Input label={t('mdName')} name="name" values={v} errors={errors} required />
        <Input label={t('mdPosition')} name="position" values={v} errors={errors} />
        <Input label={t('email')} name="email" values={v} errors={errors} type="email" />
        <Input label={t('mdPhone')} name="phone" values={v} errors={errors} type="tel" />
        <Checkbox label={t('active')} name="active" checked={v.active === 'on'} errors={errors} />
      </MasterForm>
    </Layout>
  );
}
