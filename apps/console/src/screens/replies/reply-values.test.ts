import { describe, expect, it } from 'vitest';
import { attachmentUrl, fileSize, htmlUrl, senderOf, shownText } from './reply-values';

describe('reply values', () => {
  it('names the sender by name and address, or whichever is known', () => {
    expect(senderOf({ fromName: 'Cabinet', fromAddress: 'cabinet@justice.example.gov' })).toBe(
      'Cabinet <cabinet@justice.example.gov>',
    );
    expect(senderOf({ fromName: 'CABINET@justice.example.gov', fromAddress: 'cabinet@justice.example.gov' })).toBe(
      'cabinet@justice.example.gov',
    );
    expect(senderOf({ fromName: null, fromAddress: 'cabinet@justice.example.gov' })).toBe(
      'cabinet@justice.example.gov',
    );
    expect(senderOf({ fromName: ' Mail Delivery System ', fromAddress: '' })).toBe('Mail Delivery System');
    expect(senderOf({ fromName: null, fromAddress: null })).toBeNull();
  });

  it('gives file sizes in bytes, KB or MB in the reader’s language', () => {
    expect(fileSize(512, 'en')).toBe('512 byte');
    expect(fileSize(20_480, 'en')).toBe('20 kB');
    expect(fileSize(1_572_864, 'en')).toBe('1.5 MB');
    expect(fileSize(1_572_864, 'fr').replace(/\s/g, ' ')).toBe('1,5 Mo'); // French spaces are narrow no-break ones
  });

  it('builds the frame and download addresses under the organisation, escaped', () => {
    expect(htmlUrl('child-rights-now', 'abc')).toBe('/api/orgs/child-rights-now/inbound/messages/abc/html');
    expect(attachmentUrl('org', 'm/1', 'a?b')).toBe('/api/orgs/org/inbound/messages/m%2F1/attachments/a%3Fb');
  });

  it('shows the answer, and the whole text only once asked for and loaded', () => {
    expect(shownText('Yes.', 'Yes.\n> Please act.', false)).toBe('Yes.');
    expect(shownText('Yes.', 'Yes.\n> Please act.', true)).toBe('Yes.\n> Please act.');
    expect(shownText('Yes.', undefined, true)).toBe('Yes.');
  });
});
