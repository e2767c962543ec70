/** Structured logs (pino): one JSON line per event; pretty only when asked for. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'iwg'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination({ dest: 2, sync: false }));
}

/** Adapts a pino logger to the `(msg, fields)` callbacks lower layers accept. */
export function logFn(log: Logger): (msg: string, fields?: Record<string, unknown>) => void {
  return (msg, fields) => log.info(fields ?? {}, msg);
}
