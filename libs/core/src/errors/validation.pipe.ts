import type { ArgumentMetadata, ValidationError } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from './domain.exception.js';
import { unstorableTextFields } from '../http/unstorable-text.js';

function collect(errors: ValidationError[], prefix = '', out: Record<string, string[]> = {}): Record<string, string[]> {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[field] = Object.values(e.constraints);
    if (e.children?.length) collect(e.children, field, out);
  }
  return out;
}

/** DTO whitelist, unknown fields rejected, unstorable text in queries and params refused (JSON bodies: at parsing); 422 keyed by field. */
class RallyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.toValidate(metadata)) {
      // JSON bodies are checked once, at parsing (jsonBodyParser); this covers queries and path parameters.
      const fields = metadata.type === 'body' ? {} : unstorableTextFields(value);
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
