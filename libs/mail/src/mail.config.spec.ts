import { ConfigInvalidError, parseConfig } from '#rally/core';
import { MAIL_CONFIG } from './mail.config.js';

describe('mail configuration', () => {
  it('captures mail locally without SMTP_URL, and relays with it', () => {
    expect(parseConfig({}, [MAIL_CONFIG]).section(MAIL_CONFIG).capture).toBe(true);
    expect(parseConfig({ SMTP_URL: 'smtp://relay:25' }, [MAIL_CONFIG]).section(MAIL_CONFIG)).toMatchObject({
      capture: false,
      smtpUrl: 'smtp://relay:25',
    });
  });

  it('refuses capture mode in production, naming SMTP_URL (captured mail holds sign-in links)', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', SECRET_KEY: 'k'.repeat(32) }, [MAIL_CONFIG])).toThrow(
      ConfigInvalidError,
    );
    try {
      parseConfig({ NODE_ENV: 'production', SECRET_KEY: 'k'.repeat(32) }, [MAIL_CONFIG]);
    } catch (error) {
      expect((error as ConfigInvalidError).problems).toEqual([
        'SMTP_URL must be set when NODE_ENV=production: without a relay mail would only be captured locally',
      ]);
    }
  });
});
