import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule, createHttpApp, parseConfig } from '#rally/core';
import { ConsoleModule } from '../../apps/api/src/console/console.module.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { captureLogLines } from '../support/log-lines.js';

const INDEX = '<!doctype html><title>Rally</title><script type="module" src="/console/assets/app-abc123.js"></script>';
const SCRIPT = 'document.title = "Rally console";';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** A console directory as `npm run build:console` leaves it, in miniature. */
function fixtureConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rally-console-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
  return dir;
}

describe('the api serves the built console under /console/', () => {
  let rally: RallyHarness;
  let dir: string;
  beforeAll(async () => {
    dir = fixtureConsole();
    rally = await startRally({ worker: false, consoleDir: dir });
  });
  afterAll(async () => {
    await rally.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, init?: RequestInit) => fetch(`${rally.baseUrl}${path}`, { redirect: 'manual', ...init });
  // fetch() normalises dot segments and adds cache-control: no-cache to conditional requests; a browser revalidating
  // a cached page, or a scanner, sends neither. node:http sends the path and headers as given.
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(rally.baseUrl);
      const req = request({ hostname, port, path, headers }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode as number, body }));
      });
      req.on('error', reject).end();
    });

  it('caches hashed assets for a year, immutable', async () => {
    const res = await get('/console/assets/app-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe(SCRIPT);
  });

  it.each([
    '/console',
    '/console/',
    '/console/index.html',
    '/console/petitions/123',
    '/console/reset-password?lang=fr',
  ])('answers %s with index.html, revalidated on every load', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  it('answers 304 to a revalidation of an unchanged index.html', async () => {
    const etag = (await get('/console/petitions')).headers.get('etag') as string;
    expect(etag).toBeTruthy();
    expect(await raw('/console/campaigns', { 'if-none-match': etag })).toEqual({ status: 304, body: '' });
  });

  it('serves other files of the console as they are, but nothing under a dot-name', async () => {
    const icon = await get('/console/favicon.svg');
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    expect(await (await get('/console/.vite/manifest.json')).text()).toBe(INDEX);
    for (const path of [
      '/console/../package.json',
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/..%2f..%2fpackage.json',
    ])
      expect((await raw(path)).body).not.toContain('"name"');
  });

  it('answers 404 for a missing asset instead of the page', async () => {
    const res = await get('/console/assets/gone-999.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<!doctype html>');
    for (const path of ['/console/assets/../index.html', '/console/assets/%2e%2e/index.html'])
      expect(await raw(path)).not.toEqual({ status: 200, body: INDEX });
  });

  it('answers HEAD like GET, without a body', async () => {
    for (const path of ['/console/assets/app-abc123.js', '/console/petitions/123']) {
      const res = await get(path, { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
    expect((await get('/console/assets/gone-999.js', { method: 'HEAD' })).status).toBe(404);
  });

  it('keeps the JSON 404 of the API and of unknown paths outside the console', async () => {
    for (const path of ['/api/nope', '/consoles']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('sends the console policy: same-origin scripts and requests, never framed, no referrer', async () => {
    for (const path of ['/console/invitation', '/console/assets/app-abc123.js']) {
      const res = await get(path);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // The public pages keep their own policy.
    expect((await get('/api/docs')).headers.get('content-security-policy')).not.toBe(CSP);
  });
});

describe('the api without a built console', () => {
  let app: NestFastifyApplication;
  let base: string;
  const { lines, destination } = captureLogLines();
  const missing = join(tmpdir(), 'rally-console-never-built');

  beforeAll(async () => {
    const config = parseConfig({ LOG_LEVEL: 'warn' });
    @Module({ imports: [ConfigModule.forRoot(config), ConsoleModule.forRoot({ directory: missing })] })
    class ConsoleOnlyModule {}
    app = await createHttpApp(ConsoleOnlyModule, config, { logDestination: destination });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('boots, warns once, and answers 503 saying how to build it', async () => {
    for (const path of ['/console', '/console/petitions/123', '/console/assets/app-abc123.js']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await fetch(`${base}/console`, { method: 'HEAD' })).status).toBe(503);
    expect(lines.filter((l) => l.level === 40)).toEqual([
      expect.objectContaining({ msg: expect.stringContaining('console not built'), directory: missing }),
    ]);
  });
});
