import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { formErrorTexts, InjectConfig, NotFoundError, Public, readFormText } from '#rally/core';
import { CapturedMail, capturedHeaders, headerAddress } from '#rally/mail';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';

/** A reply typed on a page: a few paragraphs; far below INBOUND_MAX_BYTES. */
const MAX_REPLY_CHARS = 20_000;
/** The inbound server is on this machine: an answer slower than this means it is not running. */
const CONNECT_TIMEOUT_MS = 5_000;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, text: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  `<style>body{font-family:system-ui,sans-serif;margin:0;padding:1rem 2rem;color:#1c1917;background:#fafaf9}</style>` +
  `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>` +
  `<p><a href="/dev/mailbox">Back to the local mailbox</a></p></body></html>`;

/**
 * "Reply to this letter" on the local mailbox (capture mode on loopback only, like the mailbox): answers a captured
 * letter as its recipient would, From the letter's recipient To its Reply-To with In-Reply-To its Message-ID, over
 * SMTP to Rally's own inbound server, so the reply takes the same path a ministry's does. Here rather than in mail:
 * mail sits below letters and inbound and knows neither the reply address nor where the inbound server listens.
 */
@ApiExcludeController()
@Public()
@Controller('dev/mailbox/messages')
export class MailboxReplyController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
  ) {}

  @Post(':id/reply')
  @HttpCode(200)
  async reply(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string> {
    const mail = await this.db.getRepository(CapturedMail).findOneBy({ id });
    const headers = mail ? capturedHeaders(mail.raw) : new Map<string, string>();
    const replyTo = headerAddress(headers.get('reply-to'));
    if (!mail || !replyTo || !/^reply\+/i.test(replyTo)) throw new NotFoundError('Letter');
    // Set here, not by a route decorator: the error answers above stay JSON.
    void response.type('text/html; charset=utf-8');
    const fields: Record<string, string[]> = {};
    const raw = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const text = readFormText(
      raw,
      'text',
      { required: true, max: MAX_REPLY_CHARS, multiline: true },
      // The mailbox is an English developer page.
      formErrorTexts('en'),
      fields,
    );
    if (!text) {
      void response.status(422);
      return page('Reply not sent', fields.text?.[0] ?? '');
    }
    const messageId = headers.get('message-id');
    const subject = headers.get('subject') ?? mail.subject;
    const { host, port } = this.config.smtp;
    const transport = nodemailer.createTransport({
      // Listening on every address includes loopback.
      host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host,
      port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
    });
    try {
      const info = (await transport.sendMail({
        from: mail.recipient,
        to: replyTo,
        envelope: { from: mail.recipient, to: [replyTo] },
        subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
        text,
        ...(messageId ? { inReplyTo: messageId, references: [messageId] } : {}),
      })) as { response: string };
      return page('Reply sent', `Rally's inbound mail server answered: ${info.response}`);
    } catch (error) {
      void response.status(502);
      const smtp = error as { response?: string; code?: string };
      return page(
        'Reply not sent',
        smtp.response
          ? `Rally's inbound mail server refused it: ${smtp.response}`
          : `Rally's inbound mail server at ${host}:${port} did not answer (${smtp.code ?? 'no connection'}): npm start runs it beside the api.`,
      );
    } finally {
      transport.close();
    }
  }
}
