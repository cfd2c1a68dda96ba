export { sign, verify, ReplayGuard, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS, type VerifyResult } from './signature.js';
export { HttpDispatcher, type HttpDispatcherOptions } from './http-dispatcher.js';
export { Scheduler, backoffMs, type SchedulerOptions } from './scheduler.js';
export { TrainerUnavailableError, type Dispatcher, type OfferResult, type TrainerReply } from './types.js';
