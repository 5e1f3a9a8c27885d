import { EmptyState } from '../../components/common';

/** Importing call records (Asterisk Master.csv or a saved column mapping) with progress and cancel. Being built. */
export function ImportPanel(_props: { onImported(): void }) {
  return <EmptyState title="Import">Importing call records from the app is being built; use `privacy-workbench recordings import-cdr`.</EmptyState>;
}
