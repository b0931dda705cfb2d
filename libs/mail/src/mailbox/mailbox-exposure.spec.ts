import { parseConfig } from '#rally/core';
import { MAIL_CONFIG } from '../mail.config.js';
import { isLoopbackHost, mailboxExposure, mailStartupLine } from './mailbox-exposure.js';

describe('local mailbox exposure', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.5', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['10.0.0.2', false],
    ['127.example.org', false],
    ['example.org', false],
  ])('%s is loopback: %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));

  it('serves the mailbox only when capturing on a loopback address, and says why not otherwise', () => {
    expect(mailboxExposure(parseConfig({}, [MAIL_CONFIG]))).toBe('served');
    expect(mailboxExposure(parseConfig({ HOST: '0.0.0.0' }, [MAIL_CONFIG]))).toBe('not-loopback');
    expect(mailboxExposure(parseConfig({ HOST: '0.0.0.0', SMTP_URL: 'smtp://relay:25' }, [MAIL_CONFIG]))).toBe('relay');
    expect(mailStartupLine(parseConfig({ HOST: '0.0.0.0' }, [MAIL_CONFIG]))).toMatch(
      /Local mailbox: +not served: HOST=0\.0\.0\.0 is not a loopback address/,
    );
    expect(mailStartupLine(parseConfig({}, [MAIL_CONFIG]))).toContain('http://localhost:3000/dev/mailbox');
  });
});
