/**
 * Address protection from the population register (Folkeregisteret): `strengt_fortrolig` (code 7,
 * "strengt fortrolig adresse") and `fortrolig` (code 6). A protected person's whereabouts — the units,
 * groups and staff around a protected child — must not reach anyone who does not share the
 * protection (SECURITY.md S32). `null` is no protection.
 */
export const ADDRESS_PROTECTIONS = ['strengt_fortrolig', 'fortrolig'] as const;
export type AddressProtection = (typeof ADDRESS_PROTECTIONS)[number];

/**
 * Whether a guardian may be shown a protected child's whereabouts: only when the child has no
 * protection, or the guardian shares it (lives at the same protected address, as the register marks
 * both). A stricter protection of the guardian covers a weaker one of the child.
 */
export function sharesAddressProtection(child: AddressProtection | null, guardian: AddressProtection | null): boolean {
  if (child === null) return true;
  if (guardian === null) return false;
  return child === guardian || guardian === 'strengt_fortrolig';
}
