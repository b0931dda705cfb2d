import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '../config/config.module.js';
import { parseConfig } from '../config/rally-config.js';
import type { TestDatabase } from '../testing/test-database.js';
import { createTestDatabase } from '../testing/test-database.js';
import { TEST_ENV } from '../testing/test-env.js';
import { defineJob } from './job.js';
import type { AnyJobRef } from './job.js';
import { JobHandler } from './job-handler.decorator.js';
import { createQueueBackend } from './queue-backend.js';
import { QueueModule } from './queue.module.js';
import { MissingJobHandlersError, UnregisteredJobError } from './worker.host.js';

const Send = defineJob<{ id: string }>('test.send', 'test');
const Sweep = defineJob('test.sweep', 'test-maintenance');
const Stray = defineJob('test.stray', 'test');

@Injectable()
class OnlySendJob {
  @JobHandler(Send)
  async send(): Promise<void> {}
}

@Injectable()
class StrayJob {
  @JobHandler(Stray)
  async stray(): Promise<void> {}
}

/** Boots a worker with these jobs listed and these handler providers; answers the boot error, if any. */
async function bootError(jobs: AnyJobRef[], providers: (new () => object)[]): Promise<unknown> {
  // Redis when the run has one, else BullMQ's PostgreSQL backend on this file's database.
  const config = parseConfig({ REDIS_URL: TEST_ENV.redisUrl, QUEUE_PREFIX: `rally-test-worker-${process.pid}` });
  const backend = createQueueBackend(config.queue.redisUrl, db.url, config.queue.prefix);
  @Module({ imports: [ConfigModule.forRoot(config), QueueModule.forRoot(backend, { consume: true, jobs })], providers })
  class Worker {}
  try {
    const app = await NestFactory.createApplicationContext(Worker, { logger: false, abortOnError: false });
    await app.close();
    return undefined;
  } catch (error) {
    await backend.close();
    return error;
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('WorkerHost', () => {
  it('refuses to boot when a listed job has no handler, naming it', async () => {
    const error = await bootError([Send, Sweep], [OnlySendJob]);
    expect(error).toBeInstanceOf(MissingJobHandlersError);
    expect((error as MissingJobHandlersError).missing).toEqual(['test.sweep']);
  });

  it('refuses to boot on a handler of a job no library lists', async () => {
    const error = await bootError([Send], [OnlySendJob, StrayJob]);
    expect(error).toBeInstanceOf(UnregisteredJobError);
    expect((error as UnregisteredJobError).job).toBe('test.stray');
  });

  it('boots when every listed job has exactly one handler', async () => {
    expect(await bootError([Send], [OnlySendJob])).toBeUndefined();
  });
});
