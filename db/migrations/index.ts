import type { Db } from '../types';
import { up as initial } from './010-initial';
import { up as completenessFields } from './020-completeness-fields';
import { up as icoColumnsRetentionRules } from './030-ico-columns-retention-rules';
import { up as subProcessors } from './040-sub-processors';
import { up as processorRecordContact } from './050-processor-record-contact';
import { up as vocabularyTerms } from './060-vocabulary-terms';
import { up as incidents } from './070-incidents';
import { up as alerts } from './080-alerts';
import { up as ruleOverrides } from './090-rule-overrides';
import { up as controllerDetails } from './100-controller-details';
import { up as recordings } from './110-recordings';
import { up as holdsDisposal } from './120-holds-disposal';
import { up as sweepBuckets } from './130-sweep-buckets';
import { up as csvMappings } from './140-csv-mappings';
import { up as recordingAccess } from './150-recording-access';
import { up as recordingRegisterIndexes } from './160-recording-register-indexes';
import { up as disposalIntents } from './170-disposal-intents';
import { up as changeLogChain } from './180-change-log-chain';
import { up as incidentEstablishment } from './190-incident-establishment';
import { up as incidentSmallAgent } from './200-incident-small-agent';
import { up as incidentProcessorEstablishment } from './210-incident-processor-establishment';
import { up as registerImportLayouts } from './220-register-import-layouts';
import { up as retentionRulePurposes } from './230-retention-rule-purposes';
import { up as incidentClosure } from './240-incident-closure';

/**
 * The schema's history. Append only: a shipped migration is never edited, a new one is added with
 * the next number in tens. A migration imports only the Db type, never repositories or core logic.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; up: (db: Db) => void }> = [
  { version: 10, name: 'initial', up: initial },
  { version: 20, name: 'completeness fields', up: completenessFields },
  { version: 30, name: 'ICO template columns and retention rules', up: icoColumnsRetentionRules },
  { version: 40, name: 'sub-processors', up: subProcessors },
  { version: 50, name: 'processor record contact', up: processorRecordContact },
  { version: 60, name: 'vocabulary terms', up: vocabularyTerms },
  { version: 70, name: 'incidents', up: incidents },
  { version: 80, name: 'alerts', up: alerts },
  { version: 90, name: 'rule overrides', up: ruleOverrides },
  { version: 100, name: 'controller details', up: controllerDetails },
  { version: 110, name: 'call recordings and legal holds', up: recordings },
  { version: 120, name: 'disposal evidence', up: holdsDisposal },
  { version: 130, name: 'sweep buckets', up: sweepBuckets },
  { version: 140, name: 'CSV column mappings', up: csvMappings },
  { version: 150, name: 'recording access log', up: recordingAccess },
  { version: 160, name: 'recording register indexes', up: recordingRegisterIndexes },
  { version: 170, name: 'disposal intents', up: disposalIntents },
  { version: 180, name: 'change-log hash chain', up: changeLogChain },
  { version: 190, name: 'incident establishment', up: incidentEstablishment },
  { version: 200, name: 'incident small processing agent', up: incidentSmallAgent },
  { version: 210, name: 'incident processor establishment', up: incidentProcessorEstablishment },
  { version: 220, name: 'register import layouts and flagged text', up: registerImportLayouts },
  { version: 230, name: 'retention rules for several purposes, retired rules', up: retentionRulePurposes },
  { version: 240, name: 'incident closure', up: incidentClosure },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;

/**
 * Runs every pending migration in one transaction, so a workspace is either fully upgraded or left
 * exactly as it was. Each step records its number in PRAGMA user_version.
 */
export function migrate(db: Db): { from: number; to: number } {
  const from = schemaVersionOf(db);
  // Up to date: no write lock to take (a worker's reading connection must not wait for an import's).
  if (from >= latestSchemaVersion) return { from, to: from };
  db.transaction(() => {
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to: schemaVersionOf(db) };
}

export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
