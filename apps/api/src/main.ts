import 'reflect-metadata';
import { createHttpApp, loadConfigOrExit } from '#rally/core';
import { prepareRuntime } from '#rally/schema';
import { ApiModule } from './api.module.js';

const config = loadConfigOrExit();
const runtime = await prepareRuntime(config);
const app = await createHttpApp(ApiModule.forRoot(config, runtime), config);
await app.listen({ port: config.http.port, host: config.http.host });
app.get(ApiModule); // resolves eagerly so a wiring error fails here, not on the first request
const base = config.http.publicUrl;
app.getHttpAdapter().getInstance().log.info({ msg: 'api listening', url: base, docs: `${base}/api/docs`, mailbox: config.mail.capture ? `${base}/dev/mailbox` : undefined });
