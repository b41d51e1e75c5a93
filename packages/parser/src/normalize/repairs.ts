/** Counts repairs by stable name, in the order they were first made. */
export class RepairLog {
  private readonly counts = new Map<string, number>();

  add(name: string, count = 1): void {
    if (count > 0) this.counts.set(name, (this.counts.get(name) ?? 0) + count);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  list(): { name: string; count: number }[] {
    return [...this.counts].map(([name, count]) => ({ name, count }));
  }
}
