import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, JsonLogger, logContext, parseConfig, Public } from '#rally/core';
import { captureLogLines } from '../support/log-lines.js';

@Public()
@Controller('sample')
class SampleController {
  @Get('work/:secret') work(@Param('secret') _secret: string): { ok: true } {
    return { ok: true };
  }
  @Get('boom') boom(): never {
    throw new Error('kaboom');
  }
}

@Module({ controllers: [SampleController] })
class SampleModule {}

describe('request ids in log lines', () => {
  let app: NestFastifyApplication;
  let base: string;
  const { lines, destination } = captureLogLines();
  beforeAll(async () => {
    app = await createHttpApp(SampleModule, parseConfig({ LOG_LEVEL: 'info' }), { logDestination: destination });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('logs each request once with its id, status and route pattern (never the URL and the secrets in it)', async () => {
    await Promise.all(
      ['trace-a', 'trace-b'].map((id) =>
        fetch(`${base}/sample/work/s3cr3t-${id}`, { headers: { 'x-request-id': id } }),
      ),
    );
    for (const id of ['trace-a', 'trace-b']) {
      expect(lines.filter((l) => l.reqId === id && l.msg === 'request')).toEqual([
        expect.objectContaining({ method: 'GET', route: '/sample/work/:secret', status: 200 }),
      ]);
    }
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  it('names the request in the line of an unexpected error', async () => {
    await fetch(`${base}/sample/boom`, { headers: { 'x-request-id': 'trace-boom' } });
    expect(lines.find((l) => l.msg === 'unhandled error')).toMatchObject({ reqId: 'trace-boom', error: 'kaboom' });
  });
});

describe('job context in worker log lines', () => {
  it('names the job in every line written while it runs, across awaits', async () => {
    const { lines, destination } = captureLogLines();
    const logger = JsonLogger.create('info', 'worker', destination);
    await logContext.run({ job: 'mail.send', jobId: '42' }, async () => {
      await new Promise((r) => setImmediate(r));
      logger.log({ msg: 'sent' });
    });
    logger.log({ msg: 'idle' });
    await new Promise((r) => setImmediate(r));
    expect(lines.map(({ msg, job, jobId }) => ({ msg, job, jobId }))).toEqual([
      { msg: 'sent', job: 'mail.send', jobId: '42' },
      { msg: 'idle', job: undefined, jobId: undefined },
    ]);
  });
});
