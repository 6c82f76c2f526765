import type { Company } from '../../src/generated/prisma/client.ts';
import type { CompanyKind } from '../../src/generated/prisma/enums.ts';
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { Checkbox, Input, MasterForm, OtherErrors, Select, TextArea, type FormErrors, type FormValues } from '../partials/master-form.tsx';

export const COMPANY_KINDS = ['client', 'prospect', 'partner', 'competitor', 'supplier'] as const satisfies readonly CompanyKind[];

const KIND_KEYS: Record<CompanyKind, MessageKey> = {
  client: 'mdKindClient', prospect: 'mdKindProspect', partner: 'mdKindPartner', competitor: 'mdKindCompetitor', supplier: 'mdKindSupplier',
};
export const companyKindLabel = (t: Translator, kind: CompanyKind) => t(KIND_KEYS[kind]);

/** The form's values for an existing company (domains one per line). */
export function companyValues(c: Company): FormValues {
  return {
    name: c.name, code: c.code, kind: c.kind, nip: c.nip ?? '', emailDomains: c.emailDomains.join('\n'), phone: c.phone ?? '', fax: c.fax ?? '',
    street: c.street ?? '', postalCode: c.postalCode ?? '', city: c.city ?? '', country: c.country, notes: c.notes, active: c.active ? 'on' : '',
  };
}

const SHOWN = ['name', 'code', 'kind', 'nip', 'emailDomains', 'phone', 'fax', 'street', 'postalCode', 'city', 'country', 'notes', 'active'] as const;

/** New company (no `company`) or edit of one. */
export function CompanyFormPage(props: Omit<LayoutProps, 'title' | 'children'> & { company?: { id: number; name: string }; values: FormValues; errors?: FormErrors }) {
  const { t, values: v, errors } = props;
  const title = props.company ? t('mdEditCompany', { name: props.company.name }) : t('mdNewCompany');
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <OtherErrors t={t} errors={errors} shown={SHOWN} />
      <MasterForm t={t} action={props.company ? `/companies/${props.company.id}` : '/companies'} csrfToken={props.csrfToken}
        submit={props.company ? t('save') : t('create')} cancelHref={props.company ? `/companies/${props.company.id}` : '/companies'}>
        <Input label={t('mdName')} name="name" values={v} errors={errors} required />
        <Input label={t('mdCode')} name="code" values={v} errors={errors} required hint={t('mdCodeHint')} />
        <Select label={t('kind')} name="kind" values={v} errors={errors} options={COMPANY_KINDS.map((k) => [k, companyKindLabel(t, k)])} />
        <Input label="NIP" name="nip" values={v} errors={errors} hint={t('mdNipHint')} />
        <Input label={t('mdPhone')} name="phone" values={v} errors={errors} type="tel" />
        <Input label={t('mdFax')} name="fax" values={v} errors={errors} type="tel" />
        <TextArea label={t('mdEmailDomains')} name="emailDomains" values={v} errors={errors} hint={t('mdEmailDomainsHint')} />
        <Input label={t('mdStreet')} name="street" values={v} errors={errors} />
        <Input label={t('mdPostalCode')} name="postalCode" values={v} errors={errors} />
        <Input label={t('mdCity')} name="city" values={v} errors={errors} />
        <Input label={t('mdCountry')} name="country" values={v} errors={errors} hint={t('mdCountryHint')} attrs={{ maxlength: 2 }} />
        <TextArea label={t('mdNotes')} name="notes" values={v} errors={errors} />
        <Checkbox label={t('active')} name="active" checked={v.active === 'on'} errors={errors} />
      </MasterForm>
    </Layout>
  );
}
