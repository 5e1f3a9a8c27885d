import type { Db } from '../types';

/**
 * Migration 20: what the completeness checks need. Activities gain their Art. 9(2) condition and
 * Art. 10 basis; processors gain their DPA (Art. 28(3)) dates, transfer mechanism, security
 * assessment and review cycle, and whether they came from the starter library unverified. Dates are
 * 'yyyy-MM-dd' text.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE activities ADD COLUMN art9_condition TEXT;
    ALTER TABLE activities ADD COLUMN art10_basis TEXT;

    ALTER TABLE processors ADD COLUMN transfer_mechanism TEXT;
    ALTER TABLE processors ADD COLUMN dpa_reference TEXT;
    ALTER TABLE processors ADD COLUMN dpa_signed_on TEXT;
    ALTER TABLE processors ADD COLUMN dpa_expires_on TEXT;
    ALTER TABLE processors ADD COLUMN security_assessed_on TEXT;
    ALTER TABLE processors ADD COLUMN security_outcome TEXT;
    ALTER TABLE processors ADD COLUMN review_cycle_months INTEGER;
    ALTER TABLE processors ADD COLUMN next_review_on TEXT;
    -- Added from the starter library: the facts are general knowledge until the DPO checks them.
    ALTER TABLE processors ADD COLUMN profile_key TEXT;
    ALTER TABLE processors ADD COLUMN to_verify INTEGER NOT NULL DEFAULT 0 CHECK (to_verify IN (0, 1));
  `);
}
