import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '#rally/core';
import { isLanguage, negotiateLanguage, Public } from '#rally/core';
import type { AccountPageName } from './account-pages.js';
import { ACCOUNT_PAGE_JS, accountPageHtml } from './account-pages.js';

const HTML = 'text/html; charset=utf-8';

/**
 * The pages the account emails link to: forgotten password, new password, accepting an invitation. In the language
 * the link names (`?lang=`, set by the mail), else the browser's.
 */
@ApiExcludeController()
@Public()
@Controller('staff')
export class AccountPagesController {
  @Get('forgot-password')
  forgot(@Query('lang') lang: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(reply, 'forgot-password', languageOf(lang, request));
  }

  @Get('reset-password')
  reset(@Query('lang') lang: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(reply.header('referrer-policy', 'no-referrer'), 'reset-password', languageOf(lang, request));
  }

  @Get('invitation')
  invitation(@Query('lang') lang: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(reply.header('referrer-policy', 'no-referrer'), 'invitation', languageOf(lang, request));
  }

  @Get('assets/account.js')
  @Header('cache-control', 'public, max-age=3600')
  script(@Res() reply: FastifyReply): void {
    void reply.header('content-type', 'text/javascript; charset=utf-8').send(ACCOUNT_PAGE_JS);
  }

  private send(reply: FastifyReply, page: AccountPageName, lang: Language): void {
    void reply
      .header('content-type', HTML)
      .header('vary', 'accept-language')
      .header('content-language', lang)
      .send(accountPageHtml(page, lang));
  }
}

const languageOf = (lang: unknown, request: FastifyRequest): Language =>
  isLanguage(lang) ? lang : negotiateLanguage(request.headers['accept-language']);
