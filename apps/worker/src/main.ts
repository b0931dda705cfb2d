import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfigOrExit } from '#rally/core';
import { prepareRuntime } from '#rally/schema';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const logger = JsonLogger.create(config.logLevel, 'worker');
const runtime = await prepareRuntime(config);
try {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, runtime), { logger });
  // SIGTERM: stop taking jobs, let those in flight finish, close connections, exit.
  app.enableShutdownHooks();
} catch (error) {
  logger.fatal({ msg: 'worker failed to start', error: (error as Error).message });
  process.exit(1);
}
