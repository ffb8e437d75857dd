/**
 * Analytic queueing formulas for request latency (pure functions, seconds and requests per second).
 *
 * A service's replicas that receive traffic form one multi-server queue: Poisson arrivals at rate λ,
 * `servers` identical servers each completing requests at rate μ = 1 / E[S], first come first served,
 * one shared queue (a load balancer spreading requests evenly; the join-shortest-queue ideal). The
 * waiting time follows M/M/c exactly (Erlang C); for service times that are not exponential the mean
 * wait is scaled by the Allen–Cunneen approximation (ca² + cs²)/2 with ca² = 1 (Poisson arrivals), and
 * the conditional wait stays exponential (Kingman's heavy-traffic form). The response time is the wait
 * plus one service time, whose tail is computed from the service-time distribution itself.
 *
 * Sources: Erlang C and the M/M/c waiting-time tail P(W > t) = C(c, a)·e^(−(cμ−λ)t): Kleinrock,
 * *Queueing Systems* vol. 1 (1975) §3.5; Gross & Harris, *Fundamentals of Queueing Theory* §2.3.
 * Allen–Cunneen: Allen, *Probability, Statistics and Queueing Theory* (1990) §6; Hopp & Spearman,
 * *Factory Physics* eq. 8.10.
 *
 * Overload: with ρ = λ / (cμ) ≥ 1 (or λ > 0 and no server) the queue grows without bound; there is no
 * steady state, and every formula here returns `Infinity` for its tail and quantiles, which callers
 * report as censored (unbounded), never as a number.
 */

/** The shape of a service-time distribution; its mean is fixed separately. */
export type ServiceTimeShape =
  | { readonly kind: 'exponential' }
  | { readonly kind: 'deterministic' }
  /** Log-normal with coefficient of variation `cv` (standard deviation over mean). */
  | { readonly kind: 'lognormal'; readonly cv: number };

/** One stationary multi-server queue. */
export interface QueueState {
  /** Arrival rate, requests per second (≥ 0). */
  readonly lambda: number;
  /** Servers receiving traffic (replicas × servers per replica; ≥ 0, integer). */
  readonly servers: number;
  /** Mean service time of one request, seconds (> 0). */
  readonly meanService: number;
  readonly shape: ServiceTimeShape;
}

/** Offered load a = λ·E[S] (Erlangs). */
export function offeredLoad(q: QueueState): number {
  return q.lambda * q.meanService;
}

/** Utilization ρ = a / c; Infinity when requests arrive at no server. */
export function utilization(q: QueueState): number {
  if (q.servers <= 0) return q.lambda > 0 ? Infinity : 0;
  return offeredLoad(q) / q.servers;
}

/** Whether the queue has no steady state (ρ ≥ 1 with requests arriving). */
export function isOverloaded(q: QueueState): boolean {
  return q.lambda > 0 && utilization(q) >= 1;
}

/**
 * Erlang C: the probability that an arriving request waits, for `c` servers and offered load `a`
 * (a < c). Computed with the numerically stable Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)),
 * then C = c·B / (c − a·(1 − B)). Returns 1 when a ≥ c (every request waits, forever).
 */
export function erlangC(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`servers must be a whole number ≥ 0, got ${c}`);
  if (a <= 0) return 0;
  if (a >= c) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** Squared coefficient of variation of the service time (cs²). */
export function serviceScv(shape: ServiceTimeShape): number {
  return shape.kind === 'exponential' ? 1 : shape.kind === 'deterministic' ? 0 : shape.cv * shape.cv;
}

/**
 * The wait before service as an atom at 0 and an exponential tail: P(W > t) = pWait·e^(−θt).
 * M/M/c: pWait = C(c, a), θ = cμ − λ. Other service times: the Allen–Cunneen mean wait
 * E[W] = E[W_M/M/c]·(1 + cs²)/2 with the same pWait, so θ = pWait / E[W].
 * Overloaded: pWait 1, θ 0 (the wait is unbounded).
 */
export function waitTail(q: QueueState): { readonly pWait: number; readonly theta: number } {
  if (q.lambda <= 0) return { pWait: 0, theta: Infinity };
  if (isOverloaded(q)) return { pWait: 1, theta: 0 };
  const mu = 1 / q.meanService;
  const pWait = erlangC(q.servers, offeredLoad(q));
  const thetaMM = q.servers * mu - q.lambda;
  const factor = (1 + serviceScv(q.shape)) / 2;
  return { pWait, theta: factor > 0 ? thetaMM / factor : Infinity };
}

/** Mean wait before service, seconds (Infinity when overloaded). */
export function meanWait(q: QueueState): number {
  const w = waitTail(q);
  if (w.pWait === 0) return 0;
  return w.theta === 0 ? Infinity : w.pWait / w.theta;
}

/** Mean response time (wait + service), seconds. */
export function meanResponse(q: QueueState): number {
  return meanWait(q) + q.meanService;
}

/** P(S > t) for the service time. */
export function serviceTail(shape: ServiceTimeShape, mean: number, t: number): number {
  if (t < 0) return 1;
  switch (shape.kind) {
    case 'exponential':
      return Math.exp(-t / mean);
    case 'deterministic':
      return t < mean ? 1 : 0;
    case 'lognormal': {
      if (t === 0) return 1;
      const { mu, sigma } = lognormalParams(mean, shape.cv);
      return 1 - normalCdf((Math.log(t) - mu) / sigma);
    }
  }
}

/** Parameters of the log-normal with this mean and coefficient of variation. */
function lognormalParams(mean: number, cv: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Intervals of the numerical convolution for log-normal service times (Simpson's rule). */
const SIMPSON_STEPS = 200;

/**
 * P(T > t) for the response time T = W + S (W and S independent):
 * P(T > t) = P(S > t) + pWait·∫₀ᵗ f_S(s)·e^(−θ(t−s)) ds. Closed forms for exponential and
 * deterministic service; Simpson's rule over the log-normal density otherwise. 1 when overloaded.
 */
export function responseTail(q: QueueState, t: number): number {
  if (isOverloaded(q)) return 1;
  const m = q.meanService;
  const sTail = serviceTail(q.shape, m, t);
  const { pWait, theta } = waitTail(q);
  if (pWait === 0 || t <= 0) return sTail;
  switch (q.shape.kind) {
    case 'deterministic':
      return t < m ? 1 : pWait * Math.exp(-theta * (t - m));
    case 'exponential': {
      const mu = 1 / m;
      // ∫₀ᵗ μe^(−μs)·e^(−θ(t−s)) ds = μ(e^(−θt) − e^(−μt)) / (μ − θ), or μt·e^(−μt) when θ = μ.
      const conv = Math.abs(mu - theta) < 1e-12 * mu ? mu * t * Math.exp(-mu * t) : (mu * (Math.exp(-theta * t) - Math.exp(-mu * t))) / (mu - theta);
      return Math.min(1, sTail + pWait * conv);
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(m, q.shape.cv);
      const density = (s: number): number => (s <= 0 ? 0 : Math.exp(-((Math.log(s) - mu) ** 2) / (2 * sigma * sigma)) / (s * sigma * Math.sqrt(2 * Math.PI)));
      const h = t / SIMPSON_STEPS;
      let sum = 0;
      for (let i = 0; i <= SIMPSON_STEPS; i++) {
        const s = i * h;
        const w = i === 0 || i === SIMPSON_STEPS ? 1 : i % 2 === 1 ? 4 : 2;
        sum += w * density(s) * Math.exp(-theta * (t - s));
      }
      return Math.min(1, sTail + pWait * ((sum * h) / 3));
    }
  }
}

/** One part of a window's traffic: a stationary queue carrying `weight` of the window's requests. */
export interface WeightedQueue {
  readonly queue: QueueState;
  /** Requests (or any positive weight proportional to them). */
  readonly weight: number;
}

/** Relative precision of quantile bisection. */
const QUANTILE_PRECISION = 1e-6;

/**
 * The `p`-quantile (0 < p < 1) of the response time over a mixture of stationary queues, each
 * weighted by the requests it carried: the smallest t with Σ wᵢ·P(Tᵢ > t) ≤ (1 − p)·Σ wᵢ. Infinity
 * when the requests of overloaded parts alone exceed 1 − p (the quantile is unbounded: censored);
 * NaN without requests. Found by bisection between the shortest service time and a bound that
 * holds for every part.
 */
export function responseQuantile(parts: readonly WeightedQueue[], p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`quantile must be in (0, 1), got ${p}`);
  const live = parts.filter((x) => x.weight > 0 && x.queue.lambda > 0);
  const total = live.reduce((s, x) => s + x.weight, 0);
  if (total <= 0) return NaN;
  const target = (1 - p) * total;
  const tail = (t: number): number => live.reduce((s, x) => s + x.weight * responseTail(x.queue, t), 0);
  const overloaded = live.filter((x) => isOverloaded(x.queue)).reduce((s, x) => s + x.weight, 0);
  if (overloaded > target) return Infinity;
  let lo = 0;
  let hi = Math.max(...live.map((x) => x.queue.meanService));
  while (tail(hi) > target) hi *= 2;
  while (hi - lo > QUANTILE_PRECISION * hi) {
    const mid = (lo + hi) / 2;
    if (tail(mid) > target) lo = mid;
    else hi = mid;
  }
  return hi;
}
