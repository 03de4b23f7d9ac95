import type { Logger as PinoLogger } from 'pino';
import { installGracefulShutdown } from './graceful-shutdown';

describe('installGracefulShutdown', () => {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  let before: Map<string, ((...args: unknown[]) => void)[]>;
  let exit: jest.SpyInstance;
  const logger = { info: jest.fn(), error: jest.fn() };

  beforeEach(() => {
    jest.useFakeTimers();
    before = new Map(signals.map((s) => [s, process.listeners(s) as ((...args: unknown[]) => void)[]]));
    exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    logger.info.mockClear();
    logger.error.mockClear();
  });

  afterEach(() => {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.includes(listener as (...args: unknown[]) => void)) process.removeListener(signal, listener);
      }
    }
    exit.mockRestore();
    jest.useRealTimers();
  });

  const flush = () => jest.advanceTimersByTimeAsync(0);

  it('closes once and exits 0 when closing finishes', async () => {
    const close = jest.fn().mockResolvedValue(undefined);
    installGracefulShutdown(close, 5000, logger as unknown as PinoLogger);
    process.emit('SIGTERM');
    process.emit('SIGINT');
    await flush();
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
    expect(logger.info).toHaveBeenCalledWith('shutdown complete');
  });

  it('forces exit 1 when closing hangs past the timeout', async () => {
    installGracefulShutdown(() => new Promise<void>(() => undefined), 5000, logger as unknown as PinoLogger);
    process.emit('SIGTERM');
    await jest.advanceTimersByTimeAsync(4999);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.error).toHaveBeenCalledWith({ timeoutMs: 5000 }, 'shutdown took too long; forcing exit');
  });

  it('exits 1 when closing fails', async () => {
    installGracefulShutdown(() => Promise.reject(new Error('boom')), 5000, logger as unknown as PinoLogger);
    process.emit('SIGINT');
    await flush();
    expect(exit).toHaveBeenCalledWith(1);
  });
});
