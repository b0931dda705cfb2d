import { UnsubscribeTokens } from './unsubscribe-tokens.js';

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens('test-secret-key-0123456789abcdef');
  it('verify what they made and nothing else', () => {
    const token = tokens.make('42');
    expect(tokens.verify(token)).toBe('42');
    expect(tokens.verify(token.replace(/^42/, '43'))).toBeNull();
    expect(tokens.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(tokens.verify('42')).toBeNull();
    expect(new UnsubscribeTokens('another-secret-key-0123456789abcd').verify(token)).toBeNull();
  });
});
