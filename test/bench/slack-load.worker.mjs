// The Slack benchmark's load generator, in its own thread: signing and sending 200 requests at once
// costs CPU that must not be charged to the server's event loop. Receives { endpoint, secret,
// requests: [{ body }] }, fires them all concurrently, posts back [{ status, ms }].
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { endpoint, secret, requests } = workerData;
const send = async ({ body }) => {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const started = performance.now();
  const res = await fetch(endpoint, {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': signature },
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
};
parentPort.postMessage(await Promise.all(requests.map(send)));
