import type { Child } from 'hono/jsx';

export function Layout(props: { title: string; lang?: 'pl' | 'en'; children: Child }) {
  return (
    <html lang={props.lang ?? 'pl'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · Kontakt</title>
      </head>
      <body>{props.children}</body>
    </html>
  );
}
