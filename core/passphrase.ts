/**
 * The shortest passphrase a new or changed workspace passphrase may be: scrypt (db/encryption.ts)
 * slows each guess, length makes guessing hopeless. Shared by the contract, the CLI and the app.
 */
export const minimumPassphraseLength = 10;
