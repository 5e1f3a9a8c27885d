/**
 * The Content-Security-Policy of every window and page: only the app's own files, no remote
 * origins, no eval, no inline scripts or styles, no plugins, no framing. (React's style props
 * go through the CSSOM, which style-src does not restrict.) Media come from the app's own origin
 * (browser mode's /media/recordings/<id>) or the desktop app's recordings scheme, nothing else.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // scripts/build.mjs copies these literals into the page's meta tag: keep them plain strings.
  "media-src 'self' pw-media://recordings",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
