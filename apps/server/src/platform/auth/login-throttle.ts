// Attempts per key (a user name, or anything else) in a fixed window, in this process's memory.
// It runs before any password hash is computed, so a flood against one account costs no CPU; the
// lockout in the database is what holds across processes.
export class LoginThrottle {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly maxKeys = 100_000) {}

  /** Counts one attempt; false when the key is over its budget for this window. */
  take(key: string, now = Date.now()): boolean {
    const k = key.toLowerCase();
    let entry = this.hits.get(k);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size >= this.maxKeys) this.sweep(now);
      entry = { count: 0, resetAt: now + this.windowMs };
      this.hits.set(k, entry);
    }
    entry.count += 1;
    return entry.count <= this.max;
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
    // Still full: forget the oldest half rather than grow without bound under a spray of names.
    if (this.hits.size >= this.maxKeys) [...this.hits.keys()].slice(0, this.maxKeys / 2).forEach((k) => this.hits.delete(k));
  }
}

/**
 * Answers every failed login no sooner than the slow end (90th percentile) of recent failures, so a
 * known user's failure (which also counts towards the lockout) and an unknown one's take alike time.
 */
export class FailurePacer {
  private readonly recent: number[] = [];

  constructor(private readonly keep = 64, private readonly capMs = 2_000) {}

  async pace(startedAt: number): Promise<void> {
    const raw = performance.now() - startedAt;
    this.recent.push(raw);
    if (this.recent.length > this.keep) this.recent.shift();
    const sorted = [...this.recent].sort((a, b) => a - b);
    const floor = Math.min(sorted[Math.floor(sorted.length * 0.9)] ?? 0, this.capMs);
    if (raw < floor) await new Promise((r) => setTimeout(r, floor - raw));
  }
}
