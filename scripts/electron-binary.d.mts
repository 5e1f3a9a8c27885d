export const electronPackageDir: string;
/** The executable's path inside an Electron dist folder, per platform. */
export function executableInDist(platform?: NodeJS.Platform): string;
interface Where {
  packageDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}
/** Path of the Electron executable, or null when it is not on this machine. Never downloads. */
export function findElectronBinary(where?: Where): string | null;
/** The installed electron package's version. */
export function electronVersion(packageDir?: string): string;
/** The Node module ABI its native addons must register, or null when the package does not say. */
export function electronModuleAbi(packageDir?: string): string | null;
/** The binary, found or downloaded by the package's installer, or why not. */
export function ensureElectronBinary(
  options?: Where & { timeoutMs?: number; log?: (line: string) => void },
): { binary: string; downloaded: boolean } | { binary: null; reason: string };
