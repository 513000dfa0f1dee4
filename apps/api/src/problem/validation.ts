import { BadRequestException, PayloadTooLargeException, UnprocessableEntityException, ValidationError } from '@nestjs/common';

/** Flattens class-validator's nested errors to `a.b[0].c` field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Array<{ field: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Thrown by the global ValidationPipe; the problem filter turns it into a 400 listing the fields. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldErrors: Array<{ field: string; messages: string[] }>) {
    super('The request has invalid fields');
  }
}

/** A request with more of something than the API takes (e.g. items in an array): 413 naming where. */
export class RequestTooLargeException extends PayloadTooLargeException {
  constructor(readonly fieldErrors: Array<{ field: string; messages: string[] }>) {
    super('The request has more items than allowed');
  }
}

/** Well-formed but not doable as sent (an Idempotency-Key reused for another request): 422 naming the field. */
export class UnprocessableFieldException extends UnprocessableEntityException {
  constructor(
    readonly fieldErrors: Array<{ field: string; messages: string[]; line?: number }>,
    detail: string,
  ) {
    super(detail);
  }
}

export function validationExceptionFactory(errors: ValidationError[]): RequestValidationException {
  return new RequestValidationException(flattenValidationErrors(errors));
}

/** A 400 naming one field: how a service refuses input that breaks a rule it checks itself. */
export const fieldError = (field: string, message: string): RequestValidationException =>
  new RequestValidationException([{ field, messages: [message] }]);
