/**
 * The path to come back to after signing in, or `/` when the value could lead anywhere else:
 * only a same-origin path is accepted (no `//host`, no `/\host`), and never the sign-in page
 * itself or an API route, so the round trip through the identity provider cannot be turned into
 * an open redirect or a loop.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  if (value.startsWith('//') || value.startsWith('/\\')) return '/';
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) return '/';
  const path = value.split(/[?#]/, 1)[0];
  if (path === '/sign-in' || path.startsWith('/sign-in/') || path === '/api' || path.startsWith('/api/')) return '/';
  return value;
}
