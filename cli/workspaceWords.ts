/** A file's size in words. */
export const sizeText = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A change log's newest entry in words. */
export const headText = (head: { id: number; hash: string } | null) => (head ? `entry ${head.id}, chain head ${head.hash}` : 'no chain (an empty log, or a version before the chain)');
