// The rule both in-memory caches of the panel (pages, sessions) live by: an entry is only good for
// the change-feed version it was read at. All entries go at once when the feed moves, and a value
// read while the feed moved (or while a newer set of entries began) is not kept.
import type { ChangeFeed } from '../db/change-feed.ts';

export type ChangeScoped<K, V> = {
  /** Entries of the current version; insertion order, so callers can keep it as recency order. */
  readonly entries: Map<K, V>;
  /** The version to read at, after dropping older entries (and calling onDrop); null while the feed is not live. */
  begin(): number | null;
  /** Whether a value read at `version` may still be kept. */
  stillAt(version: number): boolean;
};

export function changeScoped<K, V>(feed: ChangeFeed, onDrop: () => void = () => {}): ChangeScoped<K, V> {
  const entries = new Map<K, V>();
  let at = -1;
  return {
    entries,
    begin() {
      if (!feed.live) return null;
      if (feed.version !== at) {
        entries.clear();
        onDrop();
        at = feed.version;
      }
      return at;
    },
    stillAt: (version) => feed.live && feed.version === version && at === version,
  };
}
