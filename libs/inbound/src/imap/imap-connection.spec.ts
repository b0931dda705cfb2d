import { describeImapError } from './imap-connection.js';
import { ImapHostRefusedError } from './imap-host.js';

const mailbox = { host: 'imap.example.org', port: 993, secure: true, username: 'replies@example.org' };
const error = (fields: Record<string, unknown>, message = 'Command failed'): Error =>
  Object.assign(new Error(message), fields);

describe('describeImapError', () => {
  it.each([
    [
      error({ authenticationFailed: true, responseText: 'Authentication failed.' }),
      'The server refused the username or password for replies@example.org (the server said: Authentication failed.)',
    ],
    [error({ mailboxMissing: true, path: 'Replies' }), 'The folder "Replies" does not exist on imap.example.org'],
    [
      error({ code: 'ECONNREFUSED' }),
      'Nothing accepts connections at imap.example.org:993: check the host and port (993 with TLS, 143 without)',
    ],
    [error({ code: 'ENOTFOUND' }), 'The host name imap.example.org is not known'],
    [error({ code: 'CONNECT_TIMEOUT' }), 'No answer from imap.example.org:993 within 15 seconds'],
    [error({ code: 'ETIMEOUT' }), 'imap.example.org:993 stopped answering for 60 seconds'],
    [
      error({ code: 'ECONNRESET' }),
      'imap.example.org:993 closed the connection: is it an IMAP server with TLS (usually port 993)?',
    ],
    [
      error({ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, '80ECC20F:error:0A00010B:SSL routines:ssl3_get_record'),
      'imap.example.org:993 does not answer with TLS: turn off "secure" for its STARTTLS port (usually 143), or use its TLS port (usually 993)',
    ],
    [
      error({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'self-signed certificate'),
      'The certificate of imap.example.org:993 is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): the server must present a valid certificate for imap.example.org',
    ],
    [
      error({ tlsFailed: true }, 'Server does not support STARTTLS'),
      'imap.example.org:993 offers no STARTTLS, so the password would travel in clear: turn on "secure" and use its TLS port (usually 993)',
    ],
    [
      error({ code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' }, 'long openssl text'),
      'The TLS connection to imap.example.org:993 failed (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE): check "secure" and the port (993 with TLS, 143 with STARTTLS)',
    ],
    [error({}, 'Unexpected response'), 'IMAP error from imap.example.org:993: Unexpected response'],
  ])('says %s in plain words', (e, words) => expect(describeImapError(e, mailbox)).toBe(words));

  it('passes the host guard’s own words through', () => {
    expect(describeImapError(new ImapHostRefusedError('The host name x is not known'), mailbox)).toBe(
      'The host name x is not known',
    );
  });
});
