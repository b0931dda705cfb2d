import type { DynamicModule, Provider } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import type { PermissionLike } from '#rally/core';
import { AuditLog } from './audit/audit-log.service.js';
import { OrganisationDirectory } from './organisation-directory.js';
import { SessionService } from './sessions/session.service.js';
import { AccessRepository } from './staff-auth/access.repository.js';
import { KNOWN_PERMISSIONS, RouteAccessCheck } from './staff-auth/route-access.js';
import { StaffAuthGuard } from './staff-auth/staff-auth.guard.js';

const SHARED: Provider[] = [AuditLog, OrganisationDirectory, SessionService];

/**
 * What every feature needs from organisations, in one place: the audit log, the organisation directory, sessions.
 * In the api it also installs the guard in front of every route and refuses to boot on a route without a working
 * access marker. Global: features inject these without re-providing them.
 */
@Global()
@Module({})
export class AccessModule {
  /** `permissions`: every permission the composed libraries list (RALLY_PERMISSIONS in libs/schema). */
  static forApi(options: { permissions: readonly PermissionLike[] }): DynamicModule {
    return {
      module: AccessModule,
      imports: [DiscoveryModule],
      providers: [
        ...SHARED,
        AccessRepository,
        StaffAuthGuard,
        { provide: APP_GUARD, useExisting: StaffAuthGuard },
        { provide: KNOWN_PERMISSIONS, useValue: options.permissions },
        RouteAccessCheck,
      ],
      exports: [...SHARED, KNOWN_PERMISSIONS],
    };
  }

  static forWorker(): DynamicModule {
    return { module: AccessModule, providers: SHARED, exports: SHARED };
  }
}
