/**
 * The ETA timeline: the solver's plan-mode arithmetic over a route that is already under way.
 * From the courier's current position and time, each remaining stop is reached after the travel
 * time of its leg; service starts at the arrival or when the stop's window opens (waiting), and
 * the courier leaves after the service time. A stop is late when no window is still open at arrival.
 */
export interface TimelineStop {
  status: 'pending' | 'arrived' | 'done' | 'failed';
  /** Epoch ms pairs. */
  windows: { start: number; end: number }[];
  serviceS: number;
  /** Epoch ms the courier reported arriving, for a stop in progress. */
  arrivedAt: number | null;
  /** Planned seconds of driving from the previous stop (the first leg is measured live instead). */
  legS: number;
}

export interface Projection {
  /** Index into the stops given. */
  index: number;
  /** Epoch ms of the arrival. */
  eta: number;
  /** Epoch ms service begins (after any wait for the window). */
  serviceStart: number;
  late: boolean;
}

/**
 * Projects the open stops (pending or arrived) of a route.
 * @param now epoch ms of the courier's latest position
 * @param toNextS live travel seconds from that position to the first open stop
 */
export function projectTimeline(stops: readonly TimelineStop[], now: number, toNextS: number): Projection[] {
  const out: Projection[] = [];
  let clock = now;
  let first = true;
  for (let i = 0; i < stops.length; i++) {
    const stop = stops[i]!;
    if (stop.status !== 'pending' && stop.status !== 'arrived') continue;
    let arrival: number;
    if (stop.status === 'arrived' && stop.arrivedAt !== null) arrival = stop.arrivedAt;
    else arrival = first ? now + toNextS * 1000 : clock + stop.legS * 1000;
    first = false;
    const window = stop.windows.find((w) => w.end >= arrival);
    const late = stop.windows.length > 0 && !window;
    const serviceStart = window ? Math.max(arrival, window.start) : arrival;
    // A stop in progress cannot finish in the past.
    clock = Math.max(serviceStart + stop.serviceS * 1000, stop.status === 'arrived' ? now : 0);
    out.push({ index: i, eta: arrival, serviceStart, late });
  }
  return out;
}

/** Planned driving seconds into each stop: planned arrival minus the previous stop's planned departure. */
export function plannedLegs(stops: readonly { planned_arrival: Date; planned_start: Date; service_s: number }[]): number[] {
  return stops.map((stop, i) => {
    if (i === 0) return 0;
    const previous = stops[i - 1]!;
    return Math.max(0, (stop.planned_arrival.getTime() - previous.planned_start.getTime()) / 1000 - previous.service_s);
  });
}
