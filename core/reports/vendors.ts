/** The data of the vendor register report: every processor and vendor with its agreements and reach. */
export interface VendorsData {
  /** The calendar date (UTC) agreements and reviews were judged on. */
  assessedOn: string;
  vendors: VendorEntry[];
}

export interface VendorEntry {
  id: string;
  name: string;
  service: string | null;
  /** Where it processes, as "Name (CC)". */
  countries: string[];
  dataCategories: string[];
  transferMechanism: string | null;
  transferMechanismDate: string | null;
  agreement: { reference: string | null; signedOn: string | null; expiresOn: string | null; state: 'missing' | 'expired' | 'valid' };
  security: { assessedOn: string | null; outcome: string | null };
  review: { cycleMonths: number | null; nextReviewOn: string | null; overdue: boolean };
  toVerify: boolean;
  /** The roles it holds in the register's activities, and for whom. */
  roles: Array<{ activity: string; organisation: string; role: string; purpose: string }>;
  subProcessors: Array<{ name: string; service: string | null; countries: string[] }>;
  subProcessorOf: Array<{ name: string; service: string | null }>;
  reach: { organisations: string[]; dataCategories: string[]; dataSubjects: string[]; countries: string[]; indirectActivities: number };
  notes: string | null;
}
