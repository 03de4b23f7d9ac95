import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidatorOptions } from 'class-validator';
import { DomainError, ErrorDetail } from '../errors/domain-error';
import { cacheValidationMetadata } from './validation-metadata-cache';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      code: code === 'whitelistValidation' ? 'unknownField' : code,
      message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Nest's ValidationPipe, with a short way for JSON request bodies. The pipe prepares any value for
 * class-transformer and class-validator: it closes gaps in sparse arrays, strips `__proto__` and
 * `constructor` keys, and looks for binary values nested in it, walking the whole value each time
 * (with its option spreads and awaits, 2 % of the API's CPU on `POST /clients`). A body our JSON
 * parser made has none of these: JSON has no gaps or binary values, the parser refuses `__proto__`,
 * and class-transformer leaves `constructor` keys out. So a plain object body for a DTO class is
 * converted and validated directly, with the same options and errors; anything else (queries,
 * params, custom decorators, primitives) takes Nest's way.
 */
class JsonBodyValidationPipe extends ValidationPipe {
  private bodyValidatorOptions?: ValidatorOptions;

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metadata.type !== 'body' || !metatype || !isPlainObject(value) || !this.toValidate(metadata)) {
      return super.transform(value, metadata);
    }
    // As Nest's pipe: an error's target (the whole object) is never repeated in each error.
    this.bodyValidatorOptions ??= {
      ...this.validatorOptions,
      validationError: { target: false, ...this.validatorOptions.validationError },
    };
    const entity = plainToInstance(metatype, value, this.transformOptions) as object;
    const errors = await validate(entity, this.bodyValidatorOptions);
    if (errors.length > 0) throw await this.exceptionFactory(errors);
    return entity;
  }
}

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Global validation: unknown fields are refused, payloads converted to their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new JsonBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', flatten(errors)),
  });
}
