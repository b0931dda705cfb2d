import { capturedHeaders, headerAddress } from './captured-headers.js';

describe('captured message headers', () => {
  it('reads unfolded fields by lower-case name, the first of each, and stops at the body', () => {
    const raw =
      'From: a@example.org\r\nReply-To: "Rally"\r\n <reply+1abc@reply.example.org>\r\nMessage-ID: <letter.1x@r>\r\n' +
      'Message-ID: <second@r>\r\n\r\nReply-To: body@example.org\r\n';
    const headers = capturedHeaders(raw);
    expect(headers.get('reply-to')).toBe('"Rally" <reply+1abc@reply.example.org>');
    expect(headers.get('message-id')).toBe('<letter.1x@r>');
    expect(headerAddress(headers.get('reply-to'))).toBe('reply+1abc@reply.example.org');
  });

  it('finds nothing in a message without a header block, and no address in a malformed one', () => {
    expect(capturedHeaders('no headers here').size).toBe(0);
    expect(headerAddress('Rally <not an address>')).toBeNull();
    expect(headerAddress(undefined)).toBeNull();
    expect(headerAddress('plain@example.org')).toBe('plain@example.org');
  });
});
