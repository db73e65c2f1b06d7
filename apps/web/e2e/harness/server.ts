import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVER_MAIN, TSX, WEB_DIR } from './paths';

export type RunningServer = { url: string; admin: { username: string; password: string }; output: () => string; stop: () => Promise<void> };

export class ServerStartError extends Error {
  constructor(message: string, readonly output: string) {
    super(`${message}\n--- server output ---\n${output.slice(-4000)}`);
    this.name = 'ServerStartError';
  }
}

/** Builds the web app unless a build is already there (CI builds it once, locally it may be stale: delete dist). */
export function ensureBuilt(): void {
  if (existsSync(path.join(WEB_DIR, 'dist/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: WEB_DIR, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`web build failed with exit code ${r.status}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

// The embedded database, always: a DATABASE_URL from the caller's shell must not point the test at a real one.
function envWithout(name: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env[name];
  return env;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts the real server on a fresh database. On an empty database it loads the demo operation and
 * prints the first administrator's one-time password, which is read from its output.
 */
export async function startServer(timeoutMs = 180_000): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'custodian-e2e-'));
  const port = await freePort();
  const child = spawn(TSX, [SERVER_MAIN, 'serve'], {
    cwd: WEB_DIR,
    detached: true, // own process group, so stop() ends tsx and node together
    env: { ...envWithout('DATABASE_URL'), DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', CUSTODIAN_PROFILE: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const started = Date.now();
  try {
    for (;;) {
      const user = /user:\s+(\S+)/.exec(out);
      const pass = /password:\s+([a-z0-9]{5}(?:-[a-z0-9]{5}){3})/.exec(out);
      if (/serving on/.test(out) && user && pass) {
        return { url: `http://localhost:${port}`, admin: { username: user[1]!, password: pass[1]! }, output: () => out, stop };
      }
      if (child.exitCode !== null) throw new ServerStartError(`the server exited with code ${child.exitCode}`, out);
      if (Date.now() - started > timeoutMs) throw new ServerStartError(`the server did not start within ${timeoutMs / 1000} s`, out);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await stop();
    throw e;
  }
}
