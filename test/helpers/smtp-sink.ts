// A real SMTP server on a loopback port (smtp-server) that keeps what it receives: the tests send
// through nodemailer into it and parse the messages back (mailparser).
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

export async function startSmtpSink() {
  const received: { envelopeTo: string[]; raw: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    secure: false,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** Messages delivered to `address`, parsed back. */
    to: (address: string) => Promise.all(received.filter((m) => m.envelopeTo.includes(address)).map((m) => simpleParser(m.raw))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
