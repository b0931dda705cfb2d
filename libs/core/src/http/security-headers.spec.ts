import { isDataPath, securityHeaders } from './security-headers.js';

describe('security headers', () => {
  it.each([
    ['/api/orgs/acme/petitions', true],
    ['/api/auth/login', true],
    ['/api/docs/openapi.json', true],
    ['/p/end-detention/count.json', true],
    ['/p/end-detention/count.json?utm_source=x', true],
    ['/health/ready', true],
    ['/api/docs', false],
    ['/api/docs/swagger-ui.css', false],
    ['/api/docs-yaml', false],
    ['/api/documents', true],
    ['/p/end-detention', false],
    ['/p/end-detention?next=/x.json', false],
    ['/console/reset-password', false],
    ['/dev/mailbox', false],
  ])('%s answers data: %s', (path, expected) => {
    expect(isDataPath(path)).toBe(expected);
  });

  it('forbids framing and loading anything on data, and keeps the page policy for documents', () => {
    const { data, document } = securityHeaders('http://localhost:3000');
    expect(data['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(data['x-content-type-options']).toBe('nosniff');
    expect(data['x-frame-options']).toBe('DENY');
    expect(document['content-security-policy']).toContain("script-src 'self'");
    expect(document['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(data['strict-transport-security']).toBeUndefined();
  });

  it('gives the console a policy of its own: same-origin scripts and requests, never framed, no referrer', () => {
    const { console: consoleSet, document } = securityHeaders('http://localhost:3000');
    expect(consoleSet['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    expect(consoleSet['referrer-policy']).toBe('no-referrer');
    expect(consoleSet['x-frame-options']).toBe('DENY');
    expect(Object.keys(document).filter((k) => !(k in consoleSet))).toEqual([]);
  });

  it('adds HSTS to every set when Rally is served over https', () => {
    const sets = securityHeaders('https://rally.example.org');
    for (const set of Object.values(sets)) expect(set['strict-transport-security']).toContain('max-age=');
  });
});
