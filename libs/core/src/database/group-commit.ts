interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of small statement (an audit row, a session check): calls that arrive
 * while a flush is running wait for the next flush, which handles all of them in one database round
 * trip. An idle batcher flushes on the next turn of the event loop, and every caller's work starts
 * after its call: a result is never older than the call that asked for it.
 *
 * With `lingerMs`, a batcher under load (its last batch had more than one call) waits that long
 * before each batch, so that more calls share it: what PostgreSQL's `commit_delay` does for WAL
 * flushes. A lone call never waits. For the audit rows, 1 ms made batches of about ten rows instead
 * of six at 16 requests in flight, for 3–4 % less CPU per request in the API and in PostgreSQL.
 *
 * On this machine's loopback a round trip costs more CPU than the statement itself, which is why
 * concurrent requests sharing one is worth it.
 */
export class GroupCommit<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private running = false;

  /**
   * @param flushBatch handles a batch and returns one output per input, in order; if it throws,
   *   every call of that batch rejects with its error.
   * @param lingerMs how long a batcher under load waits before a batch (0: never).
   */
  constructor(
    private readonly flushBatch: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 256,
    private readonly lingerMs = 0,
  ) {}

  private lastBatchSize = 0;

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      if (this.lingerMs > 0 && this.lastBatchSize > 1 && this.waiting.length < this.maxBatch) {
        await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
      }
      const batch = this.waiting.splice(0, this.maxBatch);
      this.lastBatchSize = batch.length;
      try {
        const outputs = await this.flushBatch(batch.map((w) => w.input));
        batch.forEach((w, i) => w.resolve(outputs[i]));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.running = false;
  }
}
