/**
 * @module scripts/replicas/templates
 * The deploy/ configuration files (nginx, Redis) filled in for one run: `{{NAME}}` placeholders replaced by
 * values, and every placeholder required to have one, so a template and its renderer cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from './paths.js';

export const DEPLOY_DIR = path.join(ROOT_DIR, 'deploy');

export function readTemplate(name: 'nginx.conf.template' | 'redis.conf.template'): string {
  return readFileSync(path.join(DEPLOY_DIR, name), 'utf8');
}

/** Replaces every `{{NAME}}`; throws naming a placeholder without a value or a value without a placeholder. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  const used = new Set<string>();
  const out = template.replace(/\{\{([A-Z_]+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`replicas: template placeholder {{${name}}} has no value`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length) throw new Error(`replicas: template has no placeholder for ${unused.join(', ')}`);
  return out;
}

export interface NginxSettings {
  /** Folder nginx runs in: its pid and temp paths go here. */
  runDir: string;
  /** `host:port` nginx listens on. */
  listen: string;
  /** Replica ports on 127.0.0.1. */
  upstreams: number[];
  /** The worker user when nginx runs as root (its workers must not); absent otherwise. */
  workerUser?: string;
}

export function nginxConfig(settings: NginxSettings, template = readTemplate('nginx.conf.template')): string {
  if (settings.upstreams.length === 0) throw new Error('replicas: nginx needs at least one upstream');
  return renderTemplate(template, {
    RUN_DIR: settings.runDir,
    LISTEN: settings.listen,
    USER: settings.workerUser ? `user ${settings.workerUser};` : '# (not root: workers run as the current user)',
    UPSTREAM_SERVERS: settings.upstreams
      .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`)
      .join('\n'),
  });
}

export function redisConfig(
  settings: { runDir: string; port: number },
  template = readTemplate('redis.conf.template'),
): string {
  return renderTemplate(template, { RUN_DIR: settings.runDir, PORT: String(settings.port) });
}
