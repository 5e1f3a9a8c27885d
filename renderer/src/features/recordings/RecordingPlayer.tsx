/** Plays one recording through the app's media route; every playback is logged. Being built. */
export function RecordingPlayer(props: { recordingId: number; hasFile: boolean }) {
  return props.hasFile ? <p className="muted">Playback of recording {props.recordingId} is being built.</p> : <p className="muted">No audio file is matched to this call.</p>;
}
