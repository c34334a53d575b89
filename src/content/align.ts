import type { Block, Installment } from './schema'

/**
 * Translations are aligned: an English body has as many blocks as the Chinese, of the same type at
 * each index (a heading of the same level), so the reader can set them side by side. The CLI refuses
 * anything else with `file:line`; an app that meets a misaligned English body anyway (a file made by
 * another tool) drops it and shows the Chinese, rather than refuse the installment.
 */

const kindOf = (block: Block) => (block.type === 'heading' ? `level-${block.level} heading` : block.type)
const a = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`
const blocks = (n: number) => `${n} block${n === 1 ? '' : 's'}`

/**
 * Where `enBody` is not block for block with `body`, in words naming both (empty when it is aligned):
 * `en.body has 9 blocks; body has 10`, `en.body[3] is a paragraph; body[3] is an answer`.
 */
export function alignmentProblems(
  body: readonly Block[],
  enBody: readonly Block[],
  enName = 'en.body',
  name = 'body',
): string[] {
  const problems: string[] = []
  if (enBody.length !== body.length)
    problems.push(`${enName} has ${blocks(enBody.length)}; ${name} has ${body.length}`)
  for (let i = 0; i < Math.min(body.length, enBody.length); i++) {
    const [en, zh] = [kindOf(enBody[i]), kindOf(body[i])]
    if (en !== zh) problems.push(`${enName}[${i}] is ${a(en)}; ${name}[${i}] is ${a(zh)}`)
  }
  return problems
}

/** The installment as a reader may see it: its English body dropped when it is not aligned. */
export function withAlignedEn(installment: Installment): Installment {
  const { en } = installment
  if (!en?.body || alignmentProblems(installment.body, en.body).length === 0) return installment
  const { body: _misaligned, ...meta } = en
  return { ...installment, en: meta }
}
