import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  formErrorTexts,
  InvalidInputError,
  NotFoundError,
  OneClickLink,
  oneClickHeaders,
  Public,
  PUBLIC_PAGE_CSS,
  RateLimitedError,
} from '#rally/core';
import { LetterActionNotOpenError } from '../letters.exception.js';
import { lettersText } from '../letters.i18n.js';
import { LetterRouter } from '../routing/letter-router.js';
import type { LetterInput } from '../writing/letter-input.js';
import { LETTER_FORM_FIELDS, parseLetterInput } from '../writing/letter-input.js';
import { LetterRateLimiter } from '../writing/letter-rate-limiter.js';
import { acceptsLetters, LetterWritingService } from '../writing/letter-writing.service.js';
import type { PublicLetterAction } from '../writing/public-letter-actions.js';
import { PublicLetterActions } from '../writing/public-letter-actions.js';
import type { LetterFormState, LetterMessageKind } from './letter-page.renderer.js';
import {
  renderLetterActionPage,
  renderLetterMessagePage,
  renderLetterNotFoundPage,
  renderPreviewPage,
} from './letter-page.renderer.js';

const HTML = 'text/html; charset=utf-8';

/** What the form sent, kept to echo it back (strings, or the ticked targets). */
function formValues(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (typeof body !== 'object' || body === null) return out;
  const b = body as Record<string, unknown>;
  for (const key of LETTER_FORM_FIELDS) {
    const v = b[key];
    if (typeof v === 'string') out[key] = v.slice(0, 12_000);
    else if (Array.isArray(v)) out[key] = v.filter((x): x is string => typeof x === 'string').slice(0, 200);
  }
  return out;
}

/**
 * The supporter's path: the page, a preview of each letter and its recipients, send, the emailed confirmation (a
 * GET-safe one-click pair), done. Works without JavaScript; form posts re-render with errors in the action's
 * language, JSON posts answer JSON.
 */
@ApiExcludeController()
@Public()
@Controller('l')
export class LetterPageController {
  constructor(
    private readonly actions: PublicLetterActions,
    private readonly writing: LetterWritingService,
    private readonly router: LetterRouter,
    private readonly limiter: LetterRateLimiter,
  ) {}

  @Get('assets/letter.css')
  css(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PUBLIC_PAGE_CSS);
  }

  @Get(':slug')
  async page(
    @Param('slug') slug: string,
    @Query() query: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.actions.bySlug(slug);
    if (!ctx) return this.notFound(reply);
    const source = typeof query.utm_source === 'string' ? query.utm_source.slice(0, 100) : '';
    void reply
      .status(200)
      .header('content-type', HTML)
      .send(await this.formPage(ctx, { source }));
  }

  /** Routes and writes the letters, stores nothing: the supporter reads them before they go. */
  @Post(':slug/preview')
  async preview(
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const json = isJson(request);
    const ctx = await this.actions.bySlug(slug);
    if (!ctx) return json ? this.jsonNotFound() : this.notFound(reply);
    if (!(await this.limited(() => this.limiter.checkPreview(request.ip), reply, ctx, body, json))) return;
    const input = this.parse(ctx, body);
    if (input.kind === 'closed') return this.closed(reply, ctx, body, json);
    if (input.kind === 'invalid') return this.formError(reply, ctx, body, json, 422, input.fields);
    if (input.kind === 'bot') return this.thanks(reply, ctx, json);
    const prepared = await this.writing.prepare(ctx, input.input);
    if (prepared.kind === 'invalid') return this.formError(reply, ctx, body, json, 422, prepared.fields);
    if (json) {
      void reply.status(200).send({
        letters: prepared.letters.map((l) => ({
          targetId: l.target.id,
          to: l.target.name,
          title: l.target.title,
          subject: l.subject,
          text: l.body,
        })),
        plan: prepared.plan,
      });
      return;
    }
    const hidden = hiddenFields(body, prepared.plan);
    void reply
      .status(200)
      .header('content-type', HTML)
      .send(renderPreviewPage(ctx, prepared.letters, hidden));
  }

  /** "Change my letter": the form again, with everything the supporter typed. */
  @Post(':slug/edit')
  async edit(@Param('slug') slug: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.actions.bySlug(slug);
    if (!ctx) return this.notFound(reply);
    const b = (body ?? {}) as Record<string, unknown>;
    const form = { values: formValues(body), errors: {} };
    void reply
      .status(200)
      .header('content-type', HTML)
      .send(await this.formPage(ctx, { source: typeof b.source === 'string' ? b.source.slice(0, 100) : '', form }));
  }

  /** Stores the letters (awaiting confirmation) and mails the confirmation link. Same answer for a repeat send. */
  @Post(':slug/send')
  async send(
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const json = isJson(request);
    const ctx = await this.actions.bySlug(slug);
    if (!ctx) return json ? this.jsonNotFound() : this.notFound(reply);
    if (!(await this.limited(() => this.limiter.check(request.ip, ctx.action.id), reply, ctx, body, json))) return;
    const input = this.parse(ctx, body);
    if (input.kind === 'closed') return this.closed(reply, ctx, body, json);
    if (input.kind === 'invalid') return this.formError(reply, ctx, body, json, 422, input.fields);
    if (input.kind === 'valid') {
      const sent = await this.writing.send(ctx, input.input);
      if (sent.kind === 'invalid') return this.formError(reply, ctx, body, json, 422, sent.fields);
    }
    return this.thanks(reply, ctx, json);
  }

  @Get(':slug/thanks')
  async thanksPage(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    return this.message(slug, reply, 'thanks');
  }

  @Get(':slug/confirmed')
  async confirmedPage(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    return this.message(slug, reply, 'confirmed');
  }

  /** The emailed link. Opening it changes nothing (mail scanners open links): one button POSTs the same address. */
  @OneClickLink()
  @Get(':slug/confirm/:submissionId/:token')
  async confirmPage(
    @Param('slug') slug: string,
    @Param('submissionId') submissionId: string,
    @Param('token') token: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.actions.bySlug(slug);
    if (!ctx) return this.notFound(oneClickHeaders(reply));
    const state = await this.writing.checkLink(ctx, submissionId, token);
    if (state !== 'valid') return this.linkRefused(reply, ctx, state);
    const oneClick = {
      url: `/l/${ctx.action.slug}/confirm/${submissionId}/${token}`,
      label: lettersText.t(ctx.action.language, 'letters:page.confirmButton'),
    };
    void oneClickHeaders(reply)
      .header('content-type', HTML)
      .send(renderLetterMessagePage(ctx, 'confirm', oneClick));
  }

  /** The button: confirms once, then redirects so the secret leaves the address bar. */
  @OneClickLink()
  @Post(':slug/confirm/:submissionId/:token')
  async confirm(
    @Param('slug') slug: string,
    @Param('submissionId') submissionId: string,
    @Param('token') token: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.actions.bySlug(slug);
    if (!ctx) return this.notFound(oneClickHeaders(reply));
    const outcome = await this.writing.confirm(ctx, submissionId, token);
    if (outcome !== 'confirmed') return this.linkRefused(reply, ctx, outcome);
    void oneClickHeaders(reply).status(303).header('location', `/l/${ctx.action.slug}/confirmed`).send();
  }

  /** Runs a rate check; over the limit, JSON callers get the 429 thrown, the form its page again with a notice. */
  private async limited(
    check: () => void,
    reply: FastifyReply,
    ctx: PublicLetterAction,
    body: unknown,
    json: boolean,
  ): Promise<boolean> {
    try {
      check();
      return true;
    } catch (error) {
      if (json || !(error instanceof RateLimitedError)) throw error;
      void reply.header('retry-after', String(error.retryAfterSeconds));
      const formError = lettersText.t(ctx.action.language, 'letters:errors.tooMany');
      await this.formError(reply, ctx, body, json, 429, {}, formError);
      return false;
    }
  }

  private parse(
    ctx: PublicLetterAction,
    body: unknown,
  ):
    | { kind: 'valid'; input: LetterInput }
    | { kind: 'invalid'; fields: Record<string, string[]> }
    | { kind: 'bot' }
    | { kind: 'closed' } {
    if (!acceptsLetters(ctx.action)) return { kind: 'closed' };
    return parseLetterInput(body, formErrorTexts(ctx.action.language), (stamp) => this.writing.checkStamp(stamp), {
      editable: ctx.action.editable,
      defaultLetter: this.writing.defaultLetter(ctx),
    });
  }

  private async formPage(
    ctx: PublicLetterAction,
    options: { source: string; form?: LetterFormState },
  ): Promise<string> {
    const pickable = await this.router.pickable({ organisationId: ctx.action.organisationId }, ctx.action.routing);
    return renderLetterActionPage({
      ctx,
      consentText: this.writing.consentWording(ctx),
      startedAt: this.writing.issueStamp(),
      source: options.source,
      defaultLetter: this.writing.defaultLetter(ctx),
      pickable,
      form: options.form,
    });
  }

  private async formError(
    reply: FastifyReply,
    ctx: PublicLetterAction,
    body: unknown,
    json: boolean,
    status: number,
    fields: Record<string, string[]>,
    formError?: string,
  ): Promise<void> {
    if (json) throw new InvalidInputError(fields);
    const b = (body ?? {}) as Record<string, unknown>;
    const form = { values: formValues(body), errors: fields, formError };
    const html = await this.formPage(ctx, { source: typeof b.source === 'string' ? b.source.slice(0, 100) : '', form });
    void reply.status(status).header('content-type', HTML).send(html);
  }

  private async closed(reply: FastifyReply, ctx: PublicLetterAction, body: unknown, json: boolean): Promise<void> {
    if (json) throw new LetterActionNotOpenError(ctx.action.status);
    const html = await this.formPage(ctx, { source: '', form: { values: formValues(body), errors: {} } });
    void reply.status(409).header('content-type', HTML).send(html);
  }

  private thanks(reply: FastifyReply, ctx: PublicLetterAction, json: boolean): void {
    if (json) void reply.status(202).send({ status: 'check-your-email' });
    else void reply.status(303).header('location', `/l/${ctx.action.slug}/thanks`).send();
  }

  private async message(slug: string, reply: FastifyReply, kind: LetterMessageKind): Promise<void> {
    const ctx = await this.actions.bySlug(slug);
    if (!ctx) return this.notFound(reply);
    void reply.header('content-type', HTML).send(renderLetterMessagePage(ctx, kind));
  }

  private linkRefused(reply: FastifyReply, ctx: PublicLetterAction, state: 'invalid' | 'action-closed'): void {
    void oneClickHeaders(reply)
      .status(state === 'action-closed' ? 409 : 410)
      .header('content-type', HTML)
      .send(renderLetterMessagePage(ctx, state === 'action-closed' ? 'action-closed' : 'link-invalid'));
  }

  private jsonNotFound(): never {
    throw new NotFoundError('Letter action');
  }

  private notFound(reply: FastifyReply): void {
    void reply.status(404).header('content-type', HTML).send(renderLetterNotFoundPage());
  }
}

function isJson(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/json');
}

/** Every value of the form, for the preview's two forms (send, change), plus the signed plan. */
function hiddenFields(body: unknown, plan: string): { name: string; value: string }[] {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: { name: string; value: string }[] = [];
  for (const key of [...LETTER_FORM_FIELDS, 'startedAt', 'source']) {
    const v = b[key];
    if (typeof v === 'string') out.push({ name: key, value: v });
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push({ name: key, value: x });
  }
  out.push({ name: 'plan', value: plan });
  return out;
}
