/** Path of the Electron executable, or null when it is not on this machine. */
export function findElectronBinary(): string | null;
/** The installed electron package's version. */
export function electronVersion(): string;
