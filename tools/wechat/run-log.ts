// What the WeChat tools write into their journals, and how a run is read back: a run starts with `run`; each WeChat
// call is an `intent` then a `done` (or `failed`, or `unknown` when it went out and no answer came back); `created`
// keeps a new code's url the moment WeChat returns it; `end` closes the run. Generic over the planned step type, so
// the journal itself knows nothing of plans.

/** One line of a run's journal; `S` is a planned step. */
export type RunRecord<S> =
  | { t: 'run'; tool: string; fingerprint: string; at: string; scenes?: string[] }
  | { t: 'plan'; steps: S[] }
  | { t: 'intent'; key: string }
  | { t: 'done'; key: string; outcome: string }
  | { t: 'failed'; key: string; code: number | null; message: string }
  | { t: 'unknown'; key: string; message: string }
  | {
      t: 'created'
      scene: string
      url: string
      ticket: string
      /** The numeric `scene_id` the code carries (QR_LIMIT_SCENE, QR_SCENE), mapped to `scene` in sceneIds. */
      sceneId?: number
      /** A temporary code's end, UNIX seconds. */
      expire_time?: number
    }
  | { t: 'end'; ok: boolean; note?: string }

export type CreatedRecord = Extract<RunRecord<unknown>, { t: 'created' }>

/** The last run in a journal, as far as it got. */
export interface RunState<S> {
  tool: string
  fingerprint: string
  at: string
  ended: boolean
  steps: S[]
  scenes: string[]
  done: Set<string>
  /**
   * Started and never finished: WeChat may or may not have made the change (the process died meanwhile, or the
   * answer never came).
   */
  uncertain: Set<string>
  /** The uncertain keys already journaled as `unknown` (the answer was lost, not the process). */
  unknown: Set<string>
}

/** The last run of `records`, or null when there is none. */
export function lastRun<S>(records: readonly RunRecord<S>[]): RunState<S> | null {
  let start = -1
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i].t === 'run') {
      start = i
      break
    }
  }
  if (start < 0) return null
  const head = records[start] as Extract<RunRecord<S>, { t: 'run' }>
  const state: RunState<S> = {
    tool: head.tool,
    fingerprint: head.fingerprint,
    at: head.at,
    ended: false,
    steps: [],
    scenes: head.scenes ?? [],
    done: new Set(),
    uncertain: new Set(),
    unknown: new Set(),
  }
  for (const r of records.slice(start + 1)) {
    if (r.t === 'plan') state.steps = r.steps
    else if (r.t === 'intent') {
      state.uncertain.add(r.key)
      state.unknown.delete(r.key)
    } else if (r.t === 'unknown') {
      state.uncertain.add(r.key)
      state.unknown.add(r.key)
    } else if (r.t === 'done' || r.t === 'failed') {
      if (r.t === 'done') state.done.add(r.key)
      state.uncertain.delete(r.key)
      state.unknown.delete(r.key)
    } else if (r.t === 'end') state.ended = true
  }
  return state
}

/** Every code created in any run the records remember. */
export function createdCodes(records: readonly RunRecord<unknown>[]): CreatedRecord[] {
  return records.filter((r): r is CreatedRecord => r.t === 'created')
}

export type UnknownRecord = Extract<RunRecord<unknown>, { t: 'unknown' }>

/**
 * Every `qrcode/create` of a permanent code the records remember sending without getting its answer (a timeout, a
 * kill): each may have made a code whose url never arrived. WeChat cannot list codes, so such a code is lost, yet it
 * counts against the account's 100 000 permanent codes (a lost temporary code ends on its own and counts for nothing).
 */
export function unansweredCreates(records: readonly RunRecord<unknown>[]): UnknownRecord[] {
  return records.filter((r): r is UnknownRecord => r.t === 'unknown' && r.key.startsWith(CREATE))
}

/** The journal key of the `qrcode/create` call for `scene`: a temporary code's is told apart (see above). */
export function createKey(scene: string, temporary = false): string {
  return `${temporary ? CREATE_TEMPORARY : CREATE}${scene}`
}

const CREATE = 'create '
const CREATE_TEMPORARY = 'create-temporary '
