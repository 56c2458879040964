// What the jest global setup started, kept on globalThis (global setup and teardown share the main process)
// so that global-teardown.ts stops it in reverse order.
interface StartedServer {
  name: string;
  stop(): Promise<void>;
}

const KEY = Symbol.for('gongzhi.test.startedServers');

function started(): StartedServer[] {
  const holder = globalThis as unknown as Record<symbol, StartedServer[] | undefined>;
  return (holder[KEY] ??= []);
}

export function registerStop(name: string, stop: () => Promise<void>): void {
  started().push({ name, stop });
}

/** Stops everything registered, last started first; reports every failure after trying all. */
export async function stopAll(): Promise<void> {
  const failures: string[] = [];
  for (const server of started().splice(0).reverse()) {
    try {
      await server.stop();
    } catch (err) {
      failures.push(`${server.name}: ${(err as Error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(`could not stop test servers: ${failures.join('; ')}`);
}
