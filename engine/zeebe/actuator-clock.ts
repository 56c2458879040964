// EngineClock over the broker's controlled actor clock (ZEEBE_CLOCK_CONTROLLED=true exposes the actuator
// endpoint /actuator/clock: GET reads it, POST /actuator/clock/add {offsetMilli} moves it forward).
import { EngineError } from '../port.js';
import type { EngineClock } from '../port.js';

interface ClockResponse {
  epochMilli: number;
}

export class ActuatorClock implements EngineClock {
  /** Broker time minus local time, learnt from every clock response; now() must be synchronous. */
  private offset = 0;

  constructor(
    private readonly managementAddress: string,
    /** Resolves once the broker has had time to process what became due (e.g. exported records went quiet). */
    private readonly settle: () => Promise<void>,
  ) {}

  now(): number {
    return Date.now() + this.offset;
  }

  /** Reads the broker's clock once so that now() agrees with it. */
  async sync(): Promise<void> {
    this.learn(await this.call('GET', ''));
  }

  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new EngineError('engine.invalid_argument', `cannot advance the clock by ${ms} ms`);
    this.learn(await this.call('POST', '/add', { offsetMilli: Math.round(ms) }));
    await this.settle();
  }

  private learn(response: ClockResponse): void {
    this.offset = response.epochMilli - Date.now();
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ClockResponse> {
    let response: Response;
    try {
      response = await fetch(`${this.managementAddress}/actuator/clock${path}`, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new EngineError('engine.unavailable', `broker clock unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) {
      // 404: the clock endpoint is absent (broker not started with ZEEBE_CLOCK_CONTROLLED=true)
      throw new EngineError(
        'engine.invalid_state',
        `broker clock ${method} ${path || '/'} failed with HTTP ${response.status}: ${await response.text()}`,
      );
    }
    return (await response.json()) as ClockResponse;
  }
}
