import { ValidateBy, ValidationOptions } from 'class-validator';
import { EARLIEST_YEAR, isValidPartialDate, latestToday } from '../archive-profile';

/** A whole year from 1900 up to the current year (checked at request time, in the time zone furthest ahead). */
export function IsPastYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPastYear',
      validator: {
        validate: (value: unknown) =>
          Number.isInteger(value) && (value as number) >= EARLIEST_YEAR && (value as number) <= Number(latestToday().slice(0, 4)),
        defaultMessage: (args) => `${args?.property} must be a year from ${EARLIEST_YEAR} to the current year`,
      },
    },
    options,
  );
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real date from 1900 on. */
export function IsPartialDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPartialDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidPartialDate(value),
        defaultMessage: (args) => `${args?.property} must be a date as YYYY, YYYY-MM or YYYY-MM-DD from ${EARLIEST_YEAR} on`,
      },
    },
    options,
  );
}
