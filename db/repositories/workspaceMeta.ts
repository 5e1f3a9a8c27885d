import type { Db } from '../types';

export type WorkspaceMetaKey = 'id' | 'name' | 'created_at' | 'is_demo' | 'caller_ref_key' | 'recordings_folder' | 'backup_retention_days' | 'recordings_scan_pattern'
  | 'caller_country'
  | 'report_signing_p12'
  | 'report_signing_passphrase'
  | 'report_signing_certificate'
  | 'time_zone';

export function readWorkspaceMeta(db: Db): Partial<Record<WorkspaceMetaKey, string>> {
  const rows = db.prepare(`SELECT key, value FROM workspace_meta`).all() as Array<{ key: WorkspaceMetaKey; value: string }>;
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

export function writeWorkspaceMeta(db: Db, key: WorkspaceMetaKey, value: string): void {
  db.prepare(
    `INSERT INTO workspace_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(key, value);
}

export function deleteWorkspaceMeta(db: Db, key: WorkspaceMetaKey): void {
  db.prepare(`DELETE FROM workspace_meta WHERE key = ?`).run(key);
}
