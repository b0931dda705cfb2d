import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language, RallyConfig } from '#rally/core';
import { InjectConfig, isLanguage, negotiateLanguage, Public } from '#rally/core';
import type { PublicScorecard } from './public-scorecards.js';
import { PublicScorecards } from './public-scorecards.js';
import { scorecardCsv, scorecardJson } from './scorecard-open-data.js';
import {
  renderScorecardNotFound,
  renderScorecardPage,
  SCORECARD_CSS,
  scorecardPath,
} from './scorecard-page.renderer.js';

const HTML = 'text/html; charset=utf-8';
// Short, so an unpublished row leaves browsers and shared caches as soon as it leaves the servers' memory.
const CACHE = 'public, max-age=10';
const COUNTRY = /^([A-Za-z]{2})(?:\.(json|csv))?$/;
const NOT_FOUND_JSON = JSON.stringify({
  statusCode: 404,
  error: 'scorecard_not_found',
  message: 'Scorecard not found',
});

// Not `Query`: decorator metadata would name Nest's @Query as the type, and the validation pipe refuse every field.
type QueryParams = Record<string, string | string[] | undefined>;

/**
 * The public scorecard: `/scorecard/:org/:country` (a page), `.../embed` (the same page, allowed in other sites'
 * frames), `.json` and `.csv` (open data of the same rows). Read from process memory; each variant rendered once per
 * loaded scorecard. Works without JavaScript (there is none).
 */
@ApiExcludeController()
@Public()
@Controller('scorecard')
export class ScorecardPageController {
  private readonly rendered = new WeakMap<PublicScorecard, Map<string, string>>();

  constructor(
    private readonly scorecards: PublicScorecards,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @Get('assets/scorecard.css')
  css(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(SCORECARD_CSS);
  }

  /** The page, or its open data when the country ends in `.json` or `.csv` (one path segment, one route). */
  @Get(':org/:country')
  async page(
    @Param('org') org: string,
    @Param('country') country: string,
    @Query() query: QueryParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const match = COUNTRY.exec(country);
    const format = match?.[2] ?? 'html';
    const card = match ? await this.scorecards.get(org, match[1].toUpperCase()) : null;
    if (format === 'json') return this.json(reply, card);
    if (format === 'csv') return this.csv(reply, card, request, query);
    return this.html(reply, card, request, query, false);
  }

  @Get(':org/:country/embed')
  async embed(
    @Param('org') org: string,
    @Param('country') country: string,
    @Query() query: QueryParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const code = /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : '';
    const card = code ? await this.scorecards.get(org, code) : null;
    // Other sites may frame the embed (and only the embed): the rest of the page policy stays as it is.
    const policy = String(reply.getHeader('content-security-policy') ?? '');
    void reply
      .header('content-security-policy', policy.replace(/frame-ancestors [^;]+/, 'frame-ancestors *'))
      .removeHeader('x-frame-options')
      .header('cross-origin-resource-policy', 'cross-origin');
    return this.html(reply, card, request, query, true);
  }

  private html(
    reply: FastifyReply,
    card: PublicScorecard | null,
    request: FastifyRequest,
    query: QueryParams,
    embed: boolean,
  ): void {
    const language = pageLanguage(query.lang, request.headers['accept-language'], card?.defaultLanguage);
    void reply.header('content-type', HTML).header('cache-control', CACHE).header('vary', 'accept-language');
    if (!card) {
      void reply.status(404).send(renderScorecardNotFound(language));
      return;
    }
    const html = this.once(card, `${embed ? 'embed' : 'page'}:${language}`, () =>
      renderScorecardPage(card, { language, embed, publicUrl: this.config.http.publicUrl }),
    );
    void reply.header('content-language', language).send(html);
  }

  private json(reply: FastifyReply, card: PublicScorecard | null): void {
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', CACHE)
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (!card) {
      void reply.status(404).send(NOT_FOUND_JSON);
      return;
    }
    void reply.send(this.once(card, 'json', () => scorecardJson(card, this.pageUrl(card))));
  }

  private csv(reply: FastifyReply, card: PublicScorecard | null, request: FastifyRequest, query: QueryParams): void {
    if (!card) return this.html(reply, null, request, query, false);
    void reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header(
        'content-disposition',
        `attachment; filename="scorecard-${card.organisationSlug}-${card.country.toLowerCase()}.csv"`,
      )
      .header('cache-control', CACHE)
      // A download, never a document: nothing in it may run or be framed (the JSON's set, which its path gets).
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
      .header('x-frame-options', 'DENY')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(this.once(card, 'csv', () => scorecardCsv(card)));
  }

  private pageUrl(card: PublicScorecard): string {
    return `${this.config.http.publicUrl}${scorecardPath(card.organisationSlug, card.country)}`;
  }

  /** Each variant once per loaded scorecard: a reload replaces the object, so its renderings go with it. */
  private once(card: PublicScorecard, variant: string, render: () => string): string {
    let variants = this.rendered.get(card);
    if (!variants) this.rendered.set(card, (variants = new Map()));
    let body = variants.get(variant);
    if (body === undefined) variants.set(variant, (body = render()));
    return body;
  }
}

/**
 * `?lang=` when it names one of Rally's languages; else the reader's Accept-Language; else the organisation's
 * language (appended at the lowest weight, so any language the reader accepts comes first).
 */
export function pageLanguage(param: unknown, acceptLanguage: string | undefined, fallback?: Language): Language {
  if (isLanguage(param)) return param;
  if (!acceptLanguage) return fallback ?? negotiateLanguage(undefined);
  return negotiateLanguage(fallback ? `${acceptLanguage}, ${fallback};q=0.001` : acceptLanguage);
}
