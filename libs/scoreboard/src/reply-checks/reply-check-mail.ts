import { defineMailTemplate } from '#rally/mail';
import { SCOREBOARD_CATALOGUE } from '../scoreboard.i18n.js';
import type { ReplyCheckAnswer } from './entities/reply-check.entity.js';

/** To a supporter, in their language: did the targets of your letters answer? One link per answer, and an opt-out. */
export const REPLY_CHECK_MAIL = defineMailTemplate<{
  firstName: string;
  actionTitle: string;
  organisation: string;
  letterCount: number;
  recipients: string[];
  reminder: boolean;
  answers: { key: ReplyCheckAnswer; url: string }[];
  optOutUrl: string;
}>('scoreboard.reply-check', new URL('./mail/reply-check/', import.meta.url), SCOREBOARD_CATALOGUE);
