import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError, isLanguage, OneClickLink, oneClickHeaders, Public, PUBLIC_PAGE_CSS } from '#rally/core';
import { mailingsText } from '../mailings.i18n.js';
import { assertOneClickBody, OneClickBody } from './one-click-body.parser.js';
import { renderPreferencesPage, renderUnsubscribeMessage } from './unsubscribe-page.renderer.js';
import type { UnsubscribeLink } from './unsubscribe.service.js';
import { UnsubscribeService } from './unsubscribe.service.js';

const HTML = 'text/html; charset=utf-8';

/**
 * A mailing's links: `/u/:token` is both the page a person opens (GET: a button, nothing changes, since mail scanners
 * open links) and the RFC 8058 one-click target (POST, body `List-Unsubscribe=One-Click` urlencoded or multipart, or
 * none; no cookie or CSRF token: the token in the path is the credential, and the body is never read). The preferences page takes a plain form post the same way. Works without JS.
 */
@ApiExcludeController()
@Public()
@Controller('u')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get('assets/page.css')
  css(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PUBLIC_PAGE_CSS);
  }

  @OneClickLink()
  @Get(':token')
  async confirmPage(
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const link = await this.unsubscribes.resolve(token);
    if (!link) return notFound(reply, lang);
    const language = languageOf(link, lang);
    const oneClick = { url: `/u/${token}`, label: mailingsText.t(language, 'mailings:page.unsubscribeButton') };
    void oneClickHeaders(reply)
      .header('content-type', HTML)
      .send(renderUnsubscribeMessage(language, 'confirm', values(link), oneClick, `/u/${token}/preferences`));
  }

  /** RFC 8058 and the page's button alike: unsubscribes once; a second POST answers the same page. */
  @OneClickLink()
  @OneClickBody()
  @Post(':token')
  @HttpCode(200)
  async unsubscribe(
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertOneClickBody(request);
    const link = await this.unsubscribes.resolve(token);
    if (!link) return notFound(reply, lang);
    await this.unsubscribes.unsubscribe(link);
    void oneClickHeaders(reply)
      .header('content-type', HTML)
      .send(renderUnsubscribeMessage(languageOf(link, lang), 'done', values(link), null, `/u/${token}/preferences`));
  }

  @Get(':token/preferences')
  async preferencesPage(
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const link = await this.unsubscribes.resolve(token);
    if (!link) return notFound(reply, lang);
    await this.showPreferences(reply, token, link, lang, false);
  }

  @Post(':token/preferences')
  @HttpCode(200)
  async savePreferences(
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const link = await this.unsubscribes.resolve(token);
    if (!link) return notFound(reply, lang);
    const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const language = form.language ?? '';
    if (language !== '' && !isLanguage(language))
      throw new InvalidInputError({ language: ['language must be one of the languages offered, or empty'] });
    const raw = form.campaigns;
    const kept = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (c): c is string => typeof c === 'string',
    );
    if (kept.length > 1000) throw new InvalidInputError({ campaigns: ['at most 1000 campaigns'] });
    await this.unsubscribes.savePreferences(link, language === '' ? null : language, kept);
    await this.showPreferences(reply, token, link, isLanguage(language) ? language : lang, true);
  }

  private async showPreferences(
    reply: FastifyReply,
    token: string,
    link: UnsubscribeLink,
    lang: unknown,
    saved: boolean,
  ): Promise<void> {
    const view = await this.unsubscribes.preferences(link);
    const language = isLanguage(lang) ? lang : (view.language ?? link.language);
    const urls = { action: `/u/${token}/preferences`, unsubscribe: `/u/${token}` };
    void oneClickHeaders(reply)
      .header('content-type', HTML)
      .send(renderPreferencesPage(language, link.organisationName, view, urls, saved));
  }
}

const values = (link: UnsubscribeLink) => ({ organisation: link.organisationName, email: link.email });
const languageOf = (link: UnsubscribeLink, lang: unknown): string => (isLanguage(lang) ? lang : link.language);

function notFound(reply: FastifyReply, lang: unknown): void {
  const language = isLanguage(lang) ? lang : 'en';
  void oneClickHeaders(reply)
    .status(404)
    .header('content-type', HTML)
    .send(renderUnsubscribeMessage(language, 'not-found', { organisation: '', email: '' }, null, null));
}
