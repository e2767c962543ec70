/**
 * What the service does with an error nothing else caught. A promise rejection nobody handled (pdf.js leaves
 * some; parsing now runs in a worker, but a library may still leave one) is logged and the service keeps serving:
 * Node's default would end the process. An uncaught exception leaves the process in an unknown state: it is
 * logged and the service shuts down cleanly (exit 1), for its supervisor to restart.
 */
import type { EventEmitter } from 'node:events';
import type { Logger } from './logger.js';

/** Installs the policy on `proc` (the process); `shutdown` closes what is open and exits with the given code. */
export function installProcessGuards(
  proc: Pick<EventEmitter, 'on'>,
  log: Pick<Logger, 'error' | 'fatal'>,
  shutdown: (reason: string, code: number) => void,
): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    log.error({ err: reason }, 'unhandled promise rejection; still serving');
  });
  proc.on('uncaughtException', (err: Error) => {
    log.fatal({ err }, 'uncaught exception; shutting down');
    shutdown('uncaughtException', 1);
  });
}
