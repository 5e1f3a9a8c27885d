import type { Command } from '../command';
import { assessCommand } from './assess';
import { backupCommand } from './backup';
import { backupListCommand } from './backupList';
import { certificateExportCommand } from './certificateExport';
import { certificateImportCommand } from './certificateImport';
import { deadlinesCommand } from './deadlines';
import { demoCommand } from './demo';
import { recordingsDisposeCommand } from './recordingsDispose';
import { recordingsFolderCommand } from './recordingsFolder';
import { recordingsImportCdrCommand } from './recordingsImportCdr';
import { recordingsImportCsvCommand } from './recordingsImportCsv';
import { recordingsScanCommand } from './recordingsScan';
import { recordingsSweepCommand } from './recordingsSweep';
import { recordingsTicketsCommand } from './recordingsTickets';
import { registerExportCommand } from './registerExport';
import { registerImportCommand } from './registerImport';
import { reportCommand } from './report';
import { restoreCommand } from './restore';
import { verifyCommand } from './verify';
import { webCommand } from './web';
import { workspaceCheckCommand } from './workspaceCheck';
import { workspaceEncryptCommand } from './workspaceEncrypt';
import { workspacePassphraseCommand } from './workspacePassphrase';

/** Every command, in the order the help lists them. */
export const commands: readonly Command[] = [
  demoCommand,
  registerImportCommand,
  registerExportCommand,
  deadlinesCommand,
  assessCommand,
  recordingsImportCdrCommand,
  recordingsImportCsvCommand,
  recordingsDisposeCommand,
  recordingsFolderCommand,
  recordingsScanCommand,
  recordingsTicketsCommand,
  recordingsSweepCommand,
  certificateImportCommand,
  certificateExportCommand,
  backupCommand,
  backupListCommand,
  restoreCommand,
  workspaceEncryptCommand,
  workspacePassphraseCommand,
  workspaceCheckCommand,
  reportCommand,
  verifyCommand,
  webCommand,
];
