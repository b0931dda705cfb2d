import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, securityHeaders } from '#rally/core';

export const CONSOLE_DIRECTORY = Symbol('CONSOLE_DIRECTORY');

const NOT_BUILT = 'The Rally staff console is not built on this server: run "npm run build", then reload this page.\n';
// Vite names every file under assets/ after a hash of its content: a changed file is a new URL, so a year (the
// longest max-age caches honour) and immutable (no revalidation on reload).
const ASSET_MAX_AGE_MS = 31_536_000_000;
// Files Vite copies to the top of the console (from public/) are served as they are; dot-names (.vite/) never are.
const SERVED_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

type Wildcard = FastifyRequest<{ Params: { '*': string } }>;

/**
 * `/console`, `/console/*` and `/console/assets/*`: the built console. Every path that is not a file answers index.html,
 * so the console's own router shows the screen (a reload of /console/petitions/123 works). Registered on Fastify
 * directly, like the count route: static files need no guard, pipe or filter, and the route access check (which walks
 * Nest controllers) has nothing to say about them.
 */
@Injectable()
export class ConsoleRoute implements OnModuleInit {
  private readonly logger = new Logger('Console');
  private readonly headers: Record<string, string>;

  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(CONSOLE_DIRECTORY) private readonly directory: string,
    @InjectConfig() config: RallyConfig,
  ) {
    this.headers = securityHeaders(config.http.publicUrl).console;
  }

  async onModuleInit(): Promise<void> {
    if (!(await this.built()))
      this.logger.warn({
        msg: 'console not built: /console answers 503',
        directory: this.directory,
        fix: 'npm run build',
      });
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    // Encapsulated: the hook and the reply.sendFile decorator stay inside the console's routes.
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (_request, reply) => {
        void reply.headers(this.headers);
        // Checked per request, not only at boot: a console built (or rebuilt) while the api runs is served at once.
        if (!(await this.built()))
          return reply
            .code(503)
            .header('content-type', 'text/plain; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(NOT_BUILT);
      });
      // A missing asset is a 404 (@fastify/static hands it to the app's not-found handler), never index.html.
      await scope.register(fastifyStatic, {
        root: join(this.directory, 'assets'),
        prefix: '/console/assets/',
        index: false,
        dotfiles: 'ignore',
        immutable: true,
        maxAge: ASSET_MAX_AGE_MS,
        suppressWarning: true,
      });
      scope.get('/console', (_request, reply) => this.page(reply));
      scope.get('/console/*', (request, reply) => this.fileOrPage(request as Wildcard, reply));
    });
  }

  private async fileOrPage(request: Wildcard, reply: FastifyReply): Promise<FastifyReply> {
    const segments = request.params['*'].split('/');
    if (segments.every((s) => SERVED_NAME.test(s)) && (await isFile(join(this.directory, ...segments))))
      return reply
        .header('cache-control', 'no-cache')
        .sendFile(segments.join('/'), this.directory, { cacheControl: false });
    return this.page(reply);
  }

  /** index.html names the current hashed assets, so every load revalidates it (a 304 while unchanged). */
  private page(reply: FastifyReply): FastifyReply {
    return reply.header('cache-control', 'no-cache').sendFile('index.html', this.directory, { cacheControl: false });
  }

  private built(): Promise<boolean> {
    return isFile(join(this.directory, 'index.html'));
  }
}

const isFile = async (path: string): Promise<boolean> => (await stat(path).catch(() => undefined))?.isFile() ?? false;
