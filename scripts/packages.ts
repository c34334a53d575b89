/**
 * The mini program's packages as WeChat counts them (bytes of the files under each subpackage root,
 * the rest in the main package), and WeChat's limits on them. `npm run release` refuses a build that
 * breaks one, naming the package; `npx tsx scripts/packages.ts [dist]` prints them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export type PackageSize = { name: string; bytes: number }

const MiB = 1024 * 1024
/** WeChat's limits: each package, all of them together, and what one page preloads. */
export const WECHAT_LIMITS = { package: 2 * MiB, all: 30 * MiB, preload: 2 * MiB } as const

type AppJson = {
  subPackages?: Array<{ root: string }>
  preloadRule?: Record<string, { packages: string[] }>
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

const rootOf = (root: string) => root.replace(/\/?$/, '/')
const readApp = (dist: string) => JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson

/** The main package and each subpackage: bytes of the files under each root. */
export function packageSizes(dist: string): PackageSize[] {
  const roots = (readApp(dist).subPackages ?? []).map((p) => rootOf(p.root))
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])])
  for (const file of filesUnder(dist)) {
    const rel = path.relative(dist, file).split(path.sep).join('/')
    const owner = roots.find((r) => rel.startsWith(r)) ?? 'main'
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(file).size)
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes }))
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(2)} MiB`

/** Every way the build breaks WeChat's limits, one line each; empty when it would be accepted. */
export function packageProblems(dist: string): string[] {
  const sizes = packageSizes(dist)
  const bytesOf = new Map(sizes.map((s) => [s.name, s.bytes]))
  const problems = sizes
    .filter((s) => s.bytes > WECHAT_LIMITS.package)
    .map((s) => `package ${s.name}: ${mib(s.bytes)}, over WeChat's ${mib(WECHAT_LIMITS.package)} a package`)
  const all = sizes.reduce((sum, s) => sum + s.bytes, 0)
  if (all > WECHAT_LIMITS.all)
    problems.push(`all packages: ${mib(all)}, over WeChat's ${mib(WECHAT_LIMITS.all)} in all`)
  for (const [page, rule] of Object.entries(readApp(dist).preloadRule ?? {})) {
    const preloaded = rule.packages.reduce((sum, root) => sum + (bytesOf.get(rootOf(root)) ?? 0), 0)
    if (preloaded > WECHAT_LIMITS.preload)
      problems.push(`${page} preloads ${mib(preloaded)}, over WeChat's ${mib(WECHAT_LIMITS.preload)} a page`)
  }
  return problems
}

if (require.main === module) {
  const dist = path.resolve(process.argv[2] ?? 'dist/weapp')
  for (const s of packageSizes(dist)) console.log(`${s.name}\t${s.bytes}\t${mib(s.bytes)}`)
  const problems = packageProblems(dist)
  problems.forEach((p) => console.error(p))
  process.exit(problems.length ? 1 : 0)
}
