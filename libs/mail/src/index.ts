import { CapturedMail } from './entities/captured-mail.entity.js';
import { MailOutbox } from './entities/mail-outbox.entity.js';

export * from './entities/mail-outbox.entity.js';
export * from './entities/captured-mail.entity.js';
export * from './mail.module.js';
export * from './mail.service.js';
export * from './mail-outbox.repository.js';
export * from './templates/mail-template.js';
export * from './templates/mail-renderer.js';
export * from './transport/mail-transport.js';
export * from './jobs/mail-send.handler.js';
export * from './system-mail/system-mail.templates.js';
export * from './mailbox/mailbox-exposure.js';

export const MAIL_ENTITIES = [MailOutbox, CapturedMail];
