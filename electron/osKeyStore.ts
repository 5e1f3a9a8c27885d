import { safeStorage } from 'electron';
import type { OsKeyStore } from '../service/osHeldKeys';

/**
 * The OS secret store through Electron's safeStorage, asynchronous API (the synchronous one is
 * deprecated in Electron 45 and removed in 46): macOS Keychain, Windows DPAPI, a Linux secret
 * service. On Linux without one, safeStorage falls back to `basic_text`, a hard-coded password
 * that protects nothing: the store then says it is not available, and the app asks for a passphrase.
 */
export function electronOsKeyStore(): OsKeyStore {
  return {
    async status() {
      const available = await safeStorage.isAsyncEncryptionAvailable();
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : process.platform === 'win32' ? 'dpapi' : process.platform;
      return { available: available && backend !== 'basic_text' && backend !== 'unknown', backend };
    },
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    async decrypt(wrapped) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(wrapped);
      return { text: result, shouldReEncrypt };
    },
  };
}
