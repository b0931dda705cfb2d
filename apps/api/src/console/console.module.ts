import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CONSOLE_DIRECTORY, ConsoleRoute } from './console.route.js';

// Where `npm run build:console` (Vite) writes the console, seen from this file compiled: dist/apps/api/src/console/.
const BUILT_CONSOLE = fileURLToPath(new URL('../../../../console/', import.meta.url));

export interface ConsoleOptions {
  /** The built console (index.html, assets/); tests point it at a fixture. Default: dist/console. */
  directory?: string;
}

/** Serves the staff console, a single-page app, under /console/. */
@Module({})
export class ConsoleModule {
  static forRoot(options: ConsoleOptions = {}): DynamicModule {
    return {
      module: ConsoleModule,
      providers: [{ provide: CONSOLE_DIRECTORY, useValue: resolve(options.directory ?? BUILT_CONSOLE) }, ConsoleRoute],
    };
  }
}
