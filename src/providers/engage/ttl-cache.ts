/**
 * A small in-process cache whose entries expire at a given instant. Bounded: when full, the entry
 * stored longest ago goes first, so a flood of distinct keys cannot grow the process without end.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>()

  constructor(private readonly maxEntries: number) {}

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key)
    if (!entry) {
      return undefined
    }
    if (entry.expiresAt <= now) {
      this.entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, value: T, expiresAt: number): void {
    this.entries.delete(key)
    while (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string)
    }
    this.entries.set(key, { value, expiresAt })
  }

  get size(): number {
    return this.entries.size
  }
}
