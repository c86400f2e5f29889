/** Timing and memory of one benchmark step: wall time (and user CPU time, printed: the machine may be shared), heap and RSS after, and the process's peak RSS so far. */
export interface StepFigure {
  readonly label: string;
  readonly seconds: number;
  readonly heapMB: number;
  readonly rssMB: number;
  readonly peakRssMB: number;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;

/** Collect garbage when node runs with --expose-gc, so the memory figures are of live data. */
function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Make a `measure(label, fn)` that prints one line per step and keeps the figures. */
export function makeMeasure(prefix: string, figures: StepFigure[]): (label: string, fn: () => unknown) => Promise<unknown> {
  return async (label, fn) => {
    collect();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const value = await fn();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0).user / 1e6;
    const mem = process.memoryUsage();
    const figure: StepFigure = {
      label,
      seconds,
      heapMB: mb(mem.heapUsed + mem.arrayBuffers),
      rssMB: mb(mem.rss),
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
    figures.push(figure);
    console.log(
      `${prefix.padEnd(10)} ${label.padEnd(60)} ${seconds.toFixed(3).padStart(9)} s (cpu ${cpu.toFixed(2).padStart(6)} s)   live ${figure.heapMB.toFixed(0).padStart(6)} MB   rss ${figure.rssMB
        .toFixed(0)
        .padStart(6)} MB   peak ${figure.peakRssMB.toFixed(0).padStart(6)} MB`,
    );
    return value;
  };
}
