/**
 * @module storage/compaction
 * Which events may be forgotten. An event goes only when it is BOTH older than `maxAgeMs` AND not among
 * the newest `minRetainedEvents`, so a quiet cluster keeps a long history and a busy one keeps at least
 * the time window (watchers that reconnect within it can resume).
 */

export interface CompactionPolicy {
  /** Always keep at least this many of the newest events. */
  minRetainedEvents: number;
  /** Never drop an event younger than this. */
  maxAgeMs: number;
}

export const defaultCompactionPolicy: CompactionPolicy = { minRetainedEvents: 10_000, maxAgeMs: 5 * 60_000 };

/**
 * The revision to compact through (every event ≤ it may be deleted); returns `compacted` when nothing
 * may go. `writtenAt(r)` is the write time of event `r` (or of the first event after it). Write times
 * grow with revisions, so the old events form a prefix and a binary search finds its end with O(log n)
 * lookups instead of a scan of the whole window.
 */
export function compactionTarget(
  policy: CompactionPolicy,
  current: number,
  compacted: number,
  now: number,
  writtenAt: (revision: number) => number | undefined,
): number {
  const newestCandidate = current - Math.max(0, policy.minRetainedEvents);
  if (newestCandidate <= compacted) return compacted;
  const threshold = now - policy.maxAgeMs;
  const isOld = (revision: number) => {
    const at = writtenAt(revision);
    return at !== undefined && at <= threshold;
  };
  let lo = compacted; // known old (or the compacted floor)
  let hi = newestCandidate + 1; // known not to be compacted
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (isOld(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
