import { Writable } from 'node:stream';
import { pino } from 'pino';
import { JsonLogger } from './json-logger.js';
import { logContext } from './request-context.js';

function capture(): { logger: JsonLogger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
  return { logger: new JsonLogger(pino({ level: 'info' }, stream)), lines };
}

describe('JsonLogger', () => {
  it('writes one JSON line per entry with its context', () => {
    const { logger, lines } = capture();
    logger.warn({ msg: 'mail failed permanently', outboxId: 'o-1' }, 'MailSend');
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 40,
      msg: 'mail failed permanently',
      outboxId: 'o-1',
      context: 'MailSend',
    });
  });

  it('masks email addresses that error texts carry (an SMTP rejection names the recipient)', () => {
    const { logger, lines } = capture();
    logger.warn({
      msg: 'mail failed permanently',
      error:
        "Can't send mail - all recipients were rejected: 550 5.1.1 <Gone.Person@example.org>: Recipient address rejected",
    });
    logger.error('job failed for ana.lima+x@mail.example.com');
    expect(lines.join('')).not.toMatch(/Gone\.Person|ana\.lima/);
    expect(JSON.parse(lines[0]).error).toBe(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <[email]>: Recipient address rejected",
    );
  });

  it("keeps each line's fields to that line, in or out of a job's context", () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const logger = JsonLogger.create('info', 'api', stream);
    logger.warn({ msg: 'console not built', directory: '/srv/console' });
    logger.log('api listening');
    logContext.run({ job: 'mail.send', jobId: 'j-1' }, () => {
      logger.warn({ msg: 'slow query', table: 'petitions' });
      logger.log('request done');
    });
    const [first, second, third, fourth] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ directory: '/srv/console' });
    expect(second).not.toHaveProperty('directory');
    expect(third).toMatchObject({ job: 'mail.send', jobId: 'j-1', table: 'petitions' });
    expect(fourth).toMatchObject({ job: 'mail.send', jobId: 'j-1' });
    expect(fourth).not.toHaveProperty('table');
  });
});
