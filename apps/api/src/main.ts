import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp, loadConfigOrExit, onShutdownSignal } from '#rally/core';
import { mailboxExposure, mailStartupLine } from '#rally/mail';
import { prepareRuntime, RALLY_CONFIG_SECTIONS } from '#rally/schema';
import { ApiModule } from './api.module.js';

const config = loadConfigOrExit(RALLY_CONFIG_SECTIONS);
const runtime = await prepareRuntime(config);
const app = await createHttpApp(ApiModule.forRoot(config, runtime), config);
await app.listen({ port: config.http.port, host: config.http.host });
const base = config.http.publicUrl;
const logger = new Logger('Api');
logger.log({
  msg: 'api listening',
  url: base,
  console: `${base}/console`,
  docs: `${base}/api/docs`,
  mailbox: mailboxExposure(config),
});
// Said in plain words too: a captured-mail setup reachable from a network must be noticed, not guessed.
if (mailboxExposure(config) === 'not-loopback') logger.warn({ msg: mailStartupLine(config).replace(/\s+/g, ' ') });
// app.close() stops accepting connections, lets requests in flight finish, then closes pools.
onShutdownSignal(logger, [() => app.close(), () => runtime.database.stop()]);
