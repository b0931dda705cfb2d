/** One message the relay took: what its outbox row records. */
export interface SentMark {
  id: string;
  messageId: string;
  response?: string;
}

/**
 * Marks sent messages in groups, the way the petitions' signature writer commits: a mark arriving while none is
 * being written is written at once; those arriving meanwhile go together in the next statement. Under load one
 * UPDATE records many messages; when quiet each is recorded alone, at once. A worker killed between a message
 * leaving and its mark committing resends it, so only what completed during one statement's round trip can go twice.
 */
export class SentMarks {
  private pending: { mark: SentMark; done: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly write: (marks: SentMark[]) => Promise<void>) {}

  mark(mark: SentMark): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ mark, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        await this.write(group.map((g) => g.mark));
        for (const g of group) g.done();
      } catch (error) {
        for (const g of group) g.done(error);
      }
    }
    this.writing = false;
  }
}
