// Slow work after an ack runs in a lane of bounded width. Under a burst (a team of 200 running
// commands at once) the acks of new requests then never queue behind the database work of
// earlier ones on the one event loop: each ack costs a signature check and a Redis round trip,
// the work drains `width` at a time behind it. Slack wants the ack within 3 s, the reply within 30 min.
export type WorkLane = <T>(work: () => Promise<T>) => Promise<T>;

export function createWorkLane(width: number, quiet: () => Promise<void> = async () => {}): WorkLane {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= width) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    // Acks first: nothing slow starts while requests still wait for theirs.
    await quiet();
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
