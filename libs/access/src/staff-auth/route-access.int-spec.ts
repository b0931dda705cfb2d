import { Controller, Get, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DiscoveryModule } from '@nestjs/core';
import { Public } from '#rally/core';
import { Role } from '../auth-context.js';
import { AnyMember, RequirePermission } from '../decorators/access-markers.js';
import { SignedIn } from '../decorators/signed-in.decorator.js';
import { definePermission } from '../permissions.js';
import { KNOWN_PERMISSIONS, RouteAccessCheck, RouteAccessError } from './route-access.js';

const LISTED = definePermission('things.read', [Role.Admin], 'things');
const UNLISTED = definePermission('things.write', [Role.Admin], 'things');

@Controller('api/orgs/:orgSlug/things')
class GoodController {
  @RequirePermission(LISTED) @Get() list(): void {}
  @AnyMember() @Get('mine') mine(): void {}
}

@Controller()
class OpenController {
  @Public() @Get('page') page(): void {}
  @SignedIn() @Get('api/auth/me') me(): void {}
}

@Controller('api/orgs/:orgSlug/bad')
class UnmarkedController {
  @Get() forgotten(): void {}
  @RequirePermission(UNLISTED) @Get('unlisted') unlisted(): void {}
}

@Controller('elsewhere')
class MisplacedController {
  @RequirePermission(LISTED) @Get() outside(): void {}
}

/** Boots a Nest app with these controllers and the access check; answers the boot error, if any. */
async function boot(controllers: (new () => object)[]): Promise<unknown> {
  @Module({
    imports: [DiscoveryModule],
    controllers,
    providers: [RouteAccessCheck, { provide: KNOWN_PERMISSIONS, useValue: [LISTED] }],
  })
  class App {}
  const moduleRef = await Test.createTestingModule({ imports: [App] }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  try {
    await app.init();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await app.close().catch(() => undefined);
  }
}

describe('RouteAccessCheck (at boot)', () => {
  it('boots when every route says who may call it', async () => {
    expect(await boot([GoodController, OpenController])).toBeUndefined();
  });

  it('refuses to boot on a route without a marker, with an unlisted permission, or a staff route outside the org prefix', async () => {
    const error = await boot([GoodController, UnmarkedController, MisplacedController]);
    expect(error).toBeInstanceOf(RouteAccessError);
    expect((error as RouteAccessError).problems).toEqual([
      'GET /api/orgs/{orgSlug}/bad: no @Public, @SignedIn, @AnyMember or @RequirePermission',
      'GET /api/orgs/{orgSlug}/bad/unlisted: permission things.write is not listed in any library manifest',
      'GET /elsewhere: a staff route must live under /api/orgs/{orgSlug}',
    ]);
  });
});
