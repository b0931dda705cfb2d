import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, onSessionExpired, setCsrfToken } from './client';
import { ApiError, fieldError, unwrap } from './errors';

const answer = (status: number, body: unknown = {}): Response =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** The requests the client made, answered in turn with `replies`. */
function serve(...replies: Response[]): Request[] {
  const seen: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      seen.push(request);
      return replies.shift() ?? answer(500);
    }),
  );
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('the API client', () => {
  it('sends the CSRF token on changes only, never on reads', async () => {
    const seen = serve(answer(200, { items: [], total: 0, limit: 20, offset: 0 }), answer(204));
    setCsrfToken('csrf-123');
    await api.GET('/api/orgs/{orgSlug}/campaigns', { params: { path: { orgSlug: 'demo' } } });
    await api.DELETE('/api/orgs/{orgSlug}/members/{memberId}', {
      params: { path: { orgSlug: 'demo', memberId: 'm-1' } },
    });
    expect(seen.map((r) => [r.method, r.headers.get('x-csrf-token')])).toEqual([
      ['GET', null],
      ['DELETE', 'csrf-123'],
    ]);
  });

  it('reports an ended session on a 401 from a staff route, but not from sign-in or the session check', async () => {
    const ended = vi.fn();
    const stop = onSessionExpired(ended);
    serve(answer(401), answer(401), answer(401));
    await api.POST('/api/auth/login', { body: { email: 'a@example.org', password: 'wrong password!' } });
    await api.GET('/api/auth/session');
    expect(ended).not.toHaveBeenCalled();
    await api.GET('/api/orgs/{orgSlug}/me', { params: { path: { orgSlug: 'demo' } } });
    expect(ended).toHaveBeenCalledTimes(1);
    stop();
  });

  it('turns an error answer into an ApiError with its code and the messages of each field', async () => {
    serve(
      answer(422, {
        statusCode: 422,
        error: 'invalid_input',
        message: 'Some fields are not valid',
        fields: { slug: ['slug must be lower-case letters, digits and single dashes'] },
      }),
    );
    const call = unwrap(
      api.POST('/api/orgs/{orgSlug}/campaigns', { params: { path: { orgSlug: 'demo' } }, body: { name: '' } }),
    );
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_input' });
    expect(fieldError(error, 'slug')).toBe('slug must be lower-case letters, digits and single dashes');
    expect(fieldError(error, 'title')).toBeUndefined();
  });
});
