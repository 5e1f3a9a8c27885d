import { useState } from 'react';
import { recordingMediaUrl } from '../../bridge';
import { Badge, Failure, formatInstant, Loading } from '../../components/common';
import { refresh } from '../../queries';
import { useOperation } from '../../useOperation';

/**
 * Plays one recording through the app's media route (browser mode) or scheme (desktop app), which
 * reads only inside the recordings folder; every playback, served or refused, is in the access log
 * shown under the player. Nothing is fetched until the user plays it (preload="none"), so opening
 * the player is not an access.
 */
export function RecordingPlayer(props: { recordingId: number; hasFile: boolean; autoPlay?: boolean }) {
  const access = useOperation('listRecordingAccess', { recordingId: props.recordingId });
  const [failed, setFailed] = useState(false);
  if (!props.hasFile) return <p className="muted">No audio file is matched to this call: scan the recordings folder under "Files and settings".</p>;
  return (
    <section className="recording-player" aria-label={`Recording ${props.recordingId}`}>
      <audio
        controls
        preload="none"
        autoPlay={props.autoPlay ?? false}
        src={recordingMediaUrl(props.recordingId)}
        aria-label={`Audio of recording ${props.recordingId}`}
        // The service writes the access log before it answers: reload it once the audio starts or is refused.
        onPlaying={() => refresh('listRecordingAccess')}
        onLoadedMetadata={() => setFailed(false)}
        onError={() => {
          setFailed(true);
          refresh('listRecordingAccess');
        }}
      />
      {failed ? (
        <p className="field-error" role="alert">
          The recording could not be played; the access log below gives the reason (a browser cannot decode GSM files).
        </p>
      ) : null}
      <h3>Access log</h3>
      {access.state === 'loading' ? <Loading /> : null}
      {access.state === 'failed' ? <Failure error={access.error} /> : null}
      {access.state === 'ready' && !access.value.length ? <p className="missing">Nobody has played this recording yet.</p> : null}
      {access.state === 'ready' && access.value.length ? (
        <table className="table access-log" aria-label="Access log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {access.value.map((entry) => (
              <tr key={entry.id}>
                <td>{formatInstant(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>Playback</td>
                <td>
                  {entry.outcome === 'served' ? <Badge tone="success">Served</Badge> : <Badge tone="danger">Refused</Badge>}
                  {entry.reason ? <span className="muted"> {entry.reason}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
