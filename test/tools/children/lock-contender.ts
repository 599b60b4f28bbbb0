// One contender of the lock race in file-lock.test.ts, as its own process: for each trial it waits at a barrier for
// every other contender, then tries to take that trial's (stale) lock, and writes a `won-<trial>-<id>` file if it did.
// It never releases, and it does not exit before every contender has made its last attempt: a winner stays the live
// holder until the race is over (a holder that has exited is dead, and its lock rightly taken over by a late
// contender — a second winner the lock did not make).
//   tsx lock-contender.ts DIR ID CONTENDERS TRIALS
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { LockBusyError, acquireLock } from '../../../tools/lib/file-lock'

const [dir, id, contenders, trials] = process.argv.slice(2)
const pause = new Int32Array(new SharedArrayBuffer(4))
const all = (name: string) =>
  Array.from({ length: Number(contenders) }, (_, j) => join(dir, `${name}-${j}`)).every(existsSync)
const waitFor = (check: () => boolean) => {
  const until = Date.now() + 60_000
  while (!check()) {
    if (Date.now() > until) throw new Error('barrier timed out')
    Atomics.wait(pause, 0, 0, 1)
  }
}

// The test waits for this line before it writes the start signal.
console.log('ready')
waitFor(() => existsSync(join(dir, 'go')))
for (let trial = 0; trial < Number(trials); trial++) {
  writeFileSync(join(dir, `at-${trial}-${id}`), '')
  waitFor(() => all(`at-${trial}`))
  try {
    acquireLock(join(dir, `lock-${trial}`))
    writeFileSync(join(dir, `won-${trial}-${id}`), '')
  } catch (e) {
    if (!(e instanceof LockBusyError)) throw e
  }
}
writeFileSync(join(dir, `finished-${id}`), '')
waitFor(() => all('finished'))
