import type { RallyHarness } from '../support/rally-harness.js';
import { queueBackendOf, startRally } from '../support/rally-harness.js';

describe('platform over HTTP', () => {
  let rally: RallyHarness;
  beforeAll(async () => {
    rally = await startRally();
  });
  afterAll(() => rally.close());

  it('reports live and ready with the database and the queue backend reachable', async () => {
    expect((await fetch(`${rally.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${rally.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok', queue: 'ok', queueBackend: queueBackendOf() });
  });

  it('serves OpenAPI docs', async () => {
    const res = await fetch(`${rally.baseUrl}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { info: { title: string } }).info.title).toBe('Rally API');
  });

  it('answers unknown routes 404 with a request id and security headers', async () => {
    const res = await fetch(`${rally.baseUrl}/no-such-route`, { headers: { 'x-request-id': 'trace-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('gives JSON the data header set (nothing may load or frame it) and pages the document set', async () => {
    const json = await fetch(`${rally.baseUrl}/health/live`);
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    expect(json.headers.get('x-frame-options')).toBe('DENY');
    const docs = await fetch(`${rally.baseUrl}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docs.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('does not mount the local mailbox when an SMTP relay is configured', async () => {
    expect((await fetch(`${rally.baseUrl}/dev/mailbox`)).status).toBe(404);
  });
});
