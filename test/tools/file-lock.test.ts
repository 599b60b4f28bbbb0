// The lock that keeps two runs apart (journals, the rule file's writers): held by one live run at a time, taken over
// from a dead one by exactly one contender, never from a run that is still writing it or that is merely a reused pid.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

import { LockBusyError, acquireLock, lockHolder, withLock } from '../../tools/lib/file-lock'
import { Journal } from '../../tools/wechat/journal'
import { PROCESS_TIMEOUT, start, tsx } from './real-process'

const tmp = mkdtempSync(join(tmpdir(), 'file-lock-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let n = 0
const lockFile = () => join(tmp, `case-${n++}.lock`)

/** The pid of a process that has exited (it ran `node -e ""`): one for the file, every stale lock's holder. */
let deadPid = 0
beforeAll(async () => {
  const dead = start([process.execPath, '-e', ''])
  await dead.exited
  deadPid = dead.pid
}, PROCESS_TIMEOUT)

const record = (extra: object) =>
  JSON.stringify({
    pid: deadPid,
    host: hostname(),
    start: null,
    token: 'stale0token',
    at: 'then',
    ...extra,
  })

describe('acquireLock', () => {
  it('is held by one run at a time, names the holder, and is free again once released', () => {
    const path = lockFile()
    const held = acquireLock(path, 'the journal')
    expect(() => acquireLock(path, 'the journal')).toThrow(
      new RegExp(
        `^Another run \\(pid ${process.pid}, since .+\\) is using the journal\\. Wait for it, or stop it first\\.$`
      )
    )
    expect(lockHolder(path)).toMatchObject({ pid: process.pid, host: hostname() })
    held.release()
    expect(existsSync(path)).toBe(false)
    acquireLock(path).release()
  })

  it('records pid, host, the process start and a token, written whole', () => {
    const path = lockFile()
    const held = acquireLock(path)
    const owner = JSON.parse(readFileSync(path, 'utf8'))
    expect(owner).toEqual({
      pid: process.pid,
      host: hostname(),
      start: expect.stringMatching(/^[0-9a-f-]+:[0-9]+$/),
      token: expect.stringMatching(/^[0-9a-f]{24}$/),
      at: expect.any(String),
    })
    held.release()
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it.each([
    { name: 'a dead holder', content: () => record({}) },
    // pid reuse: the pid runs (this very process) but started at another time than the holder did.
    {
      name: 'a reused pid (a live process that started after the lock)',
      content: () => record({ pid: process.pid, start: 'other-boot:1' }),
    },
    { name: 'a dead holder of an earlier version (bare pid)', content: () => String(deadPid) },
  ])('takes over the lock of $name', ({ content }) => {
    const path = lockFile()
    writeFileSync(path, content())
    const held = acquireLock(path)
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe(held.owner.token)
    held.release()
  })

  it('never takes a lock that is still being written (empty and fresh), but does once it is old', () => {
    const path = lockFile()
    writeFileSync(path, '')
    expect(() => acquireLock(path, 'the journal')).toThrow(LockBusyError)
    const aMinuteAgo = new Date(Date.now() - 60_000)
    utimesSync(path, aMinuteAgo, aMinuteAgo)
    acquireLock(path).release()
  })

  it('names no dead run as the holder when it gives up while another run takes the stale lock over', () => {
    const path = lockFile()
    writeFileSync(path, record({}))
    // Another contender (this live process) holds the take-over guard for exactly that stale content.
    const guard = acquireLock(`${path}.stale-stale0token`)
    expect(() => acquireLock(path, 'the journal')).toThrow(
      `the journal is locked by a run that is starting (${path}). Wait for it, or stop it first.`
    )
    guard.release()
    acquireLock(path).release()
  })

  it("leaves a lock of another machine's run alone and says how to clear it", () => {
    const path = lockFile()
    writeFileSync(path, record({ host: 'build-server-7', pid: 4242 }))
    expect(() => acquireLock(path, 'the journal')).toThrow(
      `Another run (pid 4242 on build-server-7, since then) is using the journal. Wait for it, or stop it first; ` +
        `if no run is going on build-server-7, delete ${path}.`
    )
  })

  it('never releases a lock that another run has taken over', () => {
    const path = lockFile()
    const held = acquireLock(path)
    writeFileSync(path, record({ pid: process.pid, start: null, token: 'someone0else' }))
    held.release()
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe('someone0else')
  })
})

describe('withLock', () => {
  it(
    'waits for the holder to finish, then runs',
    async () => {
      const path = lockFile()
      // Another process holds it until a try of withLock's has been refused (a wait on what withLock does, never on
      // a clock), marking its release just before it releases.
      const holder = start(tsx(join(__dirname, 'children', 'lock-holder.ts'), path))
      try {
        await holder.match(/^held$/m)
        const critical = () => {
          // The holder had released, and the lock is this run's: a withLock that ran at once, or after one refused
          // try without taking the lock, fails here whatever the timing.
          expect(existsSync(`${path}.released`)).toBe(true)
          expect(lockHolder(path)).toMatchObject({ pid: process.pid })
          return 'ran'
        }
        expect(withLock(path, 'the rule file', critical, PROCESS_TIMEOUT)).toBe('ran')
        expect(existsSync(path)).toBe(false)
        expect(await holder.exited).toMatchObject({ status: 0, stderr: '' })
      } finally {
        await holder.kill() // a holder still waiting for a try (withLock never tried) must not outlive the test
      }
    },
    PROCESS_TIMEOUT
  )

  it('gives up with the holder named after waitMs', () => {
    const path = lockFile()
    const held = acquireLock(path)
    expect(() => withLock(path, 'the rule file', () => 'ran', 50)).toThrow(/is using the rule file/)
    held.release()
  })
})

describe('Journal', () => {
  it('refuses a second run while one holds the journal, in this process or any other', () => {
    const path = join(tmp, 'runs.journal')
    const first = Journal.open(path)
    expect(() => Journal.open(path)).toThrow(LockBusyError)
    expect(Journal.peek(path).busy).toBe(true)
    first.close()
    expect(Journal.peek(path).busy).toBe(false)
  })
})

describe('the lock race: contenders resuming over a stale lock at once', () => {
  const CONTENDERS = 3
  const TRIALS = 60

  it(
    `lets exactly one of ${CONTENDERS} processes win in each of ${TRIALS} trials`,
    async () => {
      const dir = mkdtempSync(join(tmp, 'race-'))
      // Stale locks of both kinds: this version's record and an earlier version's bare pid, all of dead runs.
      for (let t = 0; t < TRIALS; t++) {
        writeFileSync(
          join(dir, `lock-${t}`),
          t % 2 === 0 ? record({ token: `stale${t}token` }) : String(deadPid)
        )
      }
      const script = join(__dirname, 'children', 'lock-contender.ts')
      const contenders = Array.from({ length: CONTENDERS }, (_, id) =>
        start(tsx(script, dir, String(id), String(CONTENDERS), String(TRIALS)))
      )
      // All started (tsx takes a while) before the signal, so that their attempts overlap.
      await Promise.all(contenders.map((c) => c.match(/^ready$/m)))
      writeFileSync(join(dir, 'go'), '')
      const results = await Promise.all(contenders.map((c) => c.exited))
      expect(results.map((r) => [r.status, r.stderr])).toEqual(results.map(() => [0, '']))
      const winners = Array.from(
        { length: TRIALS },
        (_, t) => readdirSync(dir).filter((f) => f.startsWith(`won-${t}-`)).length
      )
      expect(winners).toEqual(winners.map(() => 1))
    },
    PROCESS_TIMEOUT
  )
})
