import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const productName = 'Privacy Workbench';

/**
 * The folder Electron's app.getPath('userData') names for this product, computed without
 * Electron so the CLI and browser mode find the same settings and demo workspace as the app.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  // The XDG Base Directory spec: a relative (or empty) XDG_CONFIG_HOME is invalid and ignored, as Chromium does.
  const config = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(config, productName);
}
