/**
 * Prints what remote content costs on the compiled bundle (dist/weapp-remote): requests on a cold and
 * a warm launch, and the cache's size once every installment of a 100-installment series was opened.
 * Run: npm run build:weapp:remote && npx tsx tests/tools/measure-remote.ts
 */
import { measureRemote } from '../weapp/remote-scenarios'

measureRemote(Number(process.argv[2] ?? 100))
  .then((m) => console.table(m))
  .catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
