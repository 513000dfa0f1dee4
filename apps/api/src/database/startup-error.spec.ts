import { describeStartupError } from './startup-error';

describe('describeStartupError', () => {
  it('tells the operator how to run a migration that must change the sealed audit table', () => {
    const error = Object.assign(new Error('must be owner of table audit_event'), { code: '42501' });
    expect(describeStartupError(error)).toBe(
      'a migration needs to change audit_event, which is sealed (must be owner of table audit_event): GRANT stafett_audit TO the migration login for the run, then seal it again with tools/seal-audit.mjs',
    );
    const other = Object.assign(new Error('permission denied for table municipality'), { code: '42501' });
    expect(describeStartupError(other)).toBe('start-up failed: permission denied for table municipality');
  });

  it('names the lock timeout when a migration waited too long for a lock', () => {
    const error = Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
    expect(describeStartupError(error)).toMatch(/^a migration waited longer than DATABASE_LOCK_TIMEOUT_MS for a lock/);
  });
});
