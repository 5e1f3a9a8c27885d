import { EmptyState } from '../../components/common';

/** The recordings folder, the backup retention and the scan that matches audio files to calls. Being built. */
export function RecordingFilesPanel() {
  return <EmptyState title="Files">Scanning the recordings folder is being built.</EmptyState>;
}
