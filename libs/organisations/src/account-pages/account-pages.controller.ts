import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '#rally/core';
import { ACCOUNT_PAGE_JS, accountPageHtml } from './account-pages.js';

const HTML = 'text/html; charset=utf-8';

/** The pages the account emails link to: forgotten password, new password, accepting an invitation. */
@ApiExcludeController()
@Public()
@Controller('staff')
export class AccountPagesController {
  @Get('forgot-password')
  forgot(@Res() reply: FastifyReply): void {
    void reply.header('content-type', HTML).send(accountPageHtml('forgot-password'));
  }

  @Get('reset-password')
  reset(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', HTML)
      .header('referrer-policy', 'no-referrer')
      .send(accountPageHtml('reset-password'));
  }

  @Get('invitation')
  invitation(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', HTML)
      .header('referrer-policy', 'no-referrer')
      .send(accountPageHtml('invitation'));
  }

  @Get('assets/account.js')
  @Header('cache-control', 'public, max-age=3600')
  script(@Res() reply: FastifyReply): void {
    void reply.header('content-type', 'text/javascript; charset=utf-8').send(ACCOUNT_PAGE_JS);
  }
}
