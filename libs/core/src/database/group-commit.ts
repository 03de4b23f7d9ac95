interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of small statement (an audit row, a session check): calls that arrive
 * while a flush is running wait for the next flush, which handles all of them in one database round
 * trip. An idle batcher flushes on the next turn of the event loop, so nothing waits on a timer, and
 * every caller's work starts after its call: a result is never older than the call that asked for it.
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
   */
  constructor(
    private readonly flushBatch: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 256,
  ) {}

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
      const batch = this.waiting.splice(0, this.maxBatch);
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
