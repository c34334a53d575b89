/* global process */
// Lints code that is never written to disk, as if it stood at the given path: reads
// [{ filePath, code }] as JSON on stdin, prints [{ filePath, messages: [{ ruleId, message }] }].
import { ESLint } from 'eslint'

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = ''
    process.stdin.on('data', (chunk) => (text += chunk))
    process.stdin.on('end', () => resolve(text))
  }),
)
const eslint = new ESLint()
const out = []
for (const { filePath, code } of input) {
  const [result] = await eslint.lintText(code, { filePath })
  out.push({ filePath, messages: result.messages.map(({ ruleId, message }) => ({ ruleId, message })) })
}
process.stdout.write(JSON.stringify(out))
