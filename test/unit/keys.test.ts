/** Scoped API keys: hashed in the keys file, validated, reloaded on change, a bad edit keeps the last good keys. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ALL_LABELS, createKeyStore, hashKey, parseKeysFile } from '../../src/keys.js';

const dir = mkdtempSync(join(tmpdir(), 'iwg-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (name: string, key: string, read: string[], write = false) => ({
  name,
  sha256: hashKey(key),
  read,
  write,
});

describe('the keys file', () => {
  it('when valid, then each key resolves to its scope and IWG_API_KEYS keys read everything and write', () => {
    const file = join(dir, 'keys.yaml');
    writeFileSync(file, JSON.stringify({ keys: [entry('analyst', 'k-analyst', ['public', 'restricted'])] }));
    const sut = createKeyStore({ apiKeys: ['k-admin'], keysFile: file });
    expect(sut.resolve('k-analyst')).toEqual({ name: 'analyst', read: ['public', 'restricted'], write: false });
    expect(sut.resolve('k-admin')).toEqual({ name: 'IWG_API_KEYS', read: ALL_LABELS, write: true });
    expect(sut.resolve('k-nobody')).toBeNull();
    expect(ALL_LABELS).toEqual(['public', 'restricted']);
  });

  it('when a key is stored in plaintext or names an unknown label, then every problem is named', () => {
    const text = JSON.stringify({
      keys: [
        { name: 'a', sha256: 'secret-key', read: ['public'] },
        { name: 'b', sha256: hashKey('x'), read: ['secret'] },
      ],
    });
    expect(() => parseKeysFile(text, 'keys.json')).toThrow(/keys\.0\.sha256[\s\S]*keys\.1\.read\.0/);
  });

  it('when two keys share a name or a digest, then the file is refused', () => {
    const text = JSON.stringify({ keys: [entry('a', 'x', ['public']), entry('a', 'x', ['public'])] });
    expect(() => parseKeysFile(text, 'keys.json')).toThrow(/keys\.1\.name: duplicate name[\s\S]*keys\.1\.sha256/);
  });

  it('when the file changes, then the next request sees the new keys without a restart', () => {
    const file = join(dir, 'reload.yaml');
    writeFileSync(file, `keys:\n  - name: one\n    sha256: ${hashKey('k1')}\n    read: [public]\n`);
    const sut = createKeyStore({ apiKeys: [], keysFile: file });
    expect(sut.resolve('k1')?.name).toBe('one');
    writeFileSync(
      file,
      `keys:\n  - name: two\n    sha256: ${hashKey('k2')}\n    read: [public, restricted]\n    write: true\n`,
    );
    expect(sut.resolve('k1')).toBeNull();
    expect(sut.resolve('k2')).toEqual({ name: 'two', read: ['public', 'restricted'], write: true });
  });

  it('when an edit breaks the file, then the last good keys stay and the error is logged once', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `keys:\n  - name: one\n    sha256: ${hashKey('k1')}\n    read: [public]\n`);
    const error = vi.fn();
    const sut = createKeyStore({ apiKeys: [], keysFile: file, log: { error, info: vi.fn() } as never });
    writeFileSync(file, 'keys:\n  - name: broken\n    sha256: plaintext-key-here\n    read: [public]\n');
    expect(sut.resolve('k1')?.name).toBe('one');
    expect(sut.resolve('k1')?.name).toBe('one');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0].err)).toMatch(/sha256/);
  });

  it('when the file is bad at start, then the start fails naming it', () => {
    expect(() => createKeyStore({ apiKeys: [], keysFile: join(dir, 'missing.yaml') })).toThrow(/missing\.yaml/);
  });
});
