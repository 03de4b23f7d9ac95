import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe } from './validation';

class AddressDto {
  @IsString()
  @MaxLength(10)
  city!: string;
}

class PatientDto {
  @IsString()
  name!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  visits?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}

const body: ArgumentMetadata = { type: 'body', metatype: PatientDto };

/** What a pipe makes of a value: the converted value, or the error it throws. */
async function outcome(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata = body) {
  try {
    const result = await pipe.transform(value, metadata);
    return { result, type: result?.constructor?.name };
  } catch (err) {
    return { error: err instanceof DomainError ? { code: err.code, details: err.details } : String(err) };
  }
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  // Nest's own pipe with the same options: the JSON-body short way must answer as it does.
  const nest = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (pipe as unknown as { exceptionFactory: ValidationPipe['createExceptionFactory'] }).exceptionFactory,
  });

  it.each([
    ['a valid body', { name: '张三', visits: 2, address: { city: '杭州' } }],
    ['an unknown field', { name: '张三', nickname: 'x' }],
    ['a wrong type and a broken nested object', { name: 3, visits: -1, address: { city: 'x'.repeat(11), zip: '1' } }],
    ['a nested value of the wrong kind', { name: '张三', address: 'Hangzhou' }],
    ['a constructor key', JSON.parse('{"name":"张三","constructor":{"name":"x"}}')],
    ['an empty body', {}],
  ])('answers %s as Nest’s pipe does, with the DTO class', async (_, value) => {
    const ours = await outcome(pipe, structuredClone(value));
    expect(ours).toEqual(await outcome(nest, structuredClone(value)));
    if (!('error' in ours)) expect(ours.type).toBe('PatientDto');
  });

  it('leaves queries, params and values that are not plain objects to Nest’s pipe', async () => {
    for (const [value, metadata] of [
      [{ name: '张三' }, { type: 'query', metatype: PatientDto }],
      ['abc', { type: 'param', metatype: String, data: 'id' }],
      [[{ name: '张三' }], body],
      [undefined, body],
    ] as [unknown, ArgumentMetadata][]) {
      expect(await outcome(pipe, value, metadata)).toEqual(await outcome(nest, value, metadata));
    }
  });
});
