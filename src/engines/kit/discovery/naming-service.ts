import { type EngineContext } from '../../engine.js';
import { EndpointBook } from './endpoint-book.js';

/** The Chubby cell that holds BNS names, as a message endpoint. */
export const CHUBBY = '@chubby';
/** The clients that resolve BNS names (RPC stubs, load balancers), as one message endpoint. */
export const BNS_CLIENTS = '@bns-clients';

/**
 * Borg's naming (Verma et al., EuroSys 2015, §2.6): "Borg creates a stable 'Borg name service' (BNS)
 * name for each task … Borg writes the task's hostname and port into a consistent, highly-available
 * file in Chubby with this name, which is used by our RPC system to find the task endpoint … Borg
 * also writes job size and task health information into Chubby whenever it changes, so load
 * balancers can see where to route requests to." Once the master learns a task runs (or is gone) it
 * writes the name (one `storeWrite`: a Chubby Paxos commit), and Chubby's event notification
 * (Burrows, OSDI 2006, §2.5: clients subscribe to file-contents-modified events) reaches the
 * clients (one `watchDelivery`). Writes of one task apply in the order the master made them: a
 * notification older than the last one applied is ignored, as Chubby's ordered file contents imply.
 * Omega keeps Borg's naming (Schwarzkopf et al., EuroSys 2013, §2: Omega shares Borg's
 * infrastructure); it uses this as well, writing from the cell state.
 */
export class NamingServiceDiscovery {
  readonly book: EndpointBook;
  /** Per task: the newest write sent and the newest applied. */
  private readonly versions = new Map<string, { sent: number; applied: number }>();

  constructor(
    private readonly ctx: EngineContext,
    /** The component that writes the names (`@borgmaster`, `@cell-state`). */
    private readonly writer: string,
  ) {
    this.book = new EndpointBook(ctx);
  }

  declare(service: string): void {
    this.book.declare(service);
  }

  /** The master learned that a replica of `service` runs. */
  running(service: string, taskId: string): void {
    this.write(service, taskId, true);
  }

  /** The master learned that a replica is gone (ended, lost, or being stopped). */
  gone(service: string, taskId: string): void {
    this.write(service, taskId, false);
  }

  private write(service: string, taskId: string, up: boolean): void {
    if (!this.book.takesRequests(service)) return;
    let v = this.versions.get(taskId);
    if (!v) this.versions.set(taskId, (v = { sent: 0, applied: 0 }));
    const version = ++v.sent;
    const entry = v;
    this.ctx.net.send('storeWrite', this.writer, CHUBBY, 'bns-write', () => {
      this.ctx.net.send('watchDelivery', CHUBBY, BNS_CLIENTS, 'bns-notify', () => {
        if (version <= entry.applied) return;
        entry.applied = version;
        if (up) this.book.publish(service, taskId);
        else {
          this.book.withdraw(service, taskId);
          if (entry.applied === entry.sent) this.versions.delete(taskId);
        }
      });
    });
  }
}
