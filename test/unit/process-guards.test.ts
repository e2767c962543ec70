import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessGuards } from '../../src/process-guards.js';

const setup = () => {
  const proc = new EventEmitter();
  const logged: { level: string; msg: string }[] = [];
  const shutdowns: [string, number][] = [];
  installProcessGuards(
    proc,
    {
      error: (_obj: unknown, msg?: string) => void logged.push({ level: 'error', msg: msg ?? '' }),
      fatal: (_obj: unknown, msg?: string) => void logged.push({ level: 'fatal', msg: msg ?? '' }),
    } as never,
    (reason, code) => void shutdowns.push([reason, code]),
  );
  return { proc, logged, shutdowns };
};

describe('installProcessGuards', () => {
  it('when a promise rejection is not handled, then it is logged and the service keeps serving', () => {
    const sut = setup();
    sut.proc.emit('unhandledRejection', new Error('FormatError: Invalid number'), Promise.resolve());
    expect(sut.logged).toEqual([{ level: 'error', msg: 'unhandled promise rejection; still serving' }]);
    expect(sut.shutdowns).toEqual([]);
  });

  it('when an exception is not caught, then it is logged and the service shuts down with status 1', () => {
    const sut = setup();
    sut.proc.emit('uncaughtException', new Error('boom'));
    expect(sut.logged).toEqual([{ level: 'fatal', msg: 'uncaught exception; shutting down' }]);
    expect(sut.shutdowns).toEqual([['uncaughtException', 1]]);
  });
});
