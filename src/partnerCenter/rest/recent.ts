// Partner Center answers reused for a short, stated time: a read that is in flight or younger than the
// time to live is shared instead of sent again (each Partner Center call is a network round trip on the
// agent's path). A failed read is forgotten at once; a write that changes the answer forgets it.
export class Recent<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    return this.fresh(key) ?? this.set(key, load());
  }

  /** The answer kept under `key` (in flight or younger than the time to live), if any. */
  fresh(key: string): Promise<V> | undefined {
    const cached = this.entries.get(key);
    return cached && this.clock() - cached.at < this.ttlMs ? cached.value : undefined;
  }

  /** Keeps `value` (read now) under `key`. */
  set(key: string, value: Promise<V>): Promise<V> {
    const entry = { at: this.clock(), value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
