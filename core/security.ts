/**
 * The Content-Security-Policy of every window and page: only the app's own files, no remote
 * origins, no eval, no plugins, no framing. Styles allow inline attributes because React's
 * style props set them; scripts do not.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
