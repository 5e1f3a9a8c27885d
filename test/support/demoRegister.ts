import { createWorkbenchService } from '../../service';
import { typedClient } from './client';
import { steppingClock } from './workspace';

/** The demo workspace in a data folder of its own, through the typed client, with its activities and a lookup by name. */
export async function openDemoRegister(dataDir: string) {
  const workbench = typedClient(createWorkbenchService({ dataDir, actor: 'dpo', clock: steppingClock('2026-11-23T09:00:00.000Z') }));
  await workbench.openDemoWorkspace();
  const activities = await workbench.listActivities();
  const byName = (name: string) => activities.find((activity) => activity.name === name)!;
  return { workbench, activities, byName };
}
