/**
 * Bounds how many bytes of inbound mail one worker holds in memory at once: the parser keeps a message whole, with
 * its decoded parts beside it, so twenty 10 MB messages processed together took the worker to 771 MiB
 * (docs/benchmarks.md, inbound mail). A message larger than what is free waits for others to finish; one alone always
 * goes, whatever its size, so nothing waits for ever. Small messages (replies are 2-50 KB) never notice it.
 */
export class ByteBudget {
  private inUse = 0;
  private readonly waiting: { bytes: number; go: () => void }[] = [];

  constructor(readonly maxBytes: number) {}

  get used(): number {
    return this.inUse;
  }

  /** Resolves when `bytes` fit (or nothing else is held); call the returned function when done with them. */
  async acquire(bytes: number): Promise<() => void> {
    if (!this.fits(bytes) || this.waiting.length > 0) await new Promise<void>((go) => this.waiting.push({ bytes, go }));
    else this.inUse += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= bytes;
      this.wake();
    };
  }

  private fits(bytes: number): boolean {
    return this.inUse === 0 || this.inUse + bytes <= this.maxBytes;
  }

  /** First come, first served: a large message at the head is not overtaken for ever by small ones. */
  private wake(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.inUse += next.bytes;
      next.go();
    }
  }
}
