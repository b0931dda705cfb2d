import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfigOrExit, onShutdownSignal } from '#rally/core';
import { prepareRuntime, RALLY_CONFIG_SECTIONS } from '#rally/schema';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit(RALLY_CONFIG_SECTIONS);
const jsonLogger = JsonLogger.create(config.logLevel, 'worker');
const runtime = await prepareRuntime(config);
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, runtime), {
  logger: jsonLogger,
  abortOnError: false,
}).catch((error: Error) => {
  jsonLogger.fatal({ msg: 'worker failed to start', error: error.message });
  process.exit(1);
});
// app.close() stops fetching jobs and waits for those in flight before closing connections.
onShutdownSignal(new Logger('Worker'), [() => app.close(), () => runtime.database.stop()]);
