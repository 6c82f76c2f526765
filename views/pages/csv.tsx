import { CSV_COLUMNS, type CsvEntity } from '../../src/domain/csv/csv-columns.ts';
import type { CsvEncoding, CsvSeparator } from '../../src/domain/csv/csv-format.ts';
import type { ImportCsvResult } from '../../src/domain/csv/import-csv.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import type { Translator } from '../i18n/messages.ts';

export type CsvImportChoice = { entity: CsvEntity; encoding: CsvEncoding | 'auto'; separator: CsvSeparator | 'auto' };

const ENTITY_LABEL = { companies: 'companies', people: 'people', contacts: 'contacts' } as const;

function EntitySelect(props: { t: Translator; value: CsvEntity }) {
  return (
    <select name="entity" aria-label={props.t('csvWhat')}>
      {(['companies', 'people', 'contacts'] as const).map((e) => <option value={e} selected={props.value === e}>{props.t(ENTITY_LABEL[e])}</option>)}
    </select>
  );
}

function FormatSelects(props: { t: Translator; encoding: string; separator: string; auto: boolean }) {
  const { t } = props;
  return (
    <>
      <label>
        {t('csvEncoding')}{' '}
        <select name="encoding">
          {props.auto && <option value="auto" selected={props.encoding === 'auto'}>{t('csvEncodingAuto')}</option>}
          <option value="utf-8" selected={props.encoding === 'utf-8'}>UTF-8</option>
          <option value="windows-1250" selected={props.encoding === 'windows-1250'}>Windows-1250</option>
        </select>
      </label>
      <label>
        {t('csvSeparator')}{' '}
        <select name="separator">
          {props.auto && <option value="auto" selected={props.separator === 'auto'}>{t('csvSeparatorAuto')}</option>}
          <option value=";" selected={props.separator === ';'}>{t('csvSemicolon')}</option>
          <option value="," selected={props.separator === ','}>{t('csvComma')}</option>
        </select>
      </label>
    </>
  );
}

/** Export choices and the import form; after an upload, the dry run's or import's outcome. */
export function CsvPage(props: Omit<LayoutProps, 'title' | 'children'> & { choice: CsvImportChoice; maxMb: number; result?: ImportCsvResult; error?: string }) {
  const { t, choice, result } = props;
  return (
    <Layout {...props} title={t('csvTitle')}>
      <h1>{t('csvTitle')}</h1>
      <section class="card">
        <h2>{t('csvExport')}</h2>
        {(['companies', 'people', 'contacts'] as const).map((entity) => (
          <form class="filters" method="get" action={`/csv/export/${entity}.csv`}>
            <strong>{t(ENTITY_LABEL[entity])}</strong>
            <FormatSelects t={t} encoding="utf-8" separator=";" auto={false} />
            <button type="submit">{t('csvDownload')}</button>
          </form>
        ))}
      </section>
      <section class="card">
        <h2>{t('csvImport')}</h2>
        {/* Multipart bodies are not parsed by the CSRF check, so the token rides in the action URL. */}
        <form method="post" action={`/csv/import?_csrf=${encodeURIComponent(props.csrfToken ?? '')}`} enctype="multipart/form-data" class="filters">
          <EntitySelect t={t} value={choice.entity} />
          <FormatSelects t={t} encoding={choice.encoding} separator={choice.separator} auto />
          <label>{t('csvFile', { mb: props.maxMb })} <input type="file" name="file" accept=".csv,text/csv" required /></label>
          <button type="submit" name="mode" value="dry-run">{t('csvDryRun')}</button>
          <button type="submit" name="mode" value="import">{t('csvDoImport')}</button>
        </form>
        <p class="muted">{t('csvImportHint')}</p>
        <p class="muted">{t('csvHeaders')} {CSV_COLUMNS[choice.entity].map((c) => `${c.pl} / ${c.en}`).join(', ')}</p>
      </section>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {result && (
        <section class="card csv-result">
          {result.errors.length > 0 ? (
            <>
              <p class="error" role="alert">{t('csvErrors', { count: result.errors.length })}</p>
              <table class="csv-errors">
                <thead><tr><th>{t('csvLine')}</th><th>{t('csvColumn')}</th><th>{t('csvMessage')}</th></tr></thead>
                <tbody>
                  {result.errors.map((e) => <tr><td>{e.line}</td><td>{e.column}</td><td>{e.message}</td></tr>)}
                </tbody>
              </table>
            </>
          ) : result.dryRun ? (
            <p class="notice" role="status">{t('csvDryRunOk', { count: result.rows })}</p>
          ) : (
            <p class="notice" role="status">{t('csvImported', { count: result.imported })}</p>
          )}
        </section>
      )}
    </Layout>
  );
}
