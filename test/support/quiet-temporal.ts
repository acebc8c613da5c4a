import { DefaultLogger, Runtime } from '@temporalio/worker';

// Only the SDK's warnings and errors reach the test output.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed for this process by an earlier test file.
}
