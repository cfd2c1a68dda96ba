export { JobRecord, MetricsFile, PendingMarker, isTerminal } from './record.js';
export {
  readRecord,
  readSpec,
  updateRecord,
  isCancelRequested,
  requestCancel,
  readMetrics,
  writeMetrics,
  toJob,
  readJob,
  type JobRef,
} from './job-store.js';
