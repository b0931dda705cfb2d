import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Every error answer of the API (DomainExceptionFilter): a stable code, a sentence, and field-keyed messages on 422. */
export class ErrorResponse {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'validation_failed', description: 'Stable machine code: petition_not_open, slug_taken, ...' })
  error: string;
  @ApiProperty({ example: 'Invalid title' }) message: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { title: ['title must be longer than or equal to 3 characters'] },
    description: 'On 422: messages per field (dotted paths for nested fields)',
  })
  fields?: Record<string, string[]>;
  @ApiPropertyOptional({ description: 'On 500: the id of the logged error' }) errorId?: string;
}
