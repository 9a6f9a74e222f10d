/**
 * @module tests/scripts/replicas/templates.test
 * The deploy/ templates as the orchestrator fills them: every placeholder given a value and no value without
 * a placeholder; nginx balances over the replicas with passive health checks, retries on errors and timeouts,
 * passes the chat endpoints' streams unbuffered, and keeps its pid and temp files in the run folder; nginx
 * itself accepts the result (`nginx -t`, when installed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinary } from '../../../scripts/replicas/binaries.js';
import { nginxConfig, redisConfig, renderTemplate } from '../../../scripts/replicas/templates.js';

describe('renderTemplate', () => {
  it('fills every placeholder', () => {
    expect(renderTemplate('listen {{HOST}}:{{PORT}}; # {{PORT}}', { HOST: 'h', PORT: '1' })).toBe('listen h:1; # 1');
  });
  it.each([
    ['a placeholder without a value', 'a {{MISSING}}', {}, /\{\{MISSING\}\} has no value/],
    ['a value without a placeholder', 'a', { EXTRA: 'x' }, /no placeholder for EXTRA/],
  ])('refuses %s', (_what, template, values, message) => {
    expect(() => renderTemplate(template, values)).toThrow(message);
  });
});

describe('nginxConfig', () => {
  const conf = nginxConfig({ runDir: '/tmp/run-x', listen: '127.0.0.1:8080', upstreams: [4001, 4002, 4003] });

  it('balances over every replica with passive checks, retrying failed requests elsewhere', () => {
    expect(conf.match(/server 127\.0\.0\.1:400\d max_fails=1 fail_timeout=5s;/g)).toHaveLength(3);
    expect(conf).toMatch(/proxy_next_upstream error timeout http_502 http_503 non_idempotent;/);
    expect(conf).toMatch(/listen 127\.0\.0\.1:8080;/);
  });

  it('streams the chat endpoints unbuffered', () => {
    const chat = /location ~ \^\/\(api\/chat\|v1\/chat\/completions\)\$ \{([^}]*)\}/.exec(conf);
    expect(chat?.[1]).toMatch(/proxy_buffering off;/);
  });

  it('keeps its pid and temp paths in the run folder and runs in the foreground', () => {
    expect(conf).toMatch(/^daemon off;$/m);
    expect(conf).toMatch(/^pid \/tmp\/run-x\/nginx\.pid;$/m);
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      expect(conf).toContain(`${temp}_temp_path /tmp/run-x/${temp};`);
    }
    expect(conf).not.toMatch(/\{\{/);
  });

  it('refuses an empty upstream list', () => {
    expect(() => nginxConfig({ runDir: '/tmp/x', listen: '127.0.0.1:1', upstreams: [] })).toThrow(
      /at least one upstream/,
    );
  });

  it.skipIf(!findBinary('nginx'))('is accepted by nginx -t', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-nginx-t-'));
    try {
      const file = path.join(dir, 'nginx.conf');
      writeFileSync(file, nginxConfig({ runDir: dir, listen: '127.0.0.1:1', upstreams: [2] }));
      const test = spawnSync(findBinary('nginx')!, ['-t', '-q', '-p', dir, '-c', file, '-e', 'stderr'], {
        encoding: 'utf8',
      });
      expect(test.stderr).toBe('');
      expect(test.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('redisConfig', () => {
  it('binds to loopback on the given port, keeps nothing on disk and evicts under memory pressure', () => {
    const conf = redisConfig({ runDir: '/tmp/run-x', port: 6390 });
    expect(conf).toMatch(/^bind 127\.0\.0\.1$/m);
    expect(conf).toMatch(/^port 6390$/m);
    expect(conf).toMatch(/^save ""$/m);
    expect(conf).toMatch(/^appendonly no$/m);
    expect(conf).toMatch(/^maxmemory-policy allkeys-lru$/m);
  });
});
