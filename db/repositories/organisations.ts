import type { Organisation, OrganisationInput } from '../../core/register/model';
import type { Db } from '../types';

interface OrganisationRow {
  id: string;
  name: string;
  legal_name: string | null;
  role: Organisation['role'];
  country: string | null;
  address: string | null;
  contact_email: string | null;
  dpo_contact: string | null;
  representative: string | null;
  source_document: string | null;
  policy_date: string | null;
  created_at: string;
  updated_at: string;
  activity_count: number;
}

const selectOrganisations = `
  SELECT o.*, (SELECT count(*) FROM activities a WHERE a.organisation_id = o.id) AS activity_count
  FROM organisations o`;

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    role: row.role,
    country: row.country,
    address: row.address,
    contactEmail: row.contact_email,
    dpoContact: row.dpo_contact,
    representative: row.representative,
    sourceDocument: row.source_document,
    policyDate: row.policy_date,
    activityCount: row.activity_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertOrganisation(db: Db, id: string, input: OrganisationInput, now: string): void {
  db.prepare(
    `INSERT INTO organisations (id, name, legal_name, role, country, address, contact_email, dpo_contact,
       representative, source_document, policy_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.name,
    input.legalName,
    input.role,
    input.country,
    input.address,
    input.contactEmail,
    input.dpoContact,
    input.representative,
    input.sourceDocument,
    input.policyDate,
    now,
    now,
  );
}

export function listOrganisations(db: Db): Organisation[] {
  return (db.prepare(`${selectOrganisations} ORDER BY o.name COLLATE NOCASE`).all() as OrganisationRow[]).map(
    toOrganisation,
  );
}

export function getOrganisation(db: Db, id: string): Organisation | null {
  const row = db.prepare(`${selectOrganisations} WHERE o.id = ?`).get(id) as OrganisationRow | undefined;
  return row ? toOrganisation(row) : null;
}

export function updateOrganisation(db: Db, id: string, input: OrganisationInput, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE organisations SET name = ?, legal_name = ?, role = ?, country = ?, address = ?, contact_email = ?, dpo_contact = ?,
           representative = ?, source_document = ?, policy_date = ?, updated_at = ? WHERE id = ?`,
      )
      .run(input.name, input.legalName, input.role, input.country, input.address, input.contactEmail, input.dpoContact, input.representative, input.sourceDocument, input.policyDate, now, id)
      .changes === 1
  );
}
