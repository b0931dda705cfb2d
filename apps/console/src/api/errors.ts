import type { Schemas } from './client';

/** An API answer that was not a success: its status, stable code, sentence and (on 422) messages by field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }

  get forbidden(): boolean {
    return this.status === 403;
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer, or an ApiError built from the error body. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as Partial<Schemas['ErrorResponse']>;
  throw new ApiError(
    response.status,
    body.error ?? 'http_error',
    body.message ?? response.statusText,
    body.fields ?? {},
  );
}

/** The messages of one field (dotted path) of an ApiError, joined for a form input's `error`. */
export const fieldError = (error: unknown, field: string): string | undefined =>
  error instanceof ApiError ? error.fields[field]?.join(' ') : undefined;
