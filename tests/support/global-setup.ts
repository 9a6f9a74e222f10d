/**
 * @module tests/support/global-setup
 * Runs once before the suite. (Builds shared fixtures once the ingest stage exists.)
 */
export default async function setup(): Promise<void> {}
