// One writer of the rule file for rule-file-writer.test.ts, as its own process: it prints `ready`, and after the
// shared start signal makes ROUNDS writes through the tools' one writer, either saving tickets (as tickets:create
// does, one code a write) or recording rule states (as rules:sync apply does, flipping 1 ↔ 2 so every round rewrites
// the file).
//   tsx rule-file-writer.ts RULES GO tickets PREFIX ROUNDS | states ROUNDS
import { existsSync } from 'node:fs'

import { recordRuleStates, saveTickets } from '../../../tools/lib/rule-file-writer'

const [rules, go, kind, ...rest] = process.argv.slice(2)
const pause = new Int32Array(new SharedArrayBuffer(4))
// The test waits for this line before it writes the start signal.
console.log('ready')
while (!existsSync(go)) Atomics.wait(pause, 0, 0, 1)

if (kind === 'tickets') {
  const [prefix, rounds] = rest
  for (let i = 0; i < Number(rounds); i++) {
    saveTickets(rules, [{ url: `http://weixin.qq.com/q/02${prefix}${i}`, scene: `store=1&table=${i + 1}` }])
  }
} else {
  const [rounds] = rest
  for (let i = 0; i < Number(rounds); i++) {
    recordRuleStates(
      rules,
      new Map([['https://shop.example.com/s/', i % 2 === 0 ? (2 as const) : (1 as const)]])
    )
  }
}
