import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { expect, test } from '../support/app';
import { cdrLine } from '../support/cdr';
import { screenshotsDir as screenshots } from '../support/screenshots';
import { builtCli } from '../support/workspace';

/**
 * Recording files end to end in Chromium through browser mode: set the folder, scan it, play a
 * generated one-second WAV through the media route, and see the playback in the access log.
 */
/** A valid one-second PCM WAV: 8 kHz, 16-bit, mono, a 440 Hz tone. */
function oneSecondWav(): Buffer {
  const rate = 8000;
  const samples = rate;
  const data = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index += 1) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * index) / rate) * 8000), index * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('recording files in Chromium through browser mode', () => {
  test('sets the folder, scans it, plays a recording and shows the playback in the access log', async ({ start }) => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8' });
    const folder = (scratch: string) => join(scratch, 'monitor');
    // The demo with two calls, and their recordings folder, made by the CLI before the service starts.
    const callsWorkspace = (scratch: string) => {
      const workspace = join(scratch, 'calls.pwb');
      expect(cli('demo', workspace).status).toBe(0);
      const cdr = join(scratch, 'Master.csv');
      writeFileSync(
        cdr,
        [
          cdrLine({ start: '2026-03-27 09:15:00', uniqueid: '1774599300.1', userfield: 'T-100', columns: 18 }),
          cdrLine({ start: '2026-03-27 09:20:00', uniqueid: '1774599600.2', userfield: 'T-101', columns: 18 }),
        ].join('\n'),
      );
      expect(cli('recordings', 'import-cdr', cdr, '--zone', 'Europe/Paris', '--workspace', workspace).status).toBe(0);
      mkdirSync(join(folder(scratch), '2026'), { recursive: true });
      writeFileSync(join(folder(scratch), '2026', 'in-200-33612345678-20260327-091500-1774599300.1.wav'), oneSecondWav());
      writeFileSync(join(folder(scratch), 'unknown-call.wav'), oneSecondWav());
      writeFileSync(join(folder(scratch), 'readme.txt'), 'not audio');
      return workspace;
    };
    const workbench = await start({ workspace: callsWorkspace });
    const page = await workbench.openPage({ viewport: { width: 1360, height: 1500 } });
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('button', { name: /^Recordings/ }).click();
    await page.getByRole('heading', { name: 'Call recordings' }).waitFor();
    await page.getByRole('tab', { name: 'Files and settings' }).click();

    // A relative folder is refused beside its field; then the real one is saved.
    const folderField = page.getByLabel('Recordings folder (full path)');
    await folderField.fill('monitor');
    await page.getByRole('button', { name: 'Save folder settings' }).click();
    // Refused by the service beside the folder, with the days typed wrong beside theirs; nothing is kept.
    await expect.poll(() => folderField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await folderField.getAttribute('aria-describedby')}`).textContent()).toMatch(/full path/);
    expect((await workbench.client.getRecordingSettings()).folder).toBeNull();
    const days = page.getByLabel('Backups keep a deleted file for (days)');
    await days.fill('two weeks');
    await page.getByRole('button', { name: 'Save folder settings' }).click();
    await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await days.getAttribute('aria-describedby')}`).textContent()).toBe('give a whole number of days');
    await days.fill('30');
    await folderField.fill(folder(workbench.scratch));
    await page.getByRole('button', { name: 'Save folder settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await workbench.client.getRecordingSettings()).toMatchObject({ folder: folder(workbench.scratch), backupRetentionDays: 30 });

    // A pattern the scan cannot read is refused beside it, and not saved.
    const pattern = page.getByLabel('File-name pattern (optional, saved with the workspace)');
    await pattern.fill('call-{caller}.wav');
    await page.getByRole('button', { name: 'Scan folder' }).click();
    await expect.poll(() => pattern.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await pattern.getAttribute('aria-describedby')}"]`).textContent()).toBe(
      '{caller} is not a token; use {uniqueid}, {src}, {dst}, {date:YYYYMMDD}, {time:HHMMSS} or {*}',
    );
    expect((await workbench.client.listRecordingFiles()).savedPattern ?? null).toBeNull();
    await pattern.fill('');
    await page.getByRole('button', { name: 'Scan folder' }).click();
    const result = page.getByRole('status', { name: 'Scan result' });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Scanned 2 audio files: 1 newly matched, 0 already known, 1 unmatched; 1 other file ignored/);
    const matched = page.getByRole('region', { name: 'Matched files' });
    await matched.getByText('2026/in-200-33612345678-20260327-091500-1774599300.1.wav').waitFor();

    await matched.getByRole('button', { name: 'Play recording 1774599300.1' }).click();
    const audio = page.locator('audio');
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await audio.evaluate((element: HTMLAudioElement) => element.duration)).toBeCloseTo(1, 2);
    expect(await audio.evaluate((element: HTMLAudioElement) => element.currentSrc)).toMatch(/\/media\/recordings\/\d+$/);
    const log = page.getByRole('table', { name: 'Access log' });
    await log.waitFor();
    await expect.poll(() => log.locator('tbody tr').first().textContent()).toMatch(/Served/);

    // Ticket states from a CSV: the ticket of the played call is closed.
    const tickets = join(workbench.scratch, 'tickets.csv');
    writeFileSync(tickets, 'ticket,state,closed_at\nT-100,closed,2026-04-01T10:00:00Z\n');
    await page.getByLabel('Import ticket states (CSV)').setInputFiles(tickets);
    await expect.poll(() => page.getByRole('region', { name: 'Ticket states' }).getByRole('status').textContent()).toMatch(/Updated 1 ticket; 1 recording changed/);
    await page.screenshot({ path: join(screenshots, 'recordings-files.png'), fullPage: true });
    expect(workbench.problems).toEqual([]);
  });
});
