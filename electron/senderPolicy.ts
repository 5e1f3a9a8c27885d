/** The origin the app's own pages are served from (custom protocol, see main.ts). */
export const appScheme = 'app';
export const appHost = 'workbench';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** True only for a frame showing the app's own page; IPC from anything else is refused. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/** Resolves a request path under the renderer folder, refusing anything that would leave it. */
export function resolveAppFile(rendererDir: string, requestUrl: string, join: (...parts: string[]) => string): string | null {
  const { pathname, host, protocol } = new URL(requestUrl);
  if (protocol !== `${appScheme}:` || host !== appHost) return null;
  const segments = decodeURIComponent(pathname).split('/').filter(Boolean);
  if (segments.some((segment) => segment === '..' || segment.includes('\\') || segment.includes('\0'))) return null;
  return join(rendererDir, ...(segments.length ? segments : ['index.html']));
}
