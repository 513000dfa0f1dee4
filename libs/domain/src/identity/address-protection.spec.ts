import { sharesAddressProtection } from './address-protection';

describe('sharesAddressProtection', () => {
  it('shows an unprotected child’s whereabouts to every guardian', () => {
    expect(sharesAddressProtection(null, null)).toBe(true);
    expect(sharesAddressProtection(null, 'fortrolig')).toBe(true);
  });

  it('hides a protected child’s whereabouts from a guardian without protection', () => {
    expect(sharesAddressProtection('fortrolig', null)).toBe(false);
    expect(sharesAddressProtection('strengt_fortrolig', null)).toBe(false);
  });

  it('shows them to a guardian with the same or a stricter protection, not a weaker one', () => {
    expect(sharesAddressProtection('fortrolig', 'fortrolig')).toBe(true);
    expect(sharesAddressProtection('strengt_fortrolig', 'strengt_fortrolig')).toBe(true);
    expect(sharesAddressProtection('fortrolig', 'strengt_fortrolig')).toBe(true);
    expect(sharesAddressProtection('strengt_fortrolig', 'fortrolig')).toBe(false);
  });
});
