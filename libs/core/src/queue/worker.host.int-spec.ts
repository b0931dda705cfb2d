import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '../config/config.module.js';
import { parseConfig } from '../config/rally-config.js';
import { TEST_ENV } from '../testing/test-env.js';
import { JobHandler } from './job-handler.decorator.js';
import { createQueueBackend } from './queue-backend.js';
import { QueueModule } from './queue.module.js';
import { JobName } from './queue.registry.js';
import { MissingJobHandlersError } from './worker.host.js';

@Injectable()
class OnlySendHandler {
  @JobHandler(JobName.MailSend)
  async send(): Promise<void> {}
}

describe('WorkerHost', () => {
  it('refuses to boot when a registered job has no handler, naming it', async () => {
    const config = parseConfig({ REDIS_URL: TEST_ENV.redisUrl, QUEUE_PREFIX: `rally-test-worker-${process.pid}` });
    const backend = createQueueBackend(config.queue.redisUrl, 'postgres://unused', config.queue.prefix);
    @Module({
      imports: [ConfigModule.forRoot(config), QueueModule.forRoot(backend, { consume: true })],
      providers: [OnlySendHandler],
    })
    class IncompleteWorker {}

    const error = await NestFactory.createApplicationContext(IncompleteWorker, {
      logger: false,
      abortOnError: false,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MissingJobHandlersError);
    expect((error as MissingJobHandlersError).missing).toContain(JobName.MailReconcile);
    expect((error as MissingJobHandlersError).missing).not.toContain(JobName.MailSend);
    await backend.close();
  });
});
