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
    ['/staff/reset-password', false],
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

  it('adds HSTS to both sets when Rally is served over https', () => {
    const { data, document } = securityHeaders('https://rally.example.org');
    expect(data['strict-transport-security']).toContain('max-age=');
    expect(document['strict-transport-security']).toContain('max-age=');
  });
});
