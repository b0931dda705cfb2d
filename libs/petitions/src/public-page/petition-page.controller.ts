import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RallyConfig } from '#rally/core';
import {
  InjectConfig,
  InvalidInputError,
  NotFoundError,
  OneClickLink,
  oneClickHeaders,
  Public,
  RateLimitedError,
  ServiceBusyError,
} from '#rally/core';
import { pageText } from '../i18n/page-text.js';
import { PetitionNotOpenError } from '../petitions.exception.js';
import { PetitionCountCache } from '../counts/petition-count.cache.js';
import { PAGE_SLOTS, PetitionPageCache } from './petition-page.cache.js';
import type { FormState } from './petition-page.renderer.js';
import { PETITION_CSS, renderMessagePage, renderNotFoundPage, renderPetitionPage } from './petition-page.renderer.js';
import type { PublicPetition } from './public-petition.cache.js';
import { PublicPetitionCache } from './public-petition.cache.js';
import { RecentSignersCache } from './recent-signers.cache.js';
import { SignRateLimiter } from '../signing/sign-rate-limiter.js';
import { parseSignatureInput, SIGNER_FIELDS } from '../signing/signature-input.js';
import { SigningService } from '../signing/signing.service.js';
import { PETITION_PAGE_JS, WIDGET_JS } from './views/client-scripts.js';

const HTML = 'text/html; charset=utf-8';

/** The public face of a petition: page, sign form, confirmation link, count for embeds. No login, no personal data out. */
@ApiExcludeController()
@Public()
@Controller('p')
export class PetitionPageController {
  constructor(
    private readonly petitions: PublicPetitionCache,
    private readonly counts: PetitionCountCache,
    private readonly signing: SigningService,
    private readonly recent: RecentSignersCache,
    private readonly limiter: SignRateLimiter,
    private readonly pages: PetitionPageCache,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @Get('assets/petition.css')
  css(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PETITION_CSS);
  }

  @Get('assets/petition.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PETITION_PAGE_JS);
  }

  @Get('assets/widget.js')
  widget(@Res() reply: FastifyReply): void {
    // Loaded by other sites' pages, so it must be allowed cross-origin.
    void reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .send(WIDGET_JS);
  }

  @Get(':slug')
  async page(
    @Param('slug') slug: string,
    @Query() query: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const petition = await this.petitions.bySlug(slug);
    if (!petition) return this.notFound(reply);
    const source = typeof query.utm_source === 'string' ? query.utm_source.slice(0, 100) : '';
    const render = async (): Promise<string> =>
      renderPetitionPage({
        ...(await this.pageContext(petition)),
        startedAt: PAGE_SLOTS.startedAt,
        source: PAGE_SLOTS.source,
        referrer: PAGE_SLOTS.referrer,
      });
    const html = await this.pages.page(petition.id, render, {
      startedAt: this.signing.issueStamp(),
      source,
      referrer: externalReferrer(request, this.config.http.publicUrl),
    });
    void reply.status(200).header('content-type', HTML).send(html);
  }

  /** Form POST (no JS: re-render or redirect) or JSON (answer 202/4xx). Same answer whether or not the email already signed. */
  @Post(':slug/sign')
  async sign(
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const json = (request.headers['content-type'] ?? '').startsWith('application/json');
    const petition = await this.petitions.bySlug(slug);
    if (!petition) {
      if (json) throw new NotFoundError('Petition');
      return this.notFound(reply);
    }
    const t = pageText(petition.language);
    const values = formValues(body);
    try {
      this.limiter.check(request.ip, petition.id);
    } catch (error) {
      if (json || !(error instanceof RateLimitedError)) throw error;
      void reply.header('retry-after', String(error.retryAfterSeconds));
      return this.rerender(reply, 429, petition, { values, errors: {}, formError: t.errors.tooMany }, body);
    }
    if (petition.status !== 'open') {
      if (json) throw new PetitionNotOpenError(petition.status);
      return this.rerender(reply, 409, petition, { values, errors: {} }, body);
    }
    const result = parseSignatureInput(body, t, (stamp) => this.signing.checkStamp(stamp));
    if (result.kind === 'invalid') {
      if (json) throw new InvalidInputError(result.fields);
      return this.rerender(reply, 422, petition, { values, errors: result.fields }, body);
    }
    if (result.kind === 'valid') {
      try {
        await this.signing.sign(petition, result.input);
      } catch (error) {
        // Too many signatures already waiting to be written: the form keeps what was typed and says to retry.
        if (json || !(error instanceof ServiceBusyError)) throw error;
        void reply.header('retry-after', String(error.retryAfterSeconds));
        return this.rerender(reply, 503, petition, { values, errors: {}, formError: t.errors.busy }, body);
      }
    }
    if (json) void reply.status(202).send({ status: 'check-your-email' });
    else void reply.status(303).header('location', `/p/${petition.slug}/thanks`).send();
  }

  @Get(':slug/thanks')
  async thanks(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    const petition = await this.petitions.bySlug(slug);
    if (!petition) return this.notFound(reply);
    void reply
      .header('content-type', HTML)
      .send(renderMessagePage(petition, 'thanks', this.counts.get(petition.id), this.config.http.publicUrl));
  }

  /**
   * The emailed confirmation link. Opening it changes nothing (mail scanners open links too): it shows the petition
   * and one button, which POSTs the same address.
   */
  @OneClickLink()
  @Get(':slug/confirm/:signatureId/:token')
  async confirmPage(
    @Param('slug') slug: string,
    @Param('signatureId') signatureId: string,
    @Param('token') token: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const petition = await this.petitions.bySlug(slug);
    if (!petition) return this.notFound(oneClickHeaders(reply));
    const state = await this.signing.checkLink(petition, signatureId, token);
    if (state !== 'valid') return this.linkRefused(reply, petition, state);
    const action = {
      url: `/p/${petition.slug}/confirm/${signatureId}/${token}`,
      label: pageText(petition.language).confirmButton,
    };
    void oneClickHeaders(reply)
      .header('content-type', HTML)
      .send(renderMessagePage(petition, 'confirm', this.counts.get(petition.id), this.config.http.publicUrl, action));
  }

  /** The button: confirms once, then redirects so the secret does not stay in the address bar or history. */
  @OneClickLink()
  @Post(':slug/confirm/:signatureId/:token')
  async confirm(
    @Param('slug') slug: string,
    @Param('signatureId') signatureId: string,
    @Param('token') token: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const petition = await this.petitions.bySlug(slug);
    if (!petition) return this.notFound(oneClickHeaders(reply));
    const outcome = await this.signing.confirm(petition, signatureId, token);
    if (outcome !== 'confirmed') return this.linkRefused(reply, petition, outcome);
    void oneClickHeaders(reply).status(303).header('location', `/p/${petition.slug}/confirmed`).send();
  }

  private linkRefused(reply: FastifyReply, petition: PublicPetition, state: 'invalid' | 'petition-closed'): void {
    const kind = state === 'petition-closed' ? 'petition-closed' : 'link-invalid';
    void oneClickHeaders(reply)
      .status(state === 'petition-closed' ? 409 : 410)
      .header('content-type', HTML)
      .send(renderMessagePage(petition, kind, this.counts.get(petition.id), this.config.http.publicUrl));
  }

  @Get(':slug/confirmed')
  async confirmed(@Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    const petition = await this.petitions.bySlug(slug);
    if (!petition) return this.notFound(reply);
    void reply
      .header('content-type', HTML)
      .send(renderMessagePage(petition, 'confirmed', this.counts.get(petition.id), this.config.http.publicUrl));
  }

  private async pageContext(petition: PublicPetition) {
    return {
      petition,
      count: this.counts.get(petition.id),
      publicUrl: this.config.http.publicUrl,
      recentSigners: await this.recent.get(petition.id),
      consentText: this.signing.consentWording(petition),
      startedAt: this.signing.issueStamp(),
      source: '',
      referrer: '',
    };
  }

  private async rerender(
    reply: FastifyReply,
    status: number,
    petition: PublicPetition,
    form: FormState,
    body: unknown,
  ): Promise<void> {
    const b = (body ?? {}) as Record<string, unknown>;
    const keep = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 500) : '');
    const html = renderPetitionPage({
      ...(await this.pageContext(petition)),
      form,
      source: keep(b.source),
      referrer: keep(b.referrer),
    });
    void reply.status(status).header('content-type', HTML).send(html);
  }

  private notFound(reply: FastifyReply): void {
    void reply.status(404).header('content-type', HTML).send(renderNotFoundPage());
  }
}

function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const key of SIGNER_FIELDS) {
    const v = (body as Record<string, unknown>)[key];
    if (typeof v === 'string') out[key] = v.slice(0, 1000);
  }
  return out;
}

/** The page that linked here, when it is another site: recorded as the signature's referrer. */
function externalReferrer(request: FastifyRequest, publicUrl: string): string {
  const referer = request.headers.referer;
  if (typeof referer !== 'string' || referer.startsWith(publicUrl)) return '';
  return referer.slice(0, 500);
}
