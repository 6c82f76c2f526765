import { Layout } from '../layouts/layout.tsx';

/** The start page until the panel lands: proves the server, the database and the data are there. */
export function HomePage(props: { version: string; contacts: number; openContacts: number }) {
  return (
    <Layout title="Start">
      <main>
        <h1>Kontakt</h1>
        <p>
          Kontakty: {props.contacts} (otwarte: {props.openContacts}). Wersja {props.version}.
        </p>
        <p>
          <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a>
        </p>
      </main>
    </Layout>
  );
}
