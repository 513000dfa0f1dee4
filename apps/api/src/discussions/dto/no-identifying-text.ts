import { findIdentifyingText } from '@stafett/domain';
import type { IdentifyingFinding } from '@stafett/domain';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const EXPLANATION: Record<IdentifyingFinding, string> = {
  identity_number: 'looks like an identity number; remove it, an anonymous discussion must not identify the child',
  date: 'looks like a date; describe age as an age band instead',
};

/** Free text of an anonymous discussion: no identity numbers and no dates (a birth date identifies). */
export function NoIdentifyingText(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'noIdentifyingText',
      target: target.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) =>
          findIdentifyingText(String(args.value))
            .map((finding) => `${args.property} ${EXPLANATION[finding]}`)
            .join('. '),
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value !== 'string' || findIdentifyingText(value).length === 0 },
    });
}
