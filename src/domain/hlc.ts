/**
 * Hybrid logical clock (Kulkarni et al.). Event order must not trust a tablet's wall clock alone
 * (tablets drift and get set wrong), yet should stay close to real time so the timeline reads naturally.
 *
 * Encoded as a fixed-width string `wall:counter:node` so that plain string comparison is the total order
 * "wall time, then counter, then device id" that the fold and every store use.
 */
export interface Hlc {
  /** Milliseconds since the Unix epoch. */
  wall: number
  counter: number
  node: string
}

/** How far a remote clock may run ahead of ours before we refuse to adopt it (as Evolu does). */
export const MAX_DRIFT_MS = 5 * 60 * 1000

const WALL_WIDTH = 13
const COUNTER_WIDTH = 5
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1

export function encodeHlc(h: Hlc): string {
  return `${h.wall.toString().padStart(WALL_WIDTH, '0')}:${h.counter.toString(36).padStart(COUNTER_WIDTH, '0')}:${h.node}`
}

export const HLC_PATTERN = /^\d{13}:[0-9a-z]{5}:[\w-]{1,64}$/

export function decodeHlc(s: string): Hlc {
  if (!HLC_PATTERN.test(s)) throw new Error(`Not a hybrid logical clock value: ${s}`)
  const [wall, counter, ...node] = s.split(':')
  return { wall: Number(wall), counter: parseInt(counter!, 36), node: node.join(':') }
}

/** The clock for a new local event. */
export function tickHlc(last: Hlc | null, now: number, node: string): Hlc {
  if (!last || now > last.wall) return { wall: now, counter: 0, node }
  return bump({ wall: last.wall, counter: last.counter + 1, node })
}

/**
 * Merge a clock seen on an event from elsewhere. A remote clock further ahead than MAX_DRIFT_MS is not
 * adopted (the event is still kept): one tablet set to next year must not drag every clock with it.
 */
export function receiveHlc(local: Hlc | null, remote: Hlc, now: number, node: string): Hlc {
  if (remote.wall - now > MAX_DRIFT_MS) return tickHlc(local, now, node)
  const localWall = local?.wall ?? -1
  const localCounter = local?.counter ?? -1
  const wall = Math.max(localWall, remote.wall, now)
  let counter = 0
  if (wall === localWall && wall === remote.wall) counter = Math.max(localCounter, remote.counter) + 1
  else if (wall === localWall) counter = localCounter + 1
  else if (wall === remote.wall) counter = remote.counter + 1
  return bump({ wall, counter, node })
}

function bump(h: Hlc): Hlc {
  // A counter overflow would break the fixed width; moving the wall on by 1 ms keeps order and width.
  return h.counter > MAX_COUNTER ? { wall: h.wall + 1, counter: 0, node: h.node } : h
}

export function hlcWallMs(s: string): number {
  return Number(s.slice(0, WALL_WIDTH))
}

export function hlcWallTime(s: string): Date {
  return new Date(hlcWallMs(s))
}
