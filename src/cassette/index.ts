// Cassettes: every model call of a run recorded (`run --record DIR`) and answered again offline
// (`run --replay DIR`). See docs/cassettes.md.
export { cassetteKey, describeCall, type CallId, type CassetteEntry } from './entry.js';
export { cassetteFile, openCassette, type Cassette } from './store.js';
export { recordingProvider, replayingProvider, type Miss } from './provider.js';
