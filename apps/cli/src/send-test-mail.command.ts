import { NestFactory } from '@nestjs/core';
import { ConfigModule, DatabaseModule, JsonLogger, QueueModule } from '#rally/core';
import { MAIL_CONFIG, MailModule, MailService, TEST_MAIL } from '#rally/mail';
import { prepareRuntime, RALLY_JOBS } from '#rally/schema';
import type { CliCommand } from './commands.js';

/** Queues one message through the real pipeline (outbox, queue, worker, transport) to check mail settings. */
export const sendTestMailCommand: CliCommand = {
  summary: 'Queue a test message to check mail delivery: send-test-mail <address>',
  async run(config, [to]) {
    if (!to || !/^[^\s@]+@[^\s@]+$/.test(to))
      throw new Error('Give the address to send to: npm run rally -- send-test-mail you@example.org');
    const runtime = await prepareRuntime(config);
    const app = await NestFactory.createApplicationContext(
      {
        module: class SendTestMail {},
        imports: [
          ConfigModule.forRoot(config),
          DatabaseModule.forRoot(runtime.dataSource),
          QueueModule.forRoot(runtime.queue, { consume: false, jobs: RALLY_JOBS }),
          MailModule.forApi({ mailbox: false }),
        ],
      },
      { logger: JsonLogger.create('warn', 'cli') },
    );
    const sentAt = new Date().toISOString();
    const [id] = await app
      .get(MailService)
      .send(null, { to, template: TEST_MAIL, data: { sentAt }, idempotencyKey: `test-mail:${sentAt}:${to}` });
    await app.close();
    await runtime.database.stop();
    process.stdout.write(
      `Queued test message ${id} to ${to}. A running worker sends it${config.section(MAIL_CONFIG).capture ? '; read it at /dev/mailbox' : ''}.\n`,
    );
    return 0;
  },
};
