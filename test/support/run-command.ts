import { spawn } from 'node:child_process';

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Both streams, interleaved as they came. */
  output: string;
}

/**
 * Runs a command to its end without blocking the event loop (spawnSync would: an in-process API's
 * idle keep-alive connection then times out unseen, and the next request on it meets ECONNRESET).
 */
export function runCommand(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: CommandResult = { status: null, stdout: '', stderr: '', output: '' };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      result.stdout += chunk;
      result.output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      result.stderr += chunk;
      result.output += chunk;
    });
    child.once('error', reject);
    // 'close', not 'exit': what the command printed last has been read.
    child.once('close', (status) => resolve({ ...result, status }));
  });
}
