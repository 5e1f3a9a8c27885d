import type { CliIo } from './command';

/** A call import's counts and rejected lines: JSON (exactly these four keys), or sentences. */
export function printImportResult(result: { imported: number; duplicates: number; skipped: number; rejected: Array<{ line: number; reason: string }> }, json: boolean, io: CliIo): void {
  const { imported, duplicates, skipped, rejected } = result;
  if (json) {
    io.out(`${JSON.stringify({ imported, duplicates, skipped, rejected }, null, 2)}\n`);
    return;
  }
  io.out(`Imported ${imported}, duplicates ${duplicates}, skipped ${skipped} (no recording), rejected ${rejected.length}.\n`);
  for (const entry of rejected.slice(0, 50)) io.out(`  line ${entry.line}: ${entry.reason}\n`);
  if (rejected.length > 50) io.out(`  … and ${rejected.length - 50} more (use --json for all)\n`);
}
