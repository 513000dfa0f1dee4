import { checkNationalId } from '@stafett/domain';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** An 11-digit Norwegian identity number (fødselsnummer or D-number) with both check digits valid. */
export function IsNationalId(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNationalId',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a valid national identity number (11 digits, valid check digits)`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && checkNationalId(value).valid },
    });
}
