import type { ArgumentMetadata, ValidationError } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from './domain.exception.js';

function collect(errors: ValidationError[], prefix = '', out: Record<string, string[]> = {}): Record<string, string[]> {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[field] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, field, out);
  }
  return out;
}

/** Fields (dotted paths) holding a string with a NUL character, which PostgreSQL text cannot store. */
function nulFields(value: unknown, prefix = '', out: Record<string, string[]> = {}): Record<string, string[]> {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out[prefix || 'body'] = [`${prefix || 'body'} must not contain NUL characters`];
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) nulFields(child, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

/** DTO whitelist, unknown fields rejected, NUL characters refused; failures answered 422 keyed by field. */
class RallyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.toValidate(metadata)) {
      const fields = nulFields(value);
      if (Object.keys(fields).length > 0) throw new InvalidInputError(fields);
    }
    return super.transform(value, metadata);
  }
}

/** The api's global pipe. */
export function createValidationPipe(): ValidationPipe {
  return new RallyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new InvalidInputError(collect(errors)),
  });
}
