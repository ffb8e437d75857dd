import { type SimDuration, type SimTime } from '../sim/time.js';

/** A fault the harness applies to the cluster at its time. Engines are never told. */
export type Fault =
  | { readonly kind: 'crash' | 'recover' | 'partition' | 'heal'; readonly time: SimTime; readonly nodes: readonly string[]; readonly label: string }
  | {
      /** A control-plane component of the engine dies (e.g. a Mesos framework scheduler); handed to the engine. */
      readonly kind: 'scheduler-crash';
      readonly time: SimTime;
      readonly component: string;
      readonly tenant?: string;
      readonly downFor: SimDuration;
      readonly label: string;
    };
