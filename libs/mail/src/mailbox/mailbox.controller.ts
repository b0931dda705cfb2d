import { readFileSync } from 'node:fs';
import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import Handlebars from 'handlebars';
import { DataSource } from 'typeorm';
import { NotFoundError, Public } from '#rally/core';
import { CapturedMail } from '../entities/captured-mail.entity.js';
import { capturedHeaders, headerAddress } from './captured-headers.js';

const hbs = Handlebars.create();
const listView = hbs.compile(readFileSync(new URL('./mailbox.hbs', import.meta.url), 'utf8'), { strict: true });

export interface CapturedMailView {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
  /** A letter's reply address (`reply+...`): the page offers to answer it through Rally's inbound SMTP server. */
  replyTo: string | null;
}

const letterReplyTo = (raw: string): string | null => {
  const address = headerAddress(capturedHeaders(raw).get('reply-to'));
  return address && /^reply\+/i.test(address) ? address : null;
};

const toView = (m: CapturedMail): CapturedMailView => ({
  id: m.id,
  from: m.sender,
  to: m.recipient,
  subject: m.subject,
  text: m.text,
  html: m.html,
  createdAt: m.createdAt.toISOString(),
  replyTo: letterReplyTo(m.raw),
});

/** Local mailbox, mounted only when no SMTP_URL is set: what Rally would have sent, readable in the browser. */
@ApiExcludeController()
@Public()
@Controller('dev/mailbox')
export class MailboxController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async page(): Promise<string> {
    const messages = await this.latest(undefined, 200);
    return listView({ messages });
  }

  @Get('messages')
  async list(@Query('to') to?: string): Promise<CapturedMailView[]> {
    return this.latest(to, 500);
  }

  /** Headers set on the found message only: route-level ones would also be put on the 404's JSON, which broke it. */
  @Get('messages/:id/html')
  async html(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const mail = await this.db.getRepository(CapturedMail).findOneBy({ id });
    if (!mail) throw new NotFoundError('Message');
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
      .send(mail.html);
  }

  private async latest(to: string | undefined, limit: number): Promise<CapturedMailView[]> {
    const rows = await this.db
      .getRepository(CapturedMail)
      .find({ where: to ? { recipient: to } : {}, order: { createdAt: 'DESC' }, take: limit });
    return rows.map(toView);
  }
}
