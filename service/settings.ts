import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const settingsSchema = z.object({
  recent: z
    .array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() }))
    .default([]),
  lastWorkspace: z.string().nullable().default(null),
  /** Hours before a deadline at which the operating system is asked to show a notification. */
  alertThresholdsHours: z.array(z.number().int().min(0).max(720)).max(8).default([24, 6, 1, 0]),
  /** The person using this computer account, named in the change log beside the account. */
  profileName: z.string().nullable().default(null),
  /**
   * Per workspace id, the change-log entry up to which its chain was last found intact on this
   * computer: opening checks from there (kept outside the workspace, so rewriting the file cannot
   * move it).
   */
  verifiedChains: z.record(z.string(), z.object({ id: z.number().int(), hash: z.string() })).default({}),
});
export type Settings = z.infer<typeof settingsSchema>;

const maxRecent = 10;

/** The app's own settings (recent workspaces, the last one open), kept beside the workspaces. */
export class SettingsStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  read(): Settings {
    if (!existsSync(this.file)) return settingsSchema.parse({});
    try {
      return settingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged settings file only costs the recent list; workspaces live elsewhere.
      return settingsSchema.parse({});
    }
  }

  rememberOpened(path: string, name: string, openedAt: string): void {
    const settings = this.read();
    const recent = [{ path, name, openedAt }, ...settings.recent.filter((entry) => entry.path !== path)].slice(0, maxRecent);
    this.write({ ...settings, recent, lastWorkspace: path });
  }

  forgetLast(): void {
    this.write({ ...this.read(), lastWorkspace: null });
  }

  rememberVerifiedChain(workspaceId: string, head: { id: number; hash: string }): void {
    const settings = this.read();
    this.write({ ...settings, verifiedChains: { ...settings.verifiedChains, [workspaceId]: head } });
  }

  forgetVerifiedChain(workspaceId: string): void {
    const settings = this.read();
    const { [workspaceId]: _forgotten, ...others } = settings.verifiedChains;
    this.write({ ...settings, verifiedChains: others });
  }

  setProfileName(name: string | null): void {
    this.write({ ...this.read(), profileName: name });
  }

  setAlertThresholds(hours: number[]): void {
    this.write({ ...this.read(), alertThresholdsHours: hours });
  }

  /** Writes to a temporary file and renames it, so a crash never leaves half a settings file. */
  private write(settings: Settings): void {
    settings = settingsSchema.parse(settings);
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(settings, null, 2));
    renameSync(temporary, this.file);
  }
}
