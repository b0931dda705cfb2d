import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { IsEmail, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConflictError, createHttpApp, NotFoundError, parseConfig, Public, RateLimitedError } from '#rally/core';

class SampleDto {
  @IsString() @MaxLength(20) name: string;
  @IsEmail() email: string;
  @IsInt() @Min(1) @Max(10) size: number;
}

/** A throwaway controller exercising the platform's one error mapping; real features have their own e2e tests. */
@Public()
@Controller('sample')
class SampleController {
  @Post() create(@Body() body: SampleDto): SampleDto {
    return body;
  }
  /** No DTO: only the body parser stands between this route and whatever the client sent. */
  @Post('raw') raw(@Body() body: unknown): unknown {
    return body;
  }
  @Get('missing/:id') missing(@Param('id') _id: string): never {
    throw new NotFoundError('Petition');
  }
  @Get('conflict') conflict(): never {
    throw new ConflictError('already_signed', 'Already signed');
  }
  @Get('limited') limited(): never {
    throw new RateLimitedError(12.2);
  }
  @Get('boom') boom(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [SampleController] })
class SampleModule {}

describe('HTTP error mapping', () => {
  let app: NestFastifyApplication;
  let base: string;
  beforeAll(async () => {
    app = await createHttpApp(SampleModule, parseConfig({ LOG_LEVEL: 'silent' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  const post = (body: string, type = 'application/json'): Promise<Response> =>
    fetch(`${base}/sample`, { method: 'POST', headers: { 'content-type': type }, body });

  it('accepts valid input', async () => {
    const res = await post(JSON.stringify({ name: 'Amina', email: 'a@example.org', size: 3 }));
    expect(res.status).toBe(201);
  });

  it('answers 422 with messages keyed by each invalid field', async () => {
    const res = await post(JSON.stringify({ name: 'x'.repeat(30), email: 'nope', size: 99 }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; fields: Record<string, string[]> };
    expect(body.error).toBe('validation_failed');
    expect(Object.keys(body.fields).sort()).toEqual(['email', 'name', 'size']);
  });

  it('rejects unknown fields by name', async () => {
    const res = await post(JSON.stringify({ name: 'A', email: 'a@example.org', size: 1, isAdmin: true }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { fields: Record<string, string[]> }).fields).toHaveProperty('isAdmin');
  });

  it('answers 422 naming a field that holds a NUL character (PostgreSQL cannot store one), not a 500 later', async () => {
    const res = await post(JSON.stringify({ name: 'Am\u0000ina', email: 'a@example.org', size: 3 }));
    expect(res.status).toBe(422);
    expect(Object.keys(((await res.json()) as { fields: Record<string, string[]> }).fields)).toEqual(['name']);
  });

  it('refuses NUL and lone surrogates at parsing, so a route without a DTO is covered too', async () => {
    for (const bad of ['\u0000', '\uD800', '\uDFFF']) {
      const res = await fetch(`${base}/sample/raw`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ok: 'fine', list: ['a', `b${bad}`] }),
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { fields: Record<string, string[]> }).fields).toEqual({
        'list.1': ['list.1 must not contain NUL characters or unpaired UTF-16 surrogates'],
      });
    }
    const emoji = await fetch(`${base}/sample/raw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"\\ud83c\\udf3b"}',
    });
    expect(await emoji.json()).toEqual({ name: '🌻' });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await post('{"name":');
    expect(res.status).toBe(400);
  });

  it('maps domain exceptions: 404, 409, 429 with Retry-After', async () => {
    expect((await fetch(`${base}/sample/missing/1`)).status).toBe(404);
    const conflict = await fetch(`${base}/sample/conflict`);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: string }).error).toBe('already_signed');
    const limited = await fetch(`${base}/sample/limited`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('13');
  });

  it('hides unknown errors behind a 500 with an error id and no stack or message', async () => {
    const res = await fetch(`${base}/sample/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('at ');
    expect((JSON.parse(text) as { errorId: string }).errorId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
