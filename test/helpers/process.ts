// Starting the real `src/main.ts` in a child process: a free port and waiting for a log line.
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves when `pattern` appears in the collected output; rejects on exit or timeout. */
export function waitForLine(child: ChildProcess, output: string[], pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (pattern.test(output.join(''))) return resolve();
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${output.join('')}`)), timeoutMs);
    const check = () => {
      if (pattern.test(output.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with ${code} before ${pattern}; output:\n${output.join('')}`));
    });
  });
}
