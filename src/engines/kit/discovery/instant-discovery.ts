import { type EngineContext } from '../../engine.js';
import { EndpointBook } from './endpoint-book.js';

/**
 * Service discovery that costs nothing: an endpoint is published the instant the engine knows its
 * replica runs, and withdrawn the instant it knows the replica is gone. The oracle's: the lower
 * bound every real mechanism is measured against.
 */
export class InstantDiscovery {
  readonly book: EndpointBook;

  constructor(ctx: EngineContext) {
    this.book = new EndpointBook(ctx);
  }

  declare(service: string): void {
    this.book.declare(service);
  }

  running(service: string, taskId: string): void {
    this.book.publish(service, taskId);
  }

  gone(service: string, taskId: string): void {
    this.book.withdraw(service, taskId);
  }
}
