import type { AuditVocabulary } from '#rally/core';

/** Mail coming back: sources, tying a message to a letter, alerts, revoked reply addresses. */
export const INBOUND_AUDIT = {
  actions: [
    'inbound-source.create',
    'inbound-source.update',
    'inbound-source.enable',
    'inbound-source.disable',
    'inbound-source.poll',
    'inbound-source.rotate-secret',
    'inbound-source.delete',
    'inbound.thread',
    'inbound.alert.acknowledge',
    'letter.reply-address-revoke',
    'letter.reply-address-restore',
  ],
  objectTypes: ['inbound_source', 'inbound-message', 'inbound-alert', 'letter'],
} as const satisfies AuditVocabulary;
