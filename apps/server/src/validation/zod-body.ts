import { applyDecorators, Body, Query, UsePipes, type PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z, type ZodType } from 'zod';
import { ValidationError, type FieldIssue } from '#contracts';

/** Validates with a zod schema and reports every failing field, not just the first. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: ZodType<T>,
    private readonly what = 'request body',
  ) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const errors: FieldIssue[] = result.error.issues.flatMap((issue) => {
      const base = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'is not a known field' }));
      }
      return [{ path: base.join('.') || '(root)', message: issue.message }];
    });
    throw new ValidationError(`The ${this.what} is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'})`, errors);
  }
}

/** `@ValidBody(schema)`: validated body parameter plus its OpenAPI schema. */
export function ValidBody<T>(schema: ZodType<T>): ParameterDecorator {
  return Body(new ZodPipe(schema));
}

export function ValidQuery<T>(schema: ZodType<T>): ParameterDecorator {
  return Query(new ZodPipe(schema, 'query string'));
}

/** Documents a zod body schema in OpenAPI. */
export function ApiZodBody(schema: ZodType<unknown>): MethodDecorator {
  return applyDecorators(ApiBody({ schema: z.toJSONSchema(schema, { io: 'input' }) as object }));
}

export { UsePipes };
