import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfigOrExit, onShutdownSignal } from '#rally/core';
import { prepareRuntime, RALLY_CONFIG_SECTIONS } from '#rally/schema';
import { InboundAppModule } from './inbound-app.module.js';

const config = loadConfigOrExit(RALLY_CONFIG_SECTIONS);
const jsonLogger = JsonLogger.create(config.logLevel, 'inbound');
const runtime = await prepareRuntime(config);
const app = await NestFactory.createApplicationContext(InboundAppModule.forRoot(config, runtime), {
  logger: jsonLogger,
  abortOnError: false,
}).catch((error: Error) => {
  jsonLogger.fatal({ msg: 'inbound mail failed to start', error: error.message });
  process.exit(1);
});
// app.close() stops accepting connections, answers every message in flight, then closes the pools.
onShutdownSignal(new Logger('Inbound'), [() => app.close(), () => runtime.database.stop()]);
