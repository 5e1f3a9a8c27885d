import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'Privacy Workbench';

/**
 * The folder Electron's app.getPath('userData') names for this product, computed without
 * Electron so the CLI and browser mode find the same settings and demo workspace as the app.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName);
}
