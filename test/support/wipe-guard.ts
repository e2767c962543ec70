/**
 * The wipe guard. The db tier empties the database it runs against, so it may only ever run against one that
 * its own global setup started (the managed test server in its own data dir, reused when already running), or
 * one a developer explicitly declared disposable. A developer's or an analyst's graph, named by NEO4J_URI in
 * the shell or in the IWG_CONFIG file, is never touched by `npm test`.
 */

/** Test-only: `1` declares the database named by NEO4J_URI disposable, so the db tier may empty it. */
export const DISPOSABLE_FLAG = 'IWG_TEST_DISPOSABLE_DB';
/** Set by the global setup to the URI of the one database the tests may empty. */
export const WIPE_URI = 'IWG_TEST_WIPE_URI';

/**
 * Given the Neo4j URI the configuration names (from the environment or the IWG_CONFIG file; undefined when the
 * suite is to start its own server), says whether the db tier may run; throws with what to do when not.
 */
export function checkTestDatabase(configuredUri: string | undefined, env: Record<string, string | undefined>): void {
  if (!configuredUri || env[DISPOSABLE_FLAG] === '1') return;
  throw new Error(
    `Refusing to run the db tests: the configuration names a Neo4j server (NEO4J_URI=${configuredUri}), and these ` +
      'tests empty the database they run against. Unset NEO4J_URI (and any IWG_CONFIG naming a server) so the ' +
      `suite starts its own Neo4j, or set ${DISPOSABLE_FLAG}=1 if that database is disposable. ` +
      '`npm run test:unit` needs no database.',
  );
}

/** Throws unless `uri` is the database the global setup approved for emptying. */
export function assertWipeAllowed(uri: string | undefined, env: Record<string, string | undefined>): void {
  const approved = env[WIPE_URI];
  if (uri && approved && uri === approved) return;
  throw new Error(
    `Refusing to empty the Neo4j database at ${uri ?? '(none)'}: tests empty only the database their global ` +
      `setup started or was told is disposable (${approved ?? 'none was'}).`,
  );
}
