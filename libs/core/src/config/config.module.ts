import type { DynamicModule } from '@nestjs/common';
import { Global, Inject, Module } from '@nestjs/common';
import type { ConfigSection } from './config-section.js';
import type { RallyConfig } from './rally-config.js';
import { Clock, SystemClock } from '../time/clock.js';

export const RALLY_CONFIG = Symbol('RALLY_CONFIG');

/**
 * `@InjectConfig()`: the whole RallyConfig (platform settings). `@InjectConfig(SECTION)`: one library's settings; a
 * section the process was not configured with fails the boot (Nest cannot resolve its token).
 */
export const InjectConfig = (section?: ConfigSection<unknown>): PropertyDecorator & ParameterDecorator =>
  Inject(section ? section.token : RALLY_CONFIG);

/** Makes the boot-time configuration (and the clock) injectable everywhere; nothing else reads the environment. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: RallyConfig, clock: Clock = new SystemClock()): DynamicModule {
    const sections = config.sections.map((s) => ({ provide: s.token, useFactory: () => config.section(s) }));
    return {
      module: ConfigModule,
      providers: [{ provide: RALLY_CONFIG, useValue: config }, { provide: Clock, useValue: clock }, ...sections],
      exports: [RALLY_CONFIG, Clock, ...config.sections.map((s) => s.token)],
    };
  }
}
