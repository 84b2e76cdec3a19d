/**
 * The simulation clock every reference solver exposes (`docs/simulators.md` §0): the time t reached
 * and the number of time steps taken (benchmarks count cell updates as cells × steps).
 */
export abstract class SolverClock {
  /** Simulation time. */
  t = 0;
  /** Time steps taken so far. */
  steps = 0;

  /** Records one step of size dt: t += dt, steps += 1. */
  protected tick(dt: number): void {
    this.t += dt;
    this.steps++;
  }
}
