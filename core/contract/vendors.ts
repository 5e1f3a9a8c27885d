import { z } from 'zod';
import type { Processor } from '../register/model';
import { activityProcessorLinkSchema, processorInputSchema, subProcessorLinkSchema } from '../register/model';
import type { VendorProfile } from '../register/vendorProfiles';
import type { ActivityDetail } from './register';
import { byId, noInput, operation } from './operationSpec';

export interface ProcessorDetail extends Processor {
  activities: Array<{ id: string; name: string; organisationName: string; purpose: string; role: string }>;
  /** Its own sub-processors, with what each does and where. */
  subProcessors: Array<{ id: string; name: string; service: string | null; countries: string[] }>;
  /** The vendors that engage it as their sub-processor. */
  subProcessorOf: Array<{ id: string; name: string; service: string | null }>;
  /** Incidents that involved this vendor. */
  incidents: Array<{ id: string; title: string; drill: boolean; status: string }>;
  /** Activities it touches as a sub-processor, through the vendor that engaged it. */
  indirectActivities: Array<{ id: string; name: string; organisationName: string; via: string }>;
  /**
   * What the vendor touches through the activities linked to it, directly or through the vendors
   * that engage it; countries are its own and its sub-processors'.
   */
  reach: { organisations: string[]; dataCategories: string[]; dataSubjects: string[]; countries: string[] };
}

/** A starter-library profile and whether this workspace already has it. */
export interface VendorProfileEntry extends VendorProfile {
  addedAs: string | null;
}

/** Processors and vendors: their sub-processors, the starter library, and their links to activities. */
export const vendorOperations = {
  listProcessors: operation<Processor[]>()(noInput, 'Processors and vendors.'),
  getProcessor: operation<ProcessorDetail>()(byId, 'One processor with the activities it serves.'),
  createProcessor: operation<Processor>()(processorInputSchema.strict(), 'Add a processor or vendor.'),
  updateProcessor: operation<Processor>()(
    z.object({ id: z.string().min(1), changes: processorInputSchema.strict() }).strict(),
    'Replace the fields of a processor or vendor.',
  ),
  linkSubProcessor: operation<ProcessorDetail>()(subProcessorLinkSchema, 'Record that a vendor engages another as its sub-processor.'),
  unlinkSubProcessor: operation<ProcessorDetail>()(
    z.object({ processorId: z.string().min(1), subProcessorId: z.string().min(1) }).strict(),
    'Remove a sub-processor from a vendor.',
  ),
  listVendorProfiles: operation<VendorProfileEntry[]>()(noInput, 'The starter library of vendor profiles.'),
  addVendorProfile: operation<Processor>()(
    z.object({ key: z.string().min(1, 'choose a vendor profile') }).strict(),
    'Add a vendor from the starter library, marked "to verify".',
  ),
  linkProcessor: operation<ActivityDetail>()(activityProcessorLinkSchema.strict(), 'Link a processor to an activity.'),
  linkVendorToActivities: operation<{ linked: number; alreadyLinked: number }>()(
    z
      .object({
        processorId: z.string().min(1, 'choose the vendor'),
        activityIds: z.array(z.string().min(1)).min(1, 'choose at least one activity').max(10_000, 'at most 10,000 activities at once'),
        purpose: z.string().trim().min(1, 'purpose must not be empty').max(500),
        role: activityProcessorLinkSchema.shape.role,
      })
      .strict(),
    'Link one vendor to many activities at once (one change-log entry per link).',
  ),
  linkRecipientAsVendor: operation<ActivityDetail>()(
    z.object({ activityId: z.string().min(1), recipientName: z.string().trim().min(1).max(200) }).strict(),
    'Link the vendor a recipient names as a processor, creating it when the workspace has none of that name.',
  ),
};
