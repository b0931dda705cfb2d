import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '#rally/core';
import { ACCOUNT_SCREENS } from './account-links.js';

/**
 * The addresses account mails linked to before the console had these screens (`/staff/...`): mail already sent keeps
 * working. 302 with the query string kept (`?lang=`); the secret is in the fragment, which the browser never sends and
 * carries over to a Location without one of its own (RFC 9110 §10.2.2), so the console screen still finds it.
 */
@ApiExcludeController()
@Public()
@Controller('staff')
export class OldAccountLinksController {
  @Get('forgot-password')
  forgotPassword(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    redirect(request, reply, ACCOUNT_SCREENS.forgotPassword);
  }

  @Get('reset-password')
  resetPassword(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    redirect(request, reply, ACCOUNT_SCREENS.resetPassword);
  }

  @Get('invitation')
  invitation(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    redirect(request, reply, ACCOUNT_SCREENS.invitation);
  }
}

function redirect(request: FastifyRequest, reply: FastifyReply, path: string): void {
  const query = request.url.indexOf('?');
  void reply.redirect(query < 0 ? path : path + request.url.slice(query), 302);
}
