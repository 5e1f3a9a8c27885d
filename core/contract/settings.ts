import { z } from 'zod';
import { noInput, operation } from './operationSpec';

/** Who acts: a person's name, kept with the operating-system account ("Anna Martin (anna)"). */
export interface Profile {
  name: string | null;
  account: string;
  /** As the change log records it. */
  actor: string;
}

/** Settings of this computer account: who acts. */
export const settingsOperations = {
  getProfile: operation<Profile>()(noInput, 'Who is acting: the profile name given once on this computer account, and the account.'),
  setProfile: operation<Profile>()(
    z.object({ name: z.string().trim().min(2, 'give your name as colleagues know it').max(120).nullable() }).strict(),
    'Set the name recorded in the change log (with the computer account) for everything done from now on.',
  ),
};
