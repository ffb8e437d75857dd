/**
 * One readiness probe worker of the kubelet's prober (`pkg/kubelet/prober/worker.go`), reduced to
 * its arithmetic: a new container starts not ready (`initialValue` Failure for readiness); each probe
 * result extends a run of equal results, and the result takes effect once the run reaches its
 * threshold (`successThreshold` 1, `failureThreshold` from the probe). A container that is not running
 * is a failure at once ("Abort if the container will not be restarted" sets Failure). The worker's
 * timing (first probe when the pod is added, then every `periodSeconds`) is the kubelet's.
 */
export class ReadinessWorker {
  private ready = false;
  private last: boolean | undefined;
  private run = 0;

  constructor(
    private readonly failureThreshold: number,
    private readonly successThreshold = 1,
  ) {}

  /** The worker's current result (what the pod's Ready condition follows). */
  get isReady(): boolean {
    return this.ready;
  }

  /** A new container: readiness starts over at Failure. */
  newContainer(): void {
    this.ready = false;
    this.last = undefined;
    this.run = 0;
  }

  /** The container is not running: Failure now. True when that changed the result. */
  notRunning(): boolean {
    const changed = this.ready;
    this.ready = false;
    this.last = false;
    this.run = 0;
    return changed;
  }

  /** One probe's outcome. True when the result changed (the kubelet then writes the pod's status). */
  observe(success: boolean): boolean {
    if (this.last === success) this.run++;
    else {
      this.last = success;
      this.run = 1;
    }
    const threshold = success ? this.successThreshold : this.failureThreshold;
    if (this.run < threshold || this.ready === success) return false;
    this.ready = success;
    return true;
  }
}
