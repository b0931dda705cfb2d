import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OneClickLink, oneClickHeaders, Public, PUBLIC_PAGE_CSS } from '#rally/core';
import { scoreboardText } from '../scoreboard.i18n.js';
import type { ReplyCheckAnswer } from './entities/reply-check.entity.js';
import { REPLY_CHECK_ANSWERS } from './entities/reply-check.entity.js';
import { ReplyCheckLinks } from './reply-check-links.js';
import type { ReplyCheckView } from './reply-check.service.js';
import { ReplyCheckService } from './reply-check.service.js';
import type { ReplyCheckPageKind } from './reply-check-page.js';
import { renderReplyCheckPage } from './reply-check-page.js';

const HTML = 'text/html; charset=utf-8';
const isAnswer = (v: string): v is ReplyCheckAnswer => (REPLY_CHECK_ANSWERS as readonly string[]).includes(v);

/**
 * The links of a "did they reply?" mail. Each is a one-click pair: the GET shows the answer with one button and
 * changes nothing (mail scanners open links), the button POSTs the same address and records it. Works without
 * JavaScript; pages in the supporter's language; an unknown or forged link gets the same 404 page.
 */
@ApiExcludeController()
@Public()
@Controller('reply-check')
export class ReplyCheckPageController {
  constructor(
    private readonly checks: ReplyCheckService,
    private readonly links: ReplyCheckLinks,
  ) {}

  @Get('assets/page.css')
  css(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PUBLIC_PAGE_CSS);
  }

  @OneClickLink()
  @Get(':checkId/:token/answer/:answer')
  async answerPage(
    @Param('checkId') checkId: string,
    @Param('token') token: string,
    @Param('answer') answer: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const check = await this.checks.find(checkId, token);
    if (!check || !isAnswer(answer)) return this.invalid(reply, check);
    const oneClick = {
      url: this.links.answerPath(check.id, answer),
      label: scoreboardText.t(check.language, 'scoreboard:page.confirmButton'),
    };
    this.page(reply, 200, check, 'confirm', answer, oneClick);
  }

  @OneClickLink()
  @Post(':checkId/:token/answer/:answer')
  async answer(
    @Param('checkId') checkId: string,
    @Param('token') token: string,
    @Param('answer') answer: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const check = await this.checks.find(checkId, token);
    if (!check || !isAnswer(answer)) return this.invalid(reply, check);
    await this.checks.answer(check, answer);
    this.page(reply, 200, check, 'thanks', answer);
  }

  @OneClickLink()
  @Get(':checkId/:token/opt-out')
  async optOutPage(
    @Param('checkId') checkId: string,
    @Param('token') token: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const check = await this.checks.find(checkId, token);
    if (!check) return this.invalid(reply, null);
    const oneClick = {
      url: this.links.optOutPath(check.id),
      label: scoreboardText.t(check.language, 'scoreboard:page.optOutButton'),
    };
    this.page(reply, 200, check, 'opt-out', undefined, oneClick);
  }

  @OneClickLink()
  @Post(':checkId/:token/opt-out')
  async optOut(
    @Param('checkId') checkId: string,
    @Param('token') token: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const check = await this.checks.find(checkId, token);
    if (!check) return this.invalid(reply, null);
    await this.checks.optOut(check);
    this.page(reply, 200, check, 'opted-out');
  }

  private invalid(reply: FastifyReply, check: ReplyCheckView | null): void {
    void oneClickHeaders(reply)
      .status(404)
      .header('content-type', HTML)
      .send(renderReplyCheckPage(check?.language ?? 'en', 'invalid', { organisation: check?.organisation }));
  }

  private page(
    reply: FastifyReply,
    status: number,
    check: ReplyCheckView,
    kind: ReplyCheckPageKind,
    answer?: ReplyCheckAnswer,
    oneClick?: { url: string; label: string },
  ): void {
    void oneClickHeaders(reply)
      .status(status)
      .header('content-type', HTML)
      .send(
        renderReplyCheckPage(
          check.language,
          kind,
          { organisation: check.organisation, title: check.actionTitle, answer },
          oneClick ?? null,
        ),
      );
  }
}
