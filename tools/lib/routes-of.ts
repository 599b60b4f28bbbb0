// Every route a rule file declares, whichever section holds it: the checks that judge routes (their patterns, their
// pages' input) walk this list, so a new section (`miniProgramCode`, …) is checked without being named here.
import { isObject, pointerKey } from '../../src/landing/json-value'

/** A route as written in the file, and where (a JSON pointer). */
export interface DeclaredRoute {
  pointer: string
  route: unknown
}

/** Each link rule's `routes`, then the `routes` of every other top-level section, in document order. */
export function routesOf(file: Record<string, unknown>): DeclaredRoute[] {
  const found: DeclaredRoute[] = []
  const add = (routes: unknown, at: string) => {
    if (Array.isArray(routes))
      routes.forEach((route: unknown, j: number) => found.push({ pointer: `${at}/${j}`, route }))
  }
  for (const [key, section] of Object.entries(file)) {
    if (key === 'rules' && Array.isArray(section)) {
      section.forEach((rule: unknown, i: number) => {
        if (isObject(rule)) add(rule.routes, `/rules/${i}/routes`)
      })
    } else if (isObject(section)) {
      add(section.routes, `/${pointerKey(key)}/routes`)
    }
  }
  return found
}
