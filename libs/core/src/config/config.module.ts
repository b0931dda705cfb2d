import type { DynamicModule } from '@nestjs/common';
import { Global, Inject, Module } from '@nestjs/common';
import type { RallyConfig } from './rally-config.js';

export const RALLY_CONFIG = Symbol('RALLY_CONFIG');
export const InjectConfig = (): PropertyDecorator & ParameterDecorator => Inject(RALLY_CONFIG);

/** Makes the boot-time RallyConfig injectable everywhere; nothing else reads the environment. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: RallyConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: RALLY_CONFIG, useValue: config }], exports: [RALLY_CONFIG] };
  }
}
