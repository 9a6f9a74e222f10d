/**
 * @module tests/web/browser-harness
 * What the browser tests run against, in one place. `startServerForBrowser()` builds the page and starts
 * the real server through tests/support/test-server.ts when that file exists, else the fake API (set
 * WEB_E2E_SERVER=fake to force the fake). Also launches the system Chromium the way the project requires.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startFakeApi } from '../support/fake-api.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
/** Where screenshots go: SCREENSHOT_DIR, else screenshots/ in the repository (ignored by git). */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR
  ? path.resolve(process.env.SCREENSHOT_DIR)
  : path.join(root, 'screenshots');

export interface BrowserServer {
  url: string;
  /** Which server answers: tests may only rely on fake-specific behaviour when this is 'fake'. */
  kind: 'real' | 'fake';
  close(): Promise<void>;
}

type StartTestServer = () => Promise<{ url: string; close(): Promise<void> }>;
type BuildWeb = (options?: { outDir?: string }) => Promise<unknown>;

/** Builds dist/web so the tests always exercise the current page source, not a stale bundle. */
async function buildPage(): Promise<void> {
  const { buildWeb } = (await import(pathToFileURL(path.join(root, 'scripts', 'build-web.mjs')).href)) as {
    buildWeb: BuildWeb;
  };
  await buildWeb();
}

export async function startServerForBrowser(): Promise<BrowserServer> {
  await buildPage();
  const realServer = path.join(root, 'tests', 'support', 'test-server.ts');
  if (process.env.WEB_E2E_SERVER !== 'fake' && existsSync(realServer)) {
    // Imported by URL so this file compiles whether or not the real server exists yet.
    const { startTestServer } = (await import(pathToFileURL(realServer).href)) as { startTestServer: StartTestServer };
    const server = await startTestServer();
    return { url: server.url.replace(/\/$/, ''), kind: 'real', close: () => server.close() };
  }
  const fake = await startFakeApi();
  return { ...fake, kind: 'fake' };
}

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

export interface BrowserEnvironment {
  server: BrowserServer;
  browser: Browser;
}

/** For a browser test file: starts the server and Chromium before its tests and closes both after them. */
export function useBrowserEnvironment(): BrowserEnvironment {
  const env = {} as BrowserEnvironment;
  beforeAll(async () => {
    env.server = await startServerForBrowser();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
