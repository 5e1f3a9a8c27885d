import type { ProcessorInput } from './model';

/**
 * Starter library of vendor profiles a DPO can add with one click. The facts are general public
 * knowledge about each service, not read from a contract: every profile is added marked "to
 * verify", and the DPO records the actual agreement, countries and safeguard.
 */
export interface VendorProfile {
  key: string;
  /** Why a DPO would add it. */
  summary: string;
  facts: Pick<ProcessorInput, 'name' | 'service' | 'countries' | 'dataCategories' | 'transferMechanism' | 'notes'>;
}

export const vendorProfiles: readonly VendorProfile[] = [
  {
    key: 'square',
    summary: 'Card payments (PCI DSS scope); often an independent controller for its own fraud and AML checks.',
    facts: { name: 'Square', service: 'card payments', countries: ['US'], dataCategories: ['financial', 'identity', 'contact'], transferMechanism: null, notes: 'Payment provider; check whether it acts as processor or independent controller for each purpose.' },
  },
  {
    key: 'sterling',
    summary: 'Background checks: criminal-record data is Art. 10 data in the EU; US consumer reports fall under the FCRA.',
    facts: { name: 'Sterling Talent Solutions', service: 'background checks and identity verification', countries: ['US'], dataCategories: ['identity', 'criminal', 'id-documents'], transferMechanism: null, notes: 'Background screening; record the Art. 10 basis on each activity that uses it.' },
  },
  {
    key: 'google-analytics',
    summary: 'Web analytics with cookies: a transfer to the US.',
    facts: { name: 'Google Analytics', service: 'website analytics', countries: ['US'], dataCategories: ['connection', 'internet-cookies'], transferMechanism: null, notes: 'Web analytics; consent for analytics cookies under the ePrivacy rules.' },
  },
  {
    key: 'aws',
    summary: 'Cloud hosting (Amazon Web Services): region chosen by the customer.',
    facts: { name: 'Amazon Web Services', service: 'cloud hosting', countries: ['US', 'IE'], dataCategories: [], transferMechanism: null, notes: 'Hosting; record the regions actually used.' },
  },
  {
    key: 'microsoft-365',
    summary: 'E-mail, documents and collaboration (Microsoft 365).',
    facts: { name: 'Microsoft 365', service: 'e-mail and office collaboration', countries: ['US', 'IE', 'NL'], dataCategories: ['identity', 'contact', 'communications'], transferMechanism: null, notes: 'Productivity suite; check the EU Data Boundary commitments that apply.' },
  },
  {
    key: 'mailchimp',
    summary: 'E-mail marketing.',
    facts: { name: 'Mailchimp', service: 'e-mail marketing', countries: ['US'], dataCategories: ['contact', 'internet-cookies'], transferMechanism: null, notes: 'Newsletter tool; consent records for marketing e-mail.' },
  },
  {
    key: 'zendesk',
    summary: 'Customer support ticketing (tickets may link to call recordings).',
    facts: { name: 'Zendesk', service: 'customer support ticketing', countries: ['US'], dataCategories: ['identity', 'contact', 'communications'], transferMechanism: null, notes: 'Support desk; tickets may hold call recordings or their links.' },
  },
];
