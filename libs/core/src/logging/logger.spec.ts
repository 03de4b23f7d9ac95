import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT_PATHS } from './logger';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } }, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('log redaction', () => {
  it('hides personal data and secrets at the top level and nested', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        idNumber: '110101197804020015',
        client: { phone: '13800138000', name: '张三' },
        headers: { authorization: 'Bearer abc', 'x-api-key': 'hp_key' },
        body: { password: 'secret-password' },
        requestId: 'r-1',
      },
      'event',
    );
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of ['110101197804020015', '13800138000', '张三', 'Bearer abc', 'hp_key', 'secret-password']) {
      expect(text).not.toContain(secret);
    }
    expect(line.requestId).toBe('r-1');
  });
});
